using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit.Utils;

namespace Recruiting.MailImport.Unwrapping;

/// <summary>
/// Reads the dates mail clients write in inline forward headers, in many languages and layouts, best-effort:
/// <c>Mon, 4 Nov 2024 at 10:12</c>, <c>Montag, 4. November 2024 10:12</c>, <c>lundi 4 novembre 2024 10:12</c>,
/// <c>lunes, 4 de noviembre de 2024 10:12</c>, <c>2024年11月4日 10:12</c>, <c>4 ноября 2024 г., 10:12</c>, <c>11/4/2024 10:12 AM</c>,
/// <c>Mon, 4 Nov 2024 10:12:00 +0100</c>.
/// </summary>
internal static partial class LocalizedDateParser
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static readonly Dictionary<string, int> ZoneOffsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["WEST"] = 60, ["BST"] = 60, ["CET"] = 60, ["MEZ"] = 60,
        ["CEST"] = 120, ["MESZ"] = 120, ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["IST"] = 330, ["SGT"] = 480, ["HKT"] = 480,
        ["JST"] = 540, ["KST"] = 540, ["AEST"] = 600, ["AEDT"] = 660, ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360,
        ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
    };

    /// <summary>Parses a date written by a mail client.</summary>
    /// <param name="text">The text.</param>
    /// <param name="assumedOffset">The offset to use when the text has none.</param>
    /// <param name="preferMonthFirst">Whether <c>1/2/2024</c> is January 2 (US English labels) rather than February 1.</param>
    /// <param name="value">The date.</param>
    /// <param name="language">
    /// The language of the header block's labels when it decides between readings (<c>hr</c>: <c>listopad</c> is October in Croatian,
    /// November in Polish and Czech), else <see langword="null"/>.
    /// </param>
    /// <returns><see langword="true"/> when a date was read.</returns>
    public static bool TryParse(string? text, TimeSpan assumedOffset, bool preferMonthFirst, out DateTimeOffset value, string? language = null)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return false;
        }

        var s = Normalize(text);
        int hour = 0, minute = 0, second = 0;
        var hasTime = false;
        var time = TimeRegex().Match(s);
        if (time.Success)
        {
            hour = int.Parse(time.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(time.Groups["m"].Value, CultureInfo.InvariantCulture);
            second = time.Groups["s"].Success ? int.Parse(time.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            hasTime = true;
        }
        else if (KanjiTimeRegex().Match(s) is { Success: true } kanji)
        {
            hour = int.Parse(kanji.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(kanji.Groups["m"].Value, CultureInfo.InvariantCulture);
            time = kanji;
            hasTime = true;
        }
        else if (DottedTimeRegex().Match(s) is { Success: true } dotted)
        {
            hour = int.Parse(dotted.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(dotted.Groups["m"].Value, CultureInfo.InvariantCulture);
            time = dotted;
            hasTime = true;
        }
        else if (TrailingDottedTimeRegex().Match(s) is { Success: true } trailing)
        {
            // Finnish Outlook: "tiistai 5. maaliskuuta 2024 10.15" (no "klo").
            hour = int.Parse(trailing.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(trailing.Groups["m"].Value, CultureInfo.InvariantCulture);
            time = trailing;
            hasTime = true;
        }

        var rest = s;
        TimeSpan? offset = null;
        if (hasTime)
        {
            var after = s[(time.Index + time.Length)..];
            var before = s[..time.Index];
            if (PmRegex().IsMatch(after) || PmRegex().IsMatch(before))
            {
                if (hour < 12)
                {
                    hour += 12;
                }
            }
            else if ((AmRegex().IsMatch(after) || AmRegex().IsMatch(before)) && hour == 12)
            {
                hour = 0;
            }

            offset = ReadOffset(after);
            rest = before + " " + OffsetRegex().Replace(ZoneRegex().Replace(after, " "), " ");
        }
        else
        {
            offset = ReadOffset(s);
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        if (!TryReadDate(rest, preferMonthFirst, language, out var year, out var month, out var day))
        {
            return TryMimeKit(s, out value);
        }

        if (year < 100)
        {
            year += 2000;
        }

        if (year is < 1970 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset ?? assumedOffset);
        return true;
    }

    /// <summary>Folds the text to what the patterns expect: ASCII digits (Arabic-Indic and Persian digits too), plain spaces, no bidi marks.</summary>
    private static string Normalize(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.AsSpan().Trim())
        {
            if (InlineForwardParser.IsBidiControl(c))
            {
                continue;
            }

            builder.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                '\u00A0' or '\u202F' => ' ',
                '\u060C' => ',',
                _ => c,
            });
        }

        return builder.ToString().Trim();
    }

    private static bool TryMimeKit(string s, out DateTimeOffset value)
        => DateUtils.TryParse(s, out value) && value.Year is >= 1970 and <= 2200;

    private static TimeSpan? ReadOffset(string text)
    {
        var numeric = OffsetRegex().Match(text);
        if (numeric.Success)
        {
            var minutes = (int.Parse(numeric.Groups["hh"].Value, CultureInfo.InvariantCulture) * 60)
                + (numeric.Groups["mm"].Success ? int.Parse(numeric.Groups["mm"].Value, CultureInfo.InvariantCulture) : 0);
            if (minutes > 14 * 60)
            {
                return null;
            }

            return TimeSpan.FromMinutes(numeric.Groups["sign"].Value == "-" ? -minutes : minutes);
        }

        foreach (Match zone in ZoneRegex().Matches(text))
        {
            if (ZoneOffsets.TryGetValue(zone.Value, out var minutes))
            {
                return TimeSpan.FromMinutes(minutes);
            }
        }

        return null;
    }

    private static bool TryReadDate(string text, bool preferMonthFirst, string? language, out int year, out int month, out int day)
    {
        year = month = day = 0;
        var ymd = YearFirstRegex().Match(text);
        if (ymd.Success)
        {
            year = int.Parse(ymd.Groups["y"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(ymd.Groups["m"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(ymd.Groups["d"].Value, CultureInfo.InvariantCulture);
            return true;
        }

        var numeric = NumericDateRegex().Match(text);
        if (numeric.Success)
        {
            var a = int.Parse(numeric.Groups["a"].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(numeric.Groups["b"].Value, CultureInfo.InvariantCulture);
            year = int.Parse(numeric.Groups["y"].Value, CultureInfo.InvariantCulture);
            var dotted = numeric.Groups["sep"].Value == ".";
            var monthFirst = !dotted && (a > 12 ? false : b > 12 || preferMonthFirst);
            (month, day) = monthFirst ? (a, b) : (b, a);
            return true;
        }

        // Words: a month name, a day number and a four-digit year in any order.
        foreach (Match word in WordRegex().Matches(text))
        {
            if (TryMonth(word.Value, language, out var m))
            {
                month = m;
                break;
            }
        }

        if (month == 0)
        {
            return false;
        }

        foreach (Match number in NumberRegex().Matches(text))
        {
            var n = int.Parse(number.Value, CultureInfo.InvariantCulture);
            if (number.Value.Length == 4 && year == 0)
            {
                year = n;
            }
            else if (number.Value.Length <= 2 && day == 0 && n is >= 1 and <= 31)
            {
                day = n;
            }
        }

        return year != 0 && day != 0;
    }

    private static bool TryMonth(string word, string? language, out int month)
    {
        var key = word.ToLowerInvariant().TrimEnd('.');
        if (language == "hr" && key.StartsWith("listopad", StringComparison.Ordinal))
        {
            month = 10;
            return true;
        }

        if (Months.TryGetValue(key, out month))
        {
            return true;
        }

        if (key.Length < 3)
        {
            return false;
        }

        var found = 0;
        foreach (var (name, number) in Months)
        {
            if (name.StartsWith(key, StringComparison.Ordinal))
            {
                if (found != 0 && found != number)
                {
                    return false;
                }

                found = number;
            }
        }

        month = found;
        return found != 0;
    }

    private static Dictionary<string, int> BuildMonths()
    {
        string[][] names =
        [
            ["january", "jan", "januar", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "tammikuuta", "tammikuu", "styczeń", "stycznia", "sty", "leden", "ledna", "január", "januára", "ianuarie", "ian", "siječanj", "siječnja", "janeiro", "ocak", "ιανουάριος", "ιανουαρίου", "ιαν", "январь", "января", "янв", "січень", "січня", "jänner", "jän", "janúar", "ינואר", "يناير"],
            ["february", "feb", "februar", "février", "févr", "fevrier", "febrero", "febbraio", "februari", "helmikuuta", "helmikuu", "luty", "lutego", "lut", "únor", "února", "február", "februára", "februarie", "veljača", "veljače", "fevereiro", "fev", "şubat", "subat", "φεβρουάριος", "φεβρουαρίου", "φεβ", "февраль", "февраля", "фев", "лютий", "лютого", "febrúar", "פברואר", "فبراير", "شباط"],
            ["march", "mar", "märz", "maerz", "mars", "marts", "marzo", "maart", "mrt", "maaliskuuta", "maaliskuu", "marzec", "marca", "březen", "března", "március", "marec", "marca", "martie", "ožujak", "ožujka", "março", "mart", "μάρτιος", "μαρτίου", "μαρ", "март", "марта", "березень", "березня", "מרץ", "مارس", "آذار"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "huhtikuuta", "huhtikuu", "kwiecień", "kwietnia", "kwi", "duben", "dubna", "április", "apríl", "apríla", "aprilie", "travanj", "travnja", "nisan", "απρίλιος", "απριλίου", "απρ", "апрель", "апреля", "апр", "квітень", "квітня", "אפריל", "أبريل", "ابريل", "نيسان"],
            ["may", "mai", "mayo", "maggio", "mag", "mei", "maj", "toukokuuta", "toukokuu", "maja", "květen", "května", "május", "máj", "mája", "svibanj", "svibnja", "maio", "mayıs", "mayis", "μάιος", "μαΐου", "μαίου", "μαΐ", "май", "мая", "травень", "травня", "maí", "מאי", "مايو", "أيار"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "kesäkuuta", "kesäkuu", "czerwiec", "czerwca", "cze", "červen", "června", "június", "jún", "júna", "iunie", "lipanj", "lipnja", "junho", "haziran", "ιούνιος", "ιουνίου", "ιουν", "июнь", "июня", "червень", "червня", "júní", "יוני", "يونيو", "حزيران"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "heinäkuuta", "heinäkuu", "lipiec", "lipca", "lip", "červenec", "července", "július", "júl", "júla", "iulie", "srpanj", "srpnja", "julho", "temmuz", "ιούλιος", "ιουλίου", "ιουλ", "июль", "июля", "липень", "липня", "júlí", "יולי", "يوليو", "تموز"],
            ["august", "aug", "août", "aout", "agosto", "ago", "augustus", "elokuuta", "elokuu", "sierpień", "sierpnia", "sie", "srpen", "srpna", "augusztus", "augusta", "kolovoz", "kolovoza", "ağustos", "agustos", "αύγουστος", "αυγούστου", "αυγ", "август", "августа", "авг", "серпень", "serpnya", "серпня", "augusti", "ágúst", "אוגוסט", "أغسطس", "آب"],
            ["september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "syyskuuta", "syyskuu", "wrzesień", "września", "wrz", "září", "szeptember", "septembra", "septembrie", "rujan", "rujna", "setembro", "eylül", "eylul", "σεπτέμβριος", "σεπτεμβρίου", "σεπ", "сентябрь", "сентября", "сен", "вересень", "вересня", "ספטמבר", "سبتمبر", "أيلول"],
            ["october", "oct", "oktober", "octobre", "octubre", "ottobre", "ott", "okt", "lokakuuta", "lokakuu", "październik", "października", "paź", "říjen", "října", "október", "októbra", "octombrie", "listopad", "outubro", "out", "ekim", "οκτώβριος", "οκτωβρίου", "οκτ", "октябрь", "октября", "жовтень", "жовтня", "október", "אוקטובר", "أكتوبر"],
            ["november", "nov", "novembre", "noviembre", "marraskuuta", "marraskuu", "listopada", "lis", "listopadu", "novembra", "noiembrie", "studeni", "studenoga", "novembro", "kasım", "kasim", "νοέμβριος", "νοεμβρίου", "νοε", "ноябрь", "ноября", "ноя", "листопад", "листопада", "nóvember", "נובמבר", "نوفمبر"],
            ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic", "dicembre", "joulukuuta", "joulukuu", "grudzień", "grudnia", "gru", "prosinec", "prosince", "decembra", "decembrie", "prosinac", "prosinca", "dezembro", "aralık", "aralik", "δεκέμβριος", "δεκεμβρίου", "δεκ", "декабрь", "декабря", "дек", "грудень", "грудня", "desember", "desemba", "דצמבר", "ديسمبر"],
        ];

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                // "listopad" is November in Polish/Czech but October in Croatian; the Polish/Czech reading is far more common.
                map.TryAdd(name, name == "listopad" ? 11 : i + 1);
            }
        }

        return map;
    }

    [GeneratedRegex(@"(?<!\d)(?<h>\d{1,2})\s?[:：](?<m>\d{2})(?:[:：](?<s>\d{2}))?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"(?<h>\d{1,2})\s*(?:時|시)\s*(?<m>\d{1,2})\s*(?:分|분)", RegexOptions.CultureInvariant)]
    private static partial Regex KanjiTimeRegex();

    [GeneratedRegex(@"(?:klo|kl\.?|um|at|à|alle|a las|om)\s+(?<h>\d{1,2})\.(?<m>\d{2})(?!\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DottedTimeRegex();

    [GeneratedRegex(@"(?<=\s)(?<h>\d{1,2})\.(?<m>\d{2})(?:\.\d{2})?\s*(?:[A-Z]{2,5})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingDottedTimeRegex();

    [GeneratedRegex(@"(?<![\p{L}])(?:p\.?\s?m\.?|午後|오후|PM|μ\.?\s?μ\.?|(?<=^|\s)م)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PmRegex();

    [GeneratedRegex(@"(?<![\p{L}])(?:a\.?\s?m\.?|午前|오전|AM|π\.?\s?μ\.?|(?<=^|\s)ص)(?![\p{L}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AmRegex();

    [GeneratedRegex(@"(?:GMT|UTC)?\s?(?<sign>[+\-−])(?<hh>\d{1,2})(?::?(?<mm>\d{2}))?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetRegex();

    [GeneratedRegex(@"(?<![\p{L}])[A-Z]{1,4}T?(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneRegex();

    [GeneratedRegex(@"(?<y>\d{4})\s*[年년/.\-]\s*(?<m>\d{1,2})\s*[月월/.\-]\s*(?<d>\d{1,2})", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstRegex();

    [GeneratedRegex(@"(?<!\d)(?<a>\d{1,2})(?<sep>[./\-])(?<b>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDateRegex();

    [GeneratedRegex(@"\p{L}+\.?", RegexOptions.CultureInvariant)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(?<!\d)\d{1,4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();
}
