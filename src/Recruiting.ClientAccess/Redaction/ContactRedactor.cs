using System.Buffers;
using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace Recruiting.ClientAccess.Redaction;

/// <summary>What a masked span was.</summary>
internal enum MaskKind
{
    Email,
    Phone,
    Url,
    Contact,
}

/// <summary>The contact values of one candidate's record, prepared once for masking them wherever they are written.</summary>
internal sealed class KnownContacts
{
    public static KnownContacts None { get; } = new([], [], []);

    private KnownContacts((string Value, MaskKind Kind)[] literals, string[] phoneDigits, string[] emails)
    {
        Literals = literals;
        PhoneDigits = phoneDigits;
        Emails = emails;
    }

    /// <summary>Gets values masked wherever they occur (case-insensitive): e-mails, links, messenger ids, address lines, phones as written.</summary>
    public (string Value, MaskKind Kind)[] Literals { get; }

    /// <summary>Gets the digits of each phone number (at least 6), matched however the text groups them.</summary>
    public string[] PhoneDigits { get; }

    /// <summary>Gets the e-mail addresses.</summary>
    public string[] Emails { get; }

    public static KnownContacts From(CandidateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var literals = new List<(string, MaskKind)>();
        void Add(string? value, int minLength, MaskKind kind = MaskKind.Contact)
        {
            var v = value?.Trim();
            if (!string.IsNullOrEmpty(v) && v.Length >= minLength)
            {
                literals.Add((v, kind));
            }
        }

        foreach (var e in profile.Emails)
        {
            Add(e, 3, MaskKind.Email);
        }

        foreach (var p in profile.Phones)
        {
            Add(p, 4, MaskKind.Phone);
        }

        foreach (var l in profile.SocialLinks)
        {
            Add(l, 4, MaskKind.Url);
        }

        foreach (var m in profile.MessengerIds)
        {
            Add(m, 3);
            var colon = m?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon >= 0)
            {
                Add(m![(colon + 1)..], 3);
            }
        }

        if (profile.Address is { } address)
        {
            foreach (var line in address.Lines)
            {
                Add(line, 6);
            }
        }

        var digits = profile.Phones.Select(DigitsOf).Where(d => d.Length >= 6).Distinct(StringComparer.Ordinal).ToArray();
        var emails = profile.Emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).ToArray();

        // Longest first so a value inside another is masked as part of the longer one.
        return new KnownContacts(literals.DistinctBy(l => l.Item1, StringComparer.OrdinalIgnoreCase).OrderByDescending(l => l.Item1.Length).ToArray(), digits, emails);
    }

    public static string DigitsOf(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsDigit(c))
            {
                builder.Append((char)('0' + (int)char.GetNumericValue(c)));
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// Finds and masks contact details in free text (résumé text, notes, file names): e-mail addresses, phone numbers of
/// every country (checked with libphonenumber), URLs and messenger handles, and every contact value of the candidate's
/// own record however it is written. Pure and thread-safe.
/// </summary>
internal sealed class ContactRedactor
{
    public const string EmailMask = "[e-mail hidden]";
    public const string PhoneMask = "[phone hidden]";
    public const string UrlMask = "[link hidden]";
    public const string ContactMask = "[contact hidden]";

    private const int MinPhoneDigits = 7;
    private const int MaxPhoneDigits = 17;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private readonly string[] _regions;

    /// <summary>Initializes a new instance of the <see cref="ContactRedactor"/> class.</summary>
    /// <param name="regions">The regions (ISO 3166-1 alpha-2) national-format numbers are tried in, in order.</param>
    public ContactRedactor(IEnumerable<string> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        _regions = regions.Select(r => r.Trim().ToUpperInvariant()).Where(r => r.Length == 2).Distinct(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> Regions => _regions;

    /// <summary>Masks contact details in a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="known">The candidate's own contact values.</param>
    /// <param name="extraRegion">A further region to try first (the candidate's country), when known.</param>
    /// <returns>The text with every contact detail replaced by a mask.</returns>
    public string Redact(string? text, KnownContacts known, string? extraRegion = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        ArgumentNullException.ThrowIfNull(known);
        var spans = new List<(int Start, int End, MaskKind Kind)>();
        FindLiterals(text, known, spans);
        FindEmails(text, spans);
        FindUrlsAndHandles(text, spans);
        FindPhones(text, known, extraRegion, spans);
        return spans.Count == 0 ? text : Apply(text, spans);
    }

    private static void FindLiterals(string text, KnownContacts known, List<(int, int, MaskKind)> spans)
    {
        foreach (var (literal, kind) in known.Literals)
        {
            var at = 0;
            while (at < text.Length && (at = text.IndexOf(literal, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                spans.Add((at, at + literal.Length, kind));
                at += literal.Length;
            }
        }
    }

    private static bool IsLocalPartChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '\'' or '!' or '#' or '$' or '&' or '*' or '=' or '?' or '^' or '`' or '{' or '|' or '}' or '~';

    private static bool IsDomainChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '.';

    private static readonly char[] EmailMarkers = ['@', '＠'];

    private static void FindEmails(string text, List<(int, int, MaskKind)> spans)
    {
        var at = 0;
        while ((at = text.IndexOfAny(EmailMarkers, at)) >= 0)
        {
            var start = at;
            while (start > 0 && IsLocalPartChar(text[start - 1]))
            {
                start--;
            }

            var end = at + 1;
            while (end < text.Length && IsDomainChar(text[end]))
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] is '.' or '-')
            {
                end--;
            }

            var domain = text.AsSpan(at + 1, end - at - 1);
            if (start < at && domain.Length >= 3 && domain.Contains('.'))
            {
                spans.Add((start, end, MaskKind.Email));
            }

            at = Math.Max(end, at + 1);
        }
    }

    private static bool IsTokenBreak(char c) => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '(' or ')' or '[' or ']' or '「' or '」' or '、' or '，' or ',';

    private static readonly SearchValues<char> UrlMarkers = SearchValues.Create("/@");

    private static void FindUrlsAndHandles(string text, List<(int, int, MaskKind)> spans)
    {
        // Jump between the characters a URL or handle must contain ('/', a leading '@', "www.") instead of reading every token.
        var consumed = 0;
        var at = 0;
        var www = text.IndexOf("www.", StringComparison.OrdinalIgnoreCase);
        while (at < text.Length)
        {
            var next = text.AsSpan(at).IndexOfAny(UrlMarkers);
            if (www >= 0 && www < at)
            {
                www = text.IndexOf("www.", at, StringComparison.OrdinalIgnoreCase);
            }

            if (next < 0 && www < 0)
            {
                break;
            }

            at = next < 0 ? www : www >= 0 ? Math.Min(at + next, www) : at + next;
            if (at < consumed)
            {
                at++;
                continue;
            }

            var start = at;
            while (start > 0 && !IsTokenBreak(text[start - 1]))
            {
                start--;
            }

            var end = at;
            while (end < text.Length && !IsTokenBreak(text[end]))
            {
                end++;
            }

            var tokenEnd = end;
            while (end > start && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '。')
            {
                end--;
            }

            if (end - start >= 4)
            {
                var token = text.AsSpan(start, end - start);
                if (LooksLikeUrl(token))
                {
                    spans.Add((start, end, MaskKind.Url));
                    consumed = tokenEnd;
                }
                else if (token[0] == '@' && token.Length >= 4 && !token[1..].Contains('@') && IsHandle(token[1..]))
                {
                    spans.Add((start, end, MaskKind.Contact));
                    consumed = tokenEnd;
                }
            }

            at++;
        }
    }

    private static bool IsHandle(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeUrl(ReadOnlySpan<char> token)
    {
        var scheme = token.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            return true;
        }

        if (token.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // A bare host with a path: linkedin.com/in/x, github.com/x, t.me/x.
        var slash = token.IndexOf('/');
        var host = slash > 0 ? token[..slash] : token;
        var dot = host.LastIndexOf('.');
        if (slash <= 0 || dot <= 0 || dot == host.Length - 1)
        {
            return false;
        }

        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        var tld = host[(dot + 1)..];
        foreach (var c in tld)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return tld.Length >= 2;
    }

    /// <summary>Where a phone number can start: digits (ASCII, full-width, Arabic-Indic, Devanagari), '+' and '('.</summary>
    private static readonly SearchValues<char> PhoneStarts = SearchValues.Create("0123456789０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९+＋(（");

    private static bool IsPhoneSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' or '－' or '（' or '）' or '\u3000' or 'ー';

    /// <summary>The ASCII subset of <see cref="PhoneStarts"/>: enough for a text without any non-ASCII character, and searched faster.</summary>
    private static readonly SearchValues<char> AsciiPhoneStarts = SearchValues.Create("0123456789+(");

    private void FindPhones(string text, KnownContacts known, string? extraRegion, List<(int, int, MaskKind)> spans)
    {
        // A text of ASCII only can hold no full-width or non-Latin digit, so the smaller set finds every start there.
        var starts = text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F') ? PhoneStarts : AsciiPhoneStarts;
        var i = 0;
        Span<char> digits = stackalloc char[MaxPhoneDigits + 1];
        while (i < text.Length)
        {
            var skip = text.AsSpan(i).IndexOfAny(starts);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            var c = text[i];
            var opens = char.IsDigit(c) || ((c is '+' or '＋' or '(' or '（') && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] is '(' or ' '));
            if (!opens || (i > 0 && char.IsLetterOrDigit(text[i - 1]) && !char.IsDigit(c)) || (i > 0 && char.IsLetter(text[i - 1])))
            {
                i++;
                continue;
            }

            var start = i;
            var count = 0;
            var lastDigit = -1;
            var separatorsInRow = 0;
            var j = i;
            if (text[j] is '+' or '＋')
            {
                j++;
            }

            for (; j < text.Length; j++)
            {
                var ch = text[j];
                if (char.IsDigit(ch))
                {
                    if (count <= MaxPhoneDigits)
                    {
                        digits[Math.Min(count, MaxPhoneDigits)] = char.IsAsciiDigit(ch) ? ch : (char)('0' + (int)char.GetNumericValue(ch));
                    }

                    count++;
                    lastDigit = j;
                    separatorsInRow = 0;
                }
                else if (IsPhoneSeparator(ch) && ++separatorsInRow <= 2)
                {
                    continue;
                }
                else
                {
                    break;
                }
            }

            if (lastDigit < 0)
            {
                i = j + 1;
                continue;
            }

            var end = lastDigit + 1;
            if (end < text.Length && text[end] == ')')
            {
                end++;
            }

            if (count >= MinPhoneDigits && count <= MaxPhoneDigits && (end >= text.Length || !char.IsLetter(text[end])))
            {
                var digitSpan = digits[..count];
                var international = text[start] is '+' or '＋';
                var span = text.AsSpan(start, end - start);
                if (MatchesKnown(digitSpan, known) || (international && count >= 8) || (!international && !LooksLikeDate(span) && IsValidPhone(span, international, extraRegion)))
                {
                    spans.Add((start, end, MaskKind.Phone));
                }
            }
            else if (count > MaxPhoneDigits)
            {
                // A long digit run may still hold a known number (run together with other digits).
                var run = KnownContacts.DigitsOf(text[start..end]);
                foreach (var phone in known.PhoneDigits)
                {
                    if (run.Contains(phone, StringComparison.Ordinal))
                    {
                        spans.Add((start, end, MaskKind.Phone));
                        break;
                    }
                }
            }

            i = Math.Max(end, i + 1);
        }
    }

    /// <summary>Year ranges and dates (2019-2023, 2019/04/01, 04.2019 - 03.2023) are not phone numbers.</summary>
    private static bool LooksLikeDate(ReadOnlySpan<char> span)
    {
        var years = 0;
        var groups = 0;
        var i = 0;
        while (i < span.Length)
        {
            if (!char.IsDigit(span[i]))
            {
                i++;
                continue;
            }

            var value = 0;
            var length = 0;
            while (i < span.Length && char.IsDigit(span[i]))
            {
                value = (value * 10) + (int)char.GetNumericValue(span[i]);
                length++;
                i++;
            }

            groups++;
            if (length == 4 && value is >= 1900 and <= 2099)
            {
                years++;
            }
            else if (length > 2)
            {
                return false;
            }
        }

        return years > 0 && groups <= 4;
    }

    private static bool MatchesKnown(ReadOnlySpan<char> digits, KnownContacts known)
    {
        foreach (var phone in known.PhoneDigits)
        {
            // Same number written with or without its country code or trunk prefix: the last 7+ digits agree.
            var tail = Math.Min(Math.Min(phone.Length, digits.Length), 9);
            if (tail >= MinPhoneDigits && digits[^tail..].SequenceEqual(phone.AsSpan(phone.Length - tail)))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsValidPhone(ReadOnlySpan<char> candidate, bool international, string? extraRegion)
    {
        var text = candidate.ToString();
        if (international)
        {
            return TryValid(text, "ZZ");
        }

        if (extraRegion is { Length: 2 } && TryValid(text, extraRegion.ToUpperInvariant()))
        {
            return true;
        }

        foreach (var region in _regions)
        {
            if (TryValid(text, region))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryValid(string text, string region)
    {
        try
        {
            var number = Phones.Parse(text, region);
            return Phones.IsValidNumber(number);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static string Apply(string text, List<(int Start, int End, MaskKind Kind)> spans)
    {
        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var builder = new StringBuilder(text.Length);
        var position = 0;
        var index = 0;
        while (index < spans.Count)
        {
            var (start, end, kind) = spans[index++];
            while (index < spans.Count && spans[index].Start < end)
            {
                end = Math.Max(end, spans[index].End);
                index++;
            }

            if (start < position)
            {
                start = position;
            }

            builder.Append(text, position, start - position);
            builder.Append(kind switch
            {
                MaskKind.Email => EmailMask,
                MaskKind.Phone => PhoneMask,
                MaskKind.Url => UrlMask,
                _ => ContactMask,
            });
            position = end;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    /// <summary>The regions tried when none are configured.</summary>
    public static IReadOnlyList<string> DefaultRegions { get; } = ["JP", "US", "GB", "DE", "FR", "RU", "UA", "SE", "CN", "IN", "BR", "AU", "KR"];

    internal static string Describe(MaskKind kind) => kind.ToString().ToLower(CultureInfo.InvariantCulture);
}
