using System.Globalization;
using System.Text;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class CsvEncodingsTests
{
    [Fact]
    public void StrictShiftJis_DecodesEveryCp932Code_AsWindowsDoes()
    {
        // The table lists every double-byte code of CP932 with its character (NEC and IBM duplicates included).
        var encoding = CsvEncodings.StrictShiftJis;
        var mismatches = new List<string>();
        foreach (var line in File.ReadLines(BoardTestData.PathOf("encoding/cp932-table.txt")))
        {
            var parts = line.Split(' ');
            var bytes = Convert.FromHexString(parts[0]);
            var expected = (char)int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var decoded = encoding.GetString(bytes);
            if (decoded.Length != 1 || decoded[0] != expected)
            {
                mismatches.Add(parts[0]);
            }
        }

        mismatches.Should().BeEmpty();
    }

    [Theory]
    [InlineData("EEE0", "髙")]
    [InlineData("FBFC", "髙")]
    [InlineData("ED95", "﨑")]
    [InlineData("8790", "≒")]
    [InlineData("EEEF", "ⅰ")]
    public void DuplicateCodes_Decode(string hex, string expected)
        => CsvEncodings.StrictShiftJis.GetString(Convert.FromHexString(hex)).Should().Be(expected);

    [Theory]
    [InlineData("EEED")]
    [InlineData("85 40")]
    [InlineData("81")]
    public void UndefinedCodes_Throw(string hex)
    {
        var act = () => CsvEncodings.StrictShiftJis.GetString(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal)));
        act.Should().Throw<DecoderFallbackException>();
    }

    [Fact]
    public void Names_MapToCodePages()
    {
        foreach (var name in new[] { "shift_jis", "Shift_JIS", "sjis", "cp932", "windows-31j", "ms932" })
        {
            CsvEncodings.TryResolve(name, out var e).Should().BeTrue(name);
            e.CodePage.Should().Be(932);
        }

        CsvEncodings.TryResolve("utf-8", out var utf8).Should().BeTrue();
        utf8.CodePage.Should().Be(Encoding.UTF8.CodePage);
        CsvEncodings.TryResolve("latin1", out _).Should().BeFalse();
        CsvEncodings.TryResolve(null, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Utf8Validator_AcrossChunkBoundaries(int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes("氏名,𠮷野家,メール\n");
        var validator = new CsvEncodings.Utf8Validator();
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            validator.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)), final: false).Should().BeTrue();
        }

        validator.Feed([], final: true).Should().BeTrue();
        validator.Invalid.Should().BeFalse();

        var broken = new CsvEncodings.Utf8Validator();
        var sjis = BoardTestData.ShiftJis("山田");
        var ok = true;
        for (var i = 0; i < sjis.Length; i += chunk)
        {
            ok &= broken.Feed(sjis.AsSpan(i, Math.Min(chunk, sjis.Length - i)), final: false);
        }

        broken.Feed([], final: true);
        broken.Invalid.Should().BeTrue();
    }

    [Fact]
    public void Utf8Validator_TruncatedSequenceAtEnd_IsInvalid()
    {
        var validator = new CsvEncodings.Utf8Validator();
        validator.Feed([0xE5, 0xB1], final: false).Should().BeTrue();
        validator.Feed([], final: true).Should().BeFalse();
    }
}
