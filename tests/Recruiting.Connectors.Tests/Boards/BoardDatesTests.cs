using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class BoardDatesTests
{
    [Theory]
    [InlineData("1990/04/01", 1990, 4, 1)]
    [InlineData("1990-4-1", 1990, 4, 1)]
    [InlineData("1990.04.01", 1990, 4, 1)]
    [InlineData("1990年4月1日", 1990, 4, 1)]
    [InlineData("１９９０年４月１日", 1990, 4, 1)]
    [InlineData("１９９０／０４／０１", 1990, 4, 1)]
    [InlineData("19900401", 1990, 4, 1)]
    [InlineData(" 1990/04/01 00:00 ", 1990, 4, 1)]
    [InlineData("平成2年1月2日", 1990, 1, 2)]
    [InlineData("H2.1.2", 1990, 1, 2)]
    [InlineData("昭和64年1月7日", 1989, 1, 7)]
    [InlineData("令和元年5月1日", 2019, 5, 1)]
    [InlineData("Ｓ６０．１．９", 1985, 1, 9)]
    [InlineData("T12.9.1", 1923, 9, 1)]
    public void Dates(string text, int year, int month, int day)
    {
        BoardDates.TryParseDate(text, out var date).Should().BeTrue(text);
        date.Should().Be(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("")]
    [InlineData("不明")]
    [InlineData("1990/02/30")]
    [InlineData("90/04/01")]
    [InlineData("1990/04")]
    [InlineData("1990/04/01/05/06/07/08")]
    [InlineData("平成/1/2")]
    public void NotDates(string text) => BoardDates.TryParseDate(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("2026/11/20 10:15", "2026-11-20T10:15:00+09:00")]
    [InlineData("2026/11/20 10:15:30", "2026-11-20T10:15:30+09:00")]
    [InlineData("2026/11/20(金) 10:15", "2026-11-20T10:15:00+09:00")]
    [InlineData("2026年11月20日 10時15分", "2026-11-20T10:15:00+09:00")]
    [InlineData("2026-11-20", "2026-11-20T00:00:00+09:00")]
    [InlineData("2026-11-20T10:15:00+00:00", "2026-11-20T10:15:00+00:00")]
    [InlineData("２０２６／１１／２０　１０：１５", "2026-11-20T10:15:00+09:00")]
    public void Instants_InTheZoneUnlessTheyHaveAnOffset(string text, string expected)
    {
        BoardDates.TryParseInstant(text, BoardTestData.Tokyo, out var instant).Should().BeTrue(text);
        instant.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        instant.Offset.Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset);
    }

    [Theory]
    [InlineData("2026/11/20 25:00")]
    [InlineData("昨日")]
    [InlineData("2026/13/01 10:00")]
    public void NotInstants(string text) => BoardDates.TryParseInstant(text, BoardTestData.Tokyo, out _).Should().BeFalse();
}
