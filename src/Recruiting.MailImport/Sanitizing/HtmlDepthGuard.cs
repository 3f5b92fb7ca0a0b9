using System.Text;

namespace Recruiting.MailImport.Sanitizing;

/// <summary>
/// Flattens HTML nested deeper than a limit before it reaches AngleSharp, whose tree construction costs grow with the square of
/// the nesting depth (10,000 nested <c>&lt;div&gt;</c> take seconds). Tags below the limit are dropped, their text kept. The output is
/// always parsed and sanitised afterwards, so dropping tags cannot create markup that escapes the sanitiser.
/// </summary>
internal static class HtmlDepthGuard
{
    /// <summary>The default deepest nesting kept.</summary>
    public const int DefaultMaxDepth = 256;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
    };

    /// <summary>Returns <paramref name="html"/> unchanged when it nests at most <paramref name="maxDepth"/> deep, else a flattened copy.</summary>
    public static string Limit(string html, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (MaxDepth(html, maxDepth) <= maxDepth)
        {
            return html;
        }

        var builder = new StringBuilder(html.Length);
        var depth = 0;
        var position = 0;
        foreach (var tag in Tags(html))
        {
            builder.Append(html, position, tag.Start - position);
            position = tag.End;
            var keep = true;
            if (tag.Kind == TagKind.Open)
            {
                keep = depth < maxDepth;
                depth++;
            }
            else if (tag.Kind == TagKind.Close)
            {
                keep = depth <= maxDepth;
                depth = Math.Max(0, depth - 1);
            }

            if (keep)
            {
                builder.Append(html, tag.Start, tag.End - tag.Start);
            }
        }

        builder.Append(html, position, html.Length - position);
        return builder.ToString();
    }

    private static int MaxDepth(string html, int stopAbove)
    {
        var depth = 0;
        var max = 0;
        foreach (var tag in Tags(html))
        {
            if (tag.Kind == TagKind.Open)
            {
                depth++;
                if (depth > max)
                {
                    max = depth;
                    if (max > stopAbove)
                    {
                        return max;
                    }
                }
            }
            else if (tag.Kind == TagKind.Close)
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return max;
    }

    private static IEnumerable<Tag> Tags(string html)
    {
        var index = 0;
        while ((index = html.IndexOf('<', index)) >= 0 && index + 1 < html.Length)
        {
            var next = html[index + 1];
            var end = html.IndexOf('>', index + 1);
            if (end < 0)
            {
                yield break;
            }

            if (next == '/')
            {
                yield return new Tag(index, end + 1, TagKind.Close);
            }
            else if (char.IsAsciiLetter(next))
            {
                var nameEnd = index + 1;
                while (nameEnd < end && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
                {
                    nameEnd++;
                }

                var name = html.AsSpan(index + 1, nameEnd - index - 1);
                var selfClosing = html[end - 1] == '/';
                var isVoid = VoidElements.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
                yield return new Tag(index, end + 1, selfClosing || isVoid ? TagKind.Other : TagKind.Open);
            }
            else
            {
                yield return new Tag(index, end + 1, TagKind.Other);
            }

            index = end + 1;
        }
    }

    private enum TagKind
    {
        Open,
        Close,
        Other,
    }

    private readonly record struct Tag(int Start, int End, TagKind Kind);
}
