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

        var value = text.Trim();
        if (TryParseParts(value, out var year, out var month, out var day, out _, out _, out _)
            || TryParseParts(value = Normalize(value), out year, out month, out day, out _, out _, out _))
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

        var value = text.Trim();
        if (TryParseParts(value, out var year, out var month, out var day, out var hour, out var minute, out var second)
            || TryParseParts(value = Normalize(value), out year, out month, out day, out hour, out minute, out second))
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
        Span<int> parts = stackalloc int[6];
        if (TryScan(value, parts, out var count, out var firstDigits))
        {
            if (count == 1 && firstDigits == 8)
            {
                year = parts[0] / 10000;
                month = parts[0] / 100 % 100;
                day = parts[0] % 100;
                return true;
            }

            if (firstDigits == 4 && count is 3 or 5 or 6)
            {
                (year, month, day) = (parts[0], parts[1], parts[2]);
                if (count >= 5)
                {
                    (hour, minute, second) = (parts[3], parts[4], count == 6 ? parts[5] : 0);
                }

                return true;
            }

            return false;
        }

        return TryParsePartsSlow(value, out year, out month, out day, out hour, out minute, out second);
    }

    /// <summary>
    /// The fast path (boards write the same few formats 100,000 times a file): numbers separated by / - . : 年 月 日 時 分 秒,
    /// spaces or T, a weekday in parentheses skipped, ASCII or full-width digits. Anything else goes to the regular expressions.
    /// </summary>
    private static bool TryScan(ReadOnlySpan<char> text, Span<int> parts, out int count, out int firstDigits)
    {
        count = 0;
        firstDigits = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var digit = DigitOf(c);
            if (digit >= 0)
            {
                if (count == parts.Length)
                {
                    return false;
                }

                var value = 0;
                var digits = 0;
                while (i < text.Length && (digit = DigitOf(text[i])) >= 0)
                {
                    if (++digits > 8)
                    {
                        return false;
                    }

                    value = (value * 10) + digit;
                    i++;
                }

                if (count == 0)
                {
                    firstDigits = digits;
                }

                parts[count++] = value;
                continue;
            }

            if (c is '(' or '（')
            {
                var close = text[i..].IndexOfAny(')', '）');
                if (close < 0)
                {
                    return false;
                }

                i += close + 1;
                continue;
            }

            if (c is '/' or '-' or '.' or ':' or ' ' or 'T' or '\u3000' or '年' or '月' or '日' or '時' or '分' or '秒' or '／' or '－' or '：')
            {
                i++;
                continue;
            }

            return false;
        }

        return count > 0;
    }

    private static int DigitOf(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= '０' and <= '９' ? c - '０' : -1;

    private static bool TryParsePartsSlow(string value, out int year, out int month, out int day, out int hour, out int minute, out int second)
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
