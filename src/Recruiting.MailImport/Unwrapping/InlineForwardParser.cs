namespace Recruiting.MailImport.Unwrapping;

/// <summary>A header block of an inline forward found in a text.</summary>
/// <param name="SeparatorStart">Where the separator line (or, without one, the header block) starts: the recruiter's note ends here.</param>
/// <param name="BodyStart">Where the forwarded message's body starts (after the header block and blank lines).</param>
/// <param name="Headers">The header lines in order, label as written → value.</param>
/// <param name="Fields">The recognised fields.</param>
/// <param name="QuoteDepth">How many <c>&gt;</c> quote marks the block carried (their body lines carry them too).</param>
internal sealed record InlineForwardBlock(
    int SeparatorStart,
    int BodyStart,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyDictionary<ForwardField, string> Fields,
    int QuoteDepth);

/// <summary>Finds the header block of an inline forward in plain text (see <see cref="ForwardLabels"/>).</summary>
/// <remarks>
/// A header block is a run of <c>Label: value</c> lines (labels in any language of <see cref="ForwardLabels.Fields"/>, with optional
/// <c>*bold*</c> markers, space before the colon or a full-width colon; single blank lines between them allowed) holding a sender and
/// a date or subject. With a separator line right above it (dashed <c>-----Original Message-----</c> in any language, a dashed line of
/// unknown words, an underscore rule, Apple's <c>Begin forwarded message:</c>) two fields suffice; without one it needs three.
/// Lines quoted with <c>&gt;</c> are read with their quote marks removed.
/// </remarks>
internal static class InlineForwardParser
{
    private const int MaxBlockLines = 40;

    /// <summary>Finds the first header block at or after <paramref name="start"/>.</summary>
    public static InlineForwardBlock? Find(string text, int start = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text, start);
        for (var i = 0; i < lines.Count; i++)
        {
            var first = ParseHeaderLine(text, lines[i]);
            if (first is null)
            {
                continue;
            }

            var block = ReadBlock(text, lines, i);
            if (block is null)
            {
                continue;
            }

            return block;
        }

        return null;
    }

    /// <summary>Removes <paramref name="depth"/> levels of <c>&gt;</c> quoting from each line that has them.</summary>
    public static string Unquote(string body, int depth)
    {
        if (depth <= 0)
        {
            return body;
        }

        var builder = new System.Text.StringBuilder(body.Length);
        foreach (var line in body.Split('\n'))
        {
            var span = line.AsSpan();
            for (var level = 0; level < depth; level++)
            {
                var trimmed = span.TrimStart(' ');
                if (trimmed.Length > 0 && trimmed[0] == '>')
                {
                    span = trimmed[1..];
                    if (span.Length > 0 && span[0] == ' ')
                    {
                        span = span[1..];
                    }
                }
            }

            builder.Append(span).Append('\n');
        }

        return builder.ToString(0, Math.Max(0, builder.Length - 1));
    }

    internal static bool IsSeparator(string line)
    {
        var trimmed = TrimBidi(line.AsSpan()).ToString().TrimEnd(':', '：').Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (trimmed.Length >= 8 && trimmed.All(c => c is '_' or '—' or '─' or '━' or '='))
        {
            return true;
        }

        // Turkish dotted capital I lower-cases to "i" + combining dot in some cultures; the tables are written with a plain "i".
        var lower = trimmed.Replace('İ', 'i').ToLowerInvariant();
        foreach (var separator in ForwardLabels.LineSeparators)
        {
            if (lower == separator)
            {
                return true;
            }
        }

        // Dashed: "-----Original Message-----", "---------- Forwarded message ---------", "-------- Message transféré --------".
        var dashes = lower.TrimStart('-', '–', ' ');
        var leading = lower.Length - dashes.Length;
        var words = dashes.TrimEnd('-', '–', ' ');
        var trailing = dashes.Length - words.Length;
        if (leading < 2 || trailing < 2 || words.Length == 0)
        {
            return false;
        }

        foreach (var separator in ForwardLabels.DashedSeparators)
        {
            if (words == separator)
            {
                return true;
            }
        }

        return words.Length <= ForwardLabels.MaxGenericSeparatorLength && words.Any(char.IsLetter) && !words.Contains(':', StringComparison.Ordinal);
    }

    private static InlineForwardBlock? ReadBlock(string text, List<Line> lines, int first)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var fields = new Dictionary<ForwardField, string>();
        var quote = QuoteDepth(text, lines[first]);
        var last = first;
        var i = first;
        ForwardField? previous = null;
        while (i < lines.Count && i - first < MaxBlockLines)
        {
            var header = ParseHeaderLine(text, lines[i]);
            if (header is not null && QuoteDepth(text, lines[i]) == quote)
            {
                var (label, field, value) = header.Value;
                if (field != ForwardField.Unknown && fields.ContainsKey(field) && field is not ForwardField.Other)
                {
                    break; // A second From: starts the next block.
                }

                headers.Add(new(label, value));
                if (field is not ForwardField.Unknown)
                {
                    fields[field] = value;
                }

                previous = field;
                last = i;
                i++;
                continue;
            }

            var content = Content(text, lines[i], quote);
            if (content.Length == 0)
            {
                // One blank line between header lines (Outlook's paragraphs) is allowed.
                if (i + 1 < lines.Count && ParseHeaderLine(text, lines[i + 1]) is not null && fields.Count < 5)
                {
                    i++;
                    continue;
                }

                break;
            }

            if (previous is ForwardField.To or ForwardField.Cc && char.IsWhiteSpace(text[lines[i].Start]) && headers.Count > 0)
            {
                // A wrapped recipient list.
                var (label, value) = headers[^1];
                headers[^1] = new(label, value + " " + content.Trim());
                fields[previous.Value] = headers[^1].Value;
                last = i;
                i++;
                continue;
            }

            break;
        }

        var known = fields.Keys.Count(f => f is ForwardField.From or ForwardField.Date or ForwardField.To or ForwardField.Cc or ForwardField.Subject);
        if (!fields.ContainsKey(ForwardField.From) || !(fields.ContainsKey(ForwardField.Date) || fields.ContainsKey(ForwardField.Subject)))
        {
            return null;
        }

        var separator = FindSeparatorAbove(text, lines, first);
        if (separator is null && known < 3)
        {
            return null;
        }

        // The body starts after the block and the blank lines below it.
        var bodyLine = last + 1;
        while (bodyLine < lines.Count && Content(text, lines[bodyLine], quote).Length == 0)
        {
            bodyLine++;
        }

        var bodyStart = bodyLine < lines.Count ? lines[bodyLine].Start : text.Length;
        return new InlineForwardBlock(separator ?? lines[first].Start, bodyStart, headers, fields, quote);
    }

    private static int? FindSeparatorAbove(string text, List<Line> lines, int first)
    {
        for (var i = first - 1; i >= 0 && i >= first - 3; i--)
        {
            var line = Content(text, lines[i], QuoteDepth(text, lines[i]));
            if (line.Length == 0)
            {
                continue;
            }

            return IsSeparator(line) ? lines[i].Start : null;
        }

        return null;
    }

    private static int QuoteDepth(string text, Line line)
    {
        var depth = 0;
        for (var i = line.Start; i < line.End; i++)
        {
            var c = text[i];
            if (c == '>')
            {
                depth++;
            }
            else if (c != ' ')
            {
                break;
            }
        }

        return depth;
    }

    private static string Content(string text, Line line, int quote)
    {
        var span = text.AsSpan(line.Start, line.End - line.Start);
        for (var level = 0; level < quote; level++)
        {
            var trimmed = span.TrimStart(' ');
            if (trimmed.Length > 0 && trimmed[0] == '>')
            {
                span = trimmed[1..];
            }
        }

        return TrimBidi(span).ToString();
    }

    /// <summary>Whether <paramref name="c"/> is an invisible bidirectional mark (Outlook and Gmail put them around right-to-left labels).</summary>
    internal static bool IsBidiControl(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Trims white space and bidirectional marks from both ends.</summary>
    internal static ReadOnlySpan<char> TrimBidi(ReadOnlySpan<char> span)
    {
        var start = 0;
        while (start < span.Length && (char.IsWhiteSpace(span[start]) || IsBidiControl(span[start])))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && (char.IsWhiteSpace(span[end - 1]) || IsBidiControl(span[end - 1])))
        {
            end--;
        }

        return span[start..end];
    }

    private static (string Label, ForwardField Field, string Value)? ParseHeaderLine(string text, Line line)
    {
        var span = TrimBidi(text.AsSpan(line.Start, line.End - line.Start));
        while (span.Length > 0 && span[0] == '>')
        {
            span = TrimBidi(span[1..]);
        }

        if (span.Length < 2)
        {
            return null;
        }

        var window = span[..Math.Min(span.Length, ForwardLabels.MaxLabelLength + 6)];
        var colon = window.IndexOfAny(':', '：');
        if (colon <= 0)
        {
            return null;
        }

        var label = TrimBidi(TrimBidi(window[..colon]).Trim('*'));
        if (label.IsEmpty)
        {
            return null;
        }

        var labelText = label.ToString();
        if (!ForwardLabels.Fields.TryGetValue(labelText, out var field))
        {
            return null;
        }

        var value = TrimBidi(span[(colon + 1)..]);
        if (value.Length > 0 && value[0] == '*')
        {
            // Gmail's text rendering of bold labels: "*From:* value".
            value = value.TrimStart('*').TrimStart();
        }

        return (labelText, field, value.ToString());
    }

    private static List<Line> SplitLines(string text, int start)
    {
        var lines = new List<Line>();
        var position = start;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            if (end < 0)
            {
                end = text.Length;
            }

            var lineEnd = end > position && text[end - 1] == '\r' ? end - 1 : end;
            lines.Add(new Line(position, lineEnd));
            position = end + 1;
        }

        return lines;
    }

    private readonly record struct Line(int Start, int End);
}
