using System.Collections.Frozen;
using System.Text;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// Completes .NET's code page 932 decoder: Windows decodes the duplicate codes of CP932 (the NEC-selected IBM
/// extensions <c>ED40</c>–<c>EEFC</c>, where some tools write 髙 as <c>EEE0</c> and 﨑 as <c>ED95</c>, and NEC row 13
/// and IBM duplicates such as <c>8790</c> ≒ or <c>FA4A</c> Ⅰ), .NET's table does not. This fallback maps exactly those
/// codes to their characters and throws <see cref="DecoderFallbackException"/> for anything else, so decoding stays strict.
/// </summary>
internal sealed class Cp932DecoderFallback : DecoderFallback
{
    public static Cp932DecoderFallback Instance { get; } = new();

    private static readonly Lazy<FrozenDictionary<int, char>> Duplicates = new(Build);

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

    /// <summary>Builds the map of duplicate codes, decoding the NEC-selected ones through their IBM twins.</summary>
    private static FrozenDictionary<int, char> Build()
    {
        var map = new Dictionary<int, char>
        {
            [0x8790] = '\u2252', [0x8791] = '\u2261', [0x8792] = '\u222B', [0x8795] = '\u221A', [0x8796] = '\u22A5',
            [0x8797] = '\u2220', [0x879A] = '\u2235', [0x879B] = '\u2229', [0x879C] = '\u222A',
            [0xFA54] = '\uFFE2', [0xFA58] = '\u3231', [0xFA59] = '\u2116', [0xFA5A] = '\u2121', [0xFA5B] = '\u2235',
        };
        for (var i = 0; i < 10; i++)
        {
            map[0xFA4A + i] = (char)(0x2160 + i); // Ⅰ..Ⅹ
        }

        var canonical = Encoding.GetEncoding(CsvEncodings.ShiftJisCodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        Span<byte> pair = stackalloc byte[2];
        Span<char> one = stackalloc char[2];

        // ED40..EEEC are the IBM extensions FA5C..FC4B in the same order (188 trail bytes per lead byte, 0x7F unused).
        for (var lead = 0xED; lead <= 0xEE; lead++)
        {
            for (var trail = 0x40; trail <= 0xFC; trail++)
            {
                if (trail == 0x7F)
                {
                    continue;
                }

                var code = (lead << 8) | trail;
                int twin;
                if (code <= 0xEEEC)
                {
                    twin = FromIndex(IndexOf(lead, trail, 0xED) + 28);
                }
                else if (code is >= 0xEEEF and <= 0xEEF8)
                {
                    twin = 0xFA40 + (code - 0xEEEF); // ⅰ..ⅹ
                }
                else if (code == 0xEEF9)
                {
                    map[code] = '\uFFE2';
                    continue;
                }
                else if (code is >= 0xEEFA and <= 0xEEFC)
                {
                    twin = 0xFA55 + (code - 0xEEFA);
                }
                else
                {
                    continue;
                }

                pair[0] = (byte)(twin >> 8);
                pair[1] = (byte)twin;
                if (canonical.GetChars(pair, one) == 1)
                {
                    map[code] = one[0];
                }
            }
        }

        return map.ToFrozenDictionary();
    }

    private static int IndexOf(int lead, int trail, int firstLead) => ((lead - firstLead) * 188) + (trail < 0x7F ? trail - 0x40 : trail - 0x41);

    private static int FromIndex(int index)
    {
        var lead = 0xFA + (index / 188);
        var offset = index % 188;
        var trail = offset < 0x3F ? offset + 0x40 : offset + 0x41;
        return (lead << 8) | trail;
    }

    private sealed class Buffer : DecoderFallbackBuffer
    {
        private char _pending;
        private bool _has;

        public override int Remaining => _has ? 1 : 0;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            if (bytesUnknown.Length == 2 && Duplicates.Value.TryGetValue((bytesUnknown[0] << 8) | bytesUnknown[1], out var c))
            {
                _pending = c;
                _has = true;
                return true;
            }

            throw new DecoderFallbackException($"Unable to translate bytes [{Convert.ToHexString(bytesUnknown)}] at index {index} from code page 932 to Unicode.", bytesUnknown, index);
        }

        public override char GetNextChar()
        {
            if (!_has)
            {
                return '\0';
            }

            _has = false;
            return _pending;
        }

        public override bool MovePrevious() => false;

        public override void Reset() => _has = false;
    }
}
