using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Recruiting.MailImport.Subjects;

/// <summary>
/// Reads the application reference a recruiter put at the start of a forwarded reply's subject, for example
/// <c>2024-000123 WG: Re: Ihre Bewerbung</c> or <c>TR : RE: 2024-000123 Disponibilités</c>. Thread-safe and pure.
/// </summary>
/// <remarks>
/// The parser first strips a chain of reply/forward prefixes and gateway tags (<see cref="SubjectPrefixes"/>), then reads the
/// first token as the reference. The reference must come first: a number later in the subject is not a reference. The rest of the
/// subject is what follows the reference and its separator (white space or <c>:</c>; none needed after <c>[..]</c> or <c>(..)</c>),
/// as written. See <see cref="SubjectParseFailure"/> for exactly when each failure applies.
/// </remarks>
public sealed class SubjectParser
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _prefixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _tags;
    private readonly Regex? _pattern;
    private readonly int _minLength;
    private readonly int _maxLength;
    private readonly int _maxSubjectLength;
    private readonly ReferenceChecksum _checksum;

    static SubjectParser() => MailEncodings.EnsureRegistered();

    /// <summary>Initializes a new instance of the <see cref="SubjectParser"/> class with the default options.</summary>
    public SubjectParser()
        : this(new SubjectParserOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SubjectParser"/> class.</summary>
    /// <param name="options">The options; they are validated and copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SubjectParser(SubjectParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid subject parser options: " + string.Join(" ", errors), nameof(options));
        }

        _prefixes = SubjectPrefixes.Builtin.Concat(options.AdditionalPrefixes.Select(p => p.Trim()))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _tags = SubjectPrefixes.BuiltinTags.Concat(options.AdditionalTags.Select(p => p.Trim()))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _pattern = options.ReferencePattern is null
            ? null
            : new Regex(@"\A(?:" + options.ReferencePattern + @")\z", RegexOptions.CultureInvariant | RegexOptions.Compiled, options.PatternTimeout);
        _minLength = options.MinReferenceLength;
        _maxLength = options.MaxReferenceLength;
        _maxSubjectLength = options.MaxSubjectLength;
        _checksum = options.Checksum;
    }

    /// <summary>
    /// Parses a raw <c>Subject</c> header value: unfolds it, decodes RFC 2047 encoded words (unknown charsets fall back to a
    /// best-effort decoding), cuts it at <see cref="SubjectParserOptions.MaxSubjectLength"/> and reads the reference.
    /// </summary>
    /// <param name="rawHeaderValue">The header value as received, or <see langword="null"/> when the message had no subject.</param>
    /// <returns>The reference and the rest of the subject, or the reason there is none. Never throws for bad input.</returns>
    public SubjectParseResult Parse(string? rawHeaderValue)
    {
        if (rawHeaderValue is null)
        {
            return SubjectParseResult.Failed(SubjectParseFailure.NoReference, null);
        }

        var decoded = Decode(rawHeaderValue);
        if (!TryParse(decoded, out var match))
        {
            return SubjectParseResult.Failed(match.Failure!.Value, decoded);
        }

        return SubjectParseResult.Found(new ApplicationReference(decoded[match.Reference]), decoded[match.Subject], decoded);
    }

    /// <summary>
    /// Reads the reference at the start of an already decoded subject without allocating. Subjects longer than
    /// <see cref="SubjectParserOptions.MaxSubjectLength"/> are read only up to that length.
    /// </summary>
    /// <param name="subject">The decoded subject.</param>
    /// <param name="match">The ranges of the reference and of the rest of the subject, or the failure.</param>
    /// <returns><see langword="true"/> when a reference was read.</returns>
    public bool TryParse(ReadOnlySpan<char> subject, out SubjectMatch match)
    {
        if (subject.Length > _maxSubjectLength)
        {
            subject = subject[..CutLength(subject, _maxSubjectLength)];
        }

        var start = SkipPrefixes(subject, 0);
        if (start >= subject.Length)
        {
            match = new SubjectMatch(SubjectParseFailure.NoReference);
            return false;
        }

        var token = ReadReference(subject, start);
        if (token.Status != TokenStatus.Valid)
        {
            match = new SubjectMatch(
                token.Status == TokenStatus.Malformed ? SubjectParseFailure.MalformedReference : SubjectParseFailure.NoReference,
                token.Status == TokenStatus.Malformed ? new Range(token.ValueStart, token.ValueEnd) : default);
            return false;
        }

        var rest = SkipSeparator(subject, token.End);
        var next = SkipPrefixes(subject, rest);
        if (next < subject.Length)
        {
            var second = ReadReference(subject, next);
            if (second.Status == TokenStatus.Valid
                && !subject[second.ValueStart..second.ValueEnd].Equals(subject[token.ValueStart..token.ValueEnd], StringComparison.OrdinalIgnoreCase))
            {
                match = new SubjectMatch(SubjectParseFailure.Ambiguous, new Range(second.ValueStart, second.ValueEnd));
                return false;
            }
        }

        var end = subject.Length;
        while (end > rest && char.IsWhiteSpace(subject[end - 1]))
        {
            end--;
        }

        match = new SubjectMatch(new Range(token.ValueStart, token.ValueEnd), new Range(rest, end));
        return true;
    }

    /// <summary>Checks a reference value (without wrappers) against the tenant's format and check digit.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the value is a valid reference.</returns>
    public bool IsValidReference(ReadOnlySpan<char> value)
    {
        if (value.Length < _minLength || value.Length > _maxLength)
        {
            return false;
        }

        if (_pattern is null)
        {
            if (!IsDefaultFormat(value))
            {
                return false;
            }
        }
        else
        {
            try
            {
                if (!_pattern.IsMatch(value))
                {
                    return false;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return ReferenceChecksums.IsValid(value, _checksum);
    }

    internal string Decode(string rawHeaderValue)
    {
        var text = rawHeaderValue;
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            text = Unfold(text);
        }

        if (text.Contains("=?", StringComparison.Ordinal))
        {
            try
            {
                text = Rfc2047.DecodeText(ParserOptions.Default, Encoding.UTF8.GetBytes(text));
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or NotSupportedException or DecoderFallbackException)
            {
                // Keep the undecoded text: a reference is ASCII and still readable.
            }
        }

        if (text.Length > _maxSubjectLength)
        {
            text = text[..CutLength(text, _maxSubjectLength)];
        }

        return text.Trim();
    }

    /// <summary>
    /// RFC 5322 unfolding: a line break followed by white space is removed. A bare line break followed by anything
    /// else (not valid folding) becomes one space, so two tokens are never glued into one reference.
    /// </summary>
    internal static string Unfold(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not '\r' and not '\n')
            {
                builder.Append(c);
                continue;
            }

            while (i + 1 < text.Length && text[i + 1] is '\r' or '\n')
            {
                i++;
            }

            if (i + 1 < text.Length && text[i + 1] is not ' ' and not '\t')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private static int CutLength(ReadOnlySpan<char> text, int max)
        => char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;

    private static bool IsDefaultFormat(ReadOnlySpan<char> value)
    {
        var digit = false;
        var previousHyphen = true;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digit = true;
                previousHyphen = false;
            }
            else if (char.IsAsciiLetter(c))
            {
                previousHyphen = false;
            }
            else if (c == '-' && !previousHyphen)
            {
                previousHyphen = true;
            }
            else
            {
                return false;
            }
        }

        return digit && !previousHyphen;
    }

    private static bool IsColon(char c) => c is ':' or '：';

    private static bool IsShapeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.';

    /// <summary>Whether a failed token still looks like an attempt at a reference (see <see cref="SubjectParseFailure"/>).</summary>
    private static bool LooksLikeReference(ReadOnlySpan<char> token, bool wrapped)
    {
        var digit = false;
        var run = 0;
        foreach (var c in token)
        {
            if (!IsShapeChar(c))
            {
                if (!wrapped)
                {
                    break;
                }

                continue;
            }

            run++;
            digit |= char.IsAsciiDigit(c);
        }

        return digit && (wrapped || run >= 3);
    }

    private static int SkipSeparator(ReadOnlySpan<char> subject, int position)
    {
        while (position < subject.Length && char.IsWhiteSpace(subject[position]))
        {
            position++;
        }

        if (position < subject.Length && IsColon(subject[position]))
        {
            position++;
            while (position < subject.Length && char.IsWhiteSpace(subject[position]))
            {
                position++;
            }
        }

        return position;
    }

    private static ReadOnlySpan<char> StripCounter(ReadOnlySpan<char> word)
    {
        // Re[2], Re(3), RE^2.
        if (word.Length > 2 && word[^1] is ']' or ')')
        {
            var open = word[^1] == ']' ? '[' : '(';
            var at = word.LastIndexOf(open);
            if (at > 0 && at < word.Length - 2 && IsDigits(word[(at + 1)..^1]))
            {
                return word[..at].TrimEnd();
            }
        }

        var caret = word.LastIndexOf('^');
        if (caret > 0 && caret < word.Length - 1 && IsDigits(word[(caret + 1)..]))
        {
            return word[..caret].TrimEnd();
        }

        return word;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        return !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
    }

    private int SkipPrefixes(ReadOnlySpan<char> subject, int position)
    {
        while (true)
        {
            while (position < subject.Length && char.IsWhiteSpace(subject[position]))
            {
                position++;
            }

            if (position >= subject.Length)
            {
                return position;
            }

            var next = SkipOnePrefix(subject, position);
            if (next == position)
            {
                return position;
            }

            position = next;
        }
    }

    private int SkipOnePrefix(ReadOnlySpan<char> subject, int position)
    {
        var first = subject[position];
        if (first is '[' or '*')
        {
            var close = first == '[' ? ']' : '*';
            var window = subject.Slice(position + 1, Math.Min(subject.Length - position - 1, SubjectParserConstants.MaxTagLength + 1));
            var end = window.IndexOf(close);
            if (end > 0 && _tags.Contains(window[..end].Trim()))
            {
                var after = position + 1 + end + 1;
                var look = after;
                while (look < subject.Length && char.IsWhiteSpace(subject[look]))
                {
                    look++;
                }

                return look < subject.Length && IsColon(subject[look]) ? look + 1 : after;
            }

            return position;
        }

        // Prefix word, optional counter, optional white space, colon.
        var span = subject.Slice(position, Math.Min(subject.Length - position, SubjectParserConstants.MaxPrefixWordLength + 8));
        var colon = span.IndexOfAny(':', '：');
        if (colon <= 0)
        {
            return position;
        }

        var word = StripCounter(span[..colon].TrimEnd());
        return !word.IsEmpty && (_prefixes.Contains(word) || _tags.Contains(word)) ? position + colon + 1 : position;
    }

    private Token ReadReference(ReadOnlySpan<char> subject, int start)
    {
        var first = subject[start];
        var close = first switch
        {
            '[' => ']',
            '(' => ')',
            '【' => '】',
            '［' => '］',
            _ => '\0',
        };

        if (close != '\0')
        {
            var window = subject.Slice(start + 1, Math.Min(subject.Length - start - 1, _maxLength + 3));
            var end = window.IndexOf(close);
            if (end < 0)
            {
                var cut = window.IndexOfAny(' ', '\t', close);
                var body = cut < 0 ? window : window[..cut];
                return new Token(LooksLikeReference(body, wrapped: true) ? TokenStatus.Malformed : TokenStatus.None, start + 1, start + 1 + body.Length, start + 1 + body.Length);
            }

            var inner = window[..end];
            var leading = inner.Length - inner.TrimStart().Length;
            var value = inner.Trim();
            var valueStart = start + 1 + leading;
            var tokenEnd = start + 1 + end + 1;
            if (IsValidReference(value))
            {
                return new Token(TokenStatus.Valid, valueStart, valueStart + value.Length, tokenEnd);
            }

            return new Token(LooksLikeReference(value, wrapped: true) ? TokenStatus.Malformed : TokenStatus.None, valueStart, valueStart + value.Length, tokenEnd);
        }

        var hash = first is '#' or '＃';
        var from = hash ? start + 1 : start;
        var limit = Math.Min(subject.Length, from + _maxLength + 1);
        var stop = from;
        while (stop < limit && !char.IsWhiteSpace(subject[stop]) && !IsColon(subject[stop]))
        {
            stop++;
        }

        var candidate = subject[from..stop];
        var complete = stop == subject.Length || char.IsWhiteSpace(subject[stop]) || IsColon(subject[stop]);
        if (complete && IsValidReference(candidate))
        {
            return new Token(TokenStatus.Valid, from, stop, stop);
        }

        return new Token(LooksLikeReference(candidate, wrapped: hash) ? TokenStatus.Malformed : TokenStatus.None, from, stop, stop);
    }

    private enum TokenStatus
    {
        None,
        Malformed,
        Valid,
    }

    private readonly record struct Token(TokenStatus Status, int ValueStart, int ValueEnd, int End);
}
