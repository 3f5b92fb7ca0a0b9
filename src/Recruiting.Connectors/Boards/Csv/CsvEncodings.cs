using System.Text;
using System.Text.Unicode;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// The encodings board CSV files come in: UTF-8 (with or without BOM), Shift_JIS as Windows writes it (code page 932),
/// and UTF-16 with a byte order mark (what Excel writes when a user saves as "Unicode Text", tab-separated).
/// Decoders are strict: bytes that are not valid in the chosen encoding are an error, never silent replacement characters.
/// </summary>
public static class CsvEncodings
{
    /// <summary>The Windows code page of Japanese Shift_JIS (CP932, Windows-31J), a superset of JIS X 0208 Shift_JIS.</summary>
    public const int ShiftJisCodePage = 932;

    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Gets the names accepted for an explicit encoding and what they mean (names compare case-insensitively).</summary>
    public static IReadOnlyDictionary<string, int> Names { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["utf-8"] = Encoding.UTF8.CodePage,
        ["utf8"] = Encoding.UTF8.CodePage,
        ["utf-8-bom"] = Encoding.UTF8.CodePage,
        ["shift_jis"] = ShiftJisCodePage,
        ["shift-jis"] = ShiftJisCodePage,
        ["sjis"] = ShiftJisCodePage,
        ["x-sjis"] = ShiftJisCodePage,
        ["cp932"] = ShiftJisCodePage,
        ["ms932"] = ShiftJisCodePage,
        ["windows-31j"] = ShiftJisCodePage,
        ["windows-932"] = ShiftJisCodePage,
        ["utf-16"] = Utf16LittleEndianCodePage,
        ["utf-16le"] = Utf16LittleEndianCodePage,
        ["unicode"] = Utf16LittleEndianCodePage,
        ["utf-16be"] = Utf16BigEndianCodePage,
    };

    /// <summary>The code page of UTF-16 little endian (Excel's "Unicode Text").</summary>
    public const int Utf16LittleEndianCodePage = 1200;

    /// <summary>The code page of UTF-16 big endian.</summary>
    public const int Utf16BigEndianCodePage = 1201;

    /// <summary>Gets a strict UTF-16 little-endian encoding (skips its BOM, throws on unpaired surrogates).</summary>
    public static Encoding StrictUtf16LittleEndian { get; } = new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true);

    /// <summary>Gets a strict UTF-16 big-endian encoding (skips its BOM, throws on unpaired surrogates).</summary>
    public static Encoding StrictUtf16BigEndian { get; } = new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true);

    /// <summary>Gets a strict UTF-8 decoder setting (skips a BOM, throws on invalid bytes).</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>Gets a strict CP932 (Shift_JIS) encoding that decodes every code Windows decodes (duplicates included) and throws on any other byte.</summary>
    public static Encoding StrictShiftJis
    {
        get
        {
            _ = Registered.Value;
            return Encoding.GetEncoding(ShiftJisCodePage, EncoderFallback.ExceptionFallback, Cp932DecoderFallback.Instance);
        }
    }

    /// <summary>Resolves an encoding name: <c>utf-8</c>, <c>shift_jis</c>, <c>sjis</c>, <c>cp932</c>, <c>ms932</c>, <c>windows-31j</c> ….</summary>
    /// <param name="name">The name.</param>
    /// <param name="encoding">The strict encoding.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryResolve(string? name, out Encoding encoding)
    {
        encoding = StrictUtf8;
        if (name is null || !Names.TryGetValue(name.Trim(), out var codePage))
        {
            return false;
        }

        encoding = codePage switch
        {
            ShiftJisCodePage => StrictShiftJis,
            Utf16LittleEndianCodePage => StrictUtf16LittleEndian,
            Utf16BigEndianCodePage => StrictUtf16BigEndian,
            _ => StrictUtf8,
        };
        return true;
    }

    /// <summary>Gets the short name of an encoding this class returns (<c>utf-8</c>, <c>cp932</c>, <c>utf-16</c> or <c>utf-16be</c>).</summary>
    /// <param name="encoding">The encoding.</param>
    /// <returns>The name.</returns>
    public static string NameOf(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.CodePage switch
        {
            ShiftJisCodePage => "cp932",
            Utf16LittleEndianCodePage => "utf-16",
            Utf16BigEndianCodePage => "utf-16be",
            _ when encoding.CodePage == Encoding.UTF8.CodePage => "utf-8",
            _ => encoding.WebName,
        };
    }

    /// <summary>Tells whether bytes start with the UTF-8 byte order mark.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>Whether they do.</returns>
    public static bool HasUtf8Bom(ReadOnlySpan<byte> bytes) => bytes.StartsWith("\uFEFF"u8);

    /// <summary>Reads a UTF-16 byte order mark: the strict UTF-16 encoding it announces, or <see langword="null"/>.</summary>
    /// <param name="bytes">The first bytes of a file.</param>
    /// <returns>The encoding, or <see langword="null"/> without a UTF-16 BOM.</returns>
    public static Encoding? Utf16FromBom(ReadOnlySpan<byte> bytes)
        => bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? StrictUtf16LittleEndian
         : bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? StrictUtf16BigEndian
         : null;

    /// <summary>Incrementally checks whether bytes are valid UTF-8 across chunk boundaries.</summary>
    internal sealed class Utf8Validator
    {
        private readonly char[] _scratch = new char[8192];
        private readonly byte[] _carry = new byte[4];
        private int _carryLength;

        public bool Invalid { get; private set; }

        public bool SawNonAscii { get; private set; }

        /// <summary>Feeds a chunk; returns false once the bytes are known to be invalid.</summary>
        public bool Feed(ReadOnlySpan<byte> chunk, bool final)
        {
            if (Invalid)
            {
                return false;
            }

            if (!SawNonAscii && !System.Text.Ascii.IsValid(chunk))
            {
                SawNonAscii = true;
            }

            byte[]? rented = null;
            var data = chunk;
            if (_carryLength > 0)
            {
                // A sequence was split by the previous chunk: validate it joined with this one.
                rented = System.Buffers.ArrayPool<byte>.Shared.Rent(_carryLength + chunk.Length);
                _carry.AsSpan(0, _carryLength).CopyTo(rented);
                chunk.CopyTo(rented.AsSpan(_carryLength));
                data = rented.AsSpan(0, _carryLength + chunk.Length);
                _carryLength = 0;
            }

            try
            {
                while (true)
                {
                    var status = Utf8.ToUtf16(data, _scratch, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
                    data = data[consumed..];
                    switch (status)
                    {
                        case System.Buffers.OperationStatus.Done:
                            return true;
                        case System.Buffers.OperationStatus.DestinationTooSmall:
                            continue;
                        case System.Buffers.OperationStatus.NeedMoreData when data.Length < _carry.Length:
                            data.CopyTo(_carry);
                            _carryLength = data.Length;
                            return true;
                        default:
                            Invalid = true;
                            return false;
                    }
                }
            }
            finally
            {
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }
}
