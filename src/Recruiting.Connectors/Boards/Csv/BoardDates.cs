using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Recruiting.Connectors.Boards;

/// <summary>Reads the dates Japanese boards write: <c>2024/05/01 10:23</c>, <c>2024-05-01</c>, <c>2024年5月1日</c>, <c>20240501</c>, <c>平成2年1月2日</c>, full-width digits.</summary>
internal static partial class BoardDates
{
    private static readonly (string Name, string Abbreviation, int FirstYear)[] Eras =
    [
        ("令和", "R", 2019),
        ("平成", "H", 1989),
        ("昭和", "S", 1926),
        ("大正", "T", 1912),
        ("明治", "M", 1868),
    ];

    /// <summary>Reads a date (a time part, when present, is ignored).</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = Normalize(text);
        if (TryParseParts(value, out var year, out var month, out var day, out _, out _, out _))
        {
            return TryMakeDate(year, month, day, out date);
        }

        var era = EraPattern().Match(value);
        if (era.Success)
        {
            var first = Eras.FirstOrDefault(e => e.Name == era.Groups["era"].Value || string.Equals(e.Abbreviation, era.Groups["era"].Value, StringComparison.OrdinalIgnoreCase)).FirstYear;
            var eraYear = era.Groups["y"].Value == "元" ? 1 : int.Parse(era.Groups["y"].Value, CultureInfo.InvariantCulture);
            return first > 0 && TryMakeDate(first + eraYear - 1, int.Parse(era.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(era.Groups["d"].Value, CultureInfo.InvariantCulture), out date);
        }

        return false;
    }

    /// <summary>Reads an instant; a value without an offset is read in <paramref name="zone"/>.</summary>
    public static bool TryParseInstant(string? text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = Normalize(text);
        if (TryParseParts(value, out var year, out var month, out var day, out var hour, out var minute, out var second))
        {
            if (!TryMakeDate(year, month, day, out var date) || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            var local = date.ToDateTime(new TimeOnly(hour, minute, second), DateTimeKind.Unspecified);
            instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }

        // ISO 8601 with an offset, as an API or a careful export writes it.
        if (value.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out instant))
        {
            return true;
        }

        return false;
    }

    private static bool TryParseParts(string value, out int year, out int month, out int day, out int hour, out int minute, out int second)
    {
        year = month = day = hour = minute = second = 0;
        var match = DatePattern().Match(value);
        if (!match.Success)
        {
            var compact = CompactPattern().Match(value);
            if (!compact.Success)
            {
                return false;
            }

            year = int.Parse(compact.Groups["y"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(compact.Groups["m"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(compact.Groups["d"].Value, CultureInfo.InvariantCulture);
            return true;
        }

        year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["H"].Success)
        {
            hour = int.Parse(match.Groups["H"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(match.Groups["M"].Value, CultureInfo.InvariantCulture);
            second = match.Groups["S"].Success ? int.Parse(match.Groups["S"].Value, CultureInfo.InvariantCulture) : 0;
        }

        return true;
    }

    private static bool TryMakeDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1868 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).Trim();

    [GeneratedRegex(@"^(?<y>\d{4})\s*[/\-.年]\s*(?<m>\d{1,2})\s*[/\-.月]\s*(?<d>\d{1,2})\s*日?(?:\s*\([^)]*\))?(?:[\sT]+(?<H>\d{1,2})\s*[:時]\s*(?<M>\d{1,2})(?:\s*[:分]\s*(?<S>\d{1,2})\s*秒?|\s*分)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactPattern();

    [GeneratedRegex(@"^(?<era>令和|平成|昭和|大正|明治|[RHSTMrhstm])\s*(?<y>\d{1,2}|元)\s*[年/\-.]\s*(?<m>\d{1,2})\s*[月/\-.]\s*(?<d>\d{1,2})\s*日?$", RegexOptions.CultureInvariant)]
    private static partial Regex EraPattern();
}
