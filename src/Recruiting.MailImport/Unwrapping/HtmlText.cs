using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Recruiting.MailImport.Unwrapping;

/// <summary>
/// Renders an HTML mail body as plain text with one line per block (so inline forward header blocks can be found in it) and cuts
/// the HTML at a position of that text.
/// </summary>
internal sealed class HtmlText
{
    /// <summary>The line written for <c>&lt;hr&gt;</c>, which Outlook puts above its forward header block.</summary>
    public const string Rule = "________________________________";

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead",
        "tfoot", "tr", "ul", "caption",
    };

    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "title", "noscript", "template", "svg", "math", "object", "iframe",
    };

    private readonly List<Segment> _segments;

    private HtmlText(string text, List<Segment> segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>Gets the text.</summary>
    public string Text { get; }

    /// <summary>Renders <paramref name="html"/>.</summary>
    public static HtmlText Render(string html)
    {
        var document = Parse(html);
        var builder = new StringBuilder();
        var segments = new List<Segment>();
        var ordinal = 0;
        if (document.Body is not null)
        {
            Walk(document.Body, builder, segments, ref ordinal, pre: false);
        }

        var text = builder.ToString();
        return new HtmlText(text, segments);
    }

    /// <summary>Returns the HTML of the body from the text position <paramref name="offset"/> on, or <see langword="null"/> when
    /// nothing follows.</summary>
    public string? SliceFrom(string html, int offset)
    {
        var segment = _segments.FirstOrDefault(s => s.End > offset);
        if (segment is null)
        {
            return null;
        }

        var document = Parse(html);
        if (document.Body is null)
        {
            return null;
        }

        var node = FindText(document.Body, segment.Ordinal);
        if (node is null)
        {
            return null;
        }

        if (offset > segment.Start && node is IText textNode)
        {
            var cut = Math.Min(offset - segment.Start, textNode.Data.Length);
            textNode.Data = textNode.Data[cut..];
        }

        INode current = node;
        while (current.Parent is not null && current != document.Body)
        {
            while (current.PreviousSibling is { } previous)
            {
                previous.Parent!.RemoveChild(previous);
            }

            current = current.Parent;
        }

        var result = document.Body.InnerHtml.Trim();
        return result.Length == 0 ? null : result;
    }

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static INode? FindText(INode root, int ordinal)
    {
        var count = 0;
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText)
            {
                if (count == ordinal)
                {
                    return node;
                }

                count++;
                continue;
            }

            if (node is IElement element && SkippedElements.Contains(element.LocalName))
            {
                continue;
            }

            for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
            {
                stack.Push(node.ChildNodes[i]);
            }
        }

        return null;
    }

    private static void Walk(INode root, StringBuilder builder, List<Segment> segments, ref int ordinal, bool pre)
    {
        // Iterative to survive deeply nested HTML.
        var stack = new Stack<(INode Node, bool Pre, bool Exit)>();
        stack.Push((root, pre, false));
        while (stack.Count > 0)
        {
            var (node, inPre, exit) = stack.Pop();
            if (exit)
            {
                if (node is IElement closing)
                {
                    switch (closing.LocalName)
                    {
                        case "td" or "th":
                            builder.Append(' ');
                            break;
                        default:
                            if (BlockElements.Contains(closing.LocalName))
                            {
                                NewLine(builder);
                            }

                            break;
                    }
                }

                continue;
            }

            switch (node)
            {
                case IText text:
                    var data = inPre ? text.Data : Collapse(text.Data, builder);
                    segments.Add(new Segment(builder.Length, builder.Length + data.Length, ordinal++));
                    builder.Append(data);
                    break;
                case IElement element:
                    var name = element.LocalName;
                    if (SkippedElements.Contains(name))
                    {
                        // Counted so that ordinals match FindText, which skips them too.
                        break;
                    }

                    if (name == "br")
                    {
                        builder.Append('\n');
                        break;
                    }

                    if (name == "hr")
                    {
                        NewLine(builder);
                        builder.Append(Rule).Append('\n');
                        break;
                    }

                    if (BlockElements.Contains(name))
                    {
                        NewLine(builder);
                    }

                    stack.Push((element, inPre, true));
                    var childPre = inPre || name == "pre";
                    for (var i = element.ChildNodes.Length - 1; i >= 0; i--)
                    {
                        stack.Push((element.ChildNodes[i], childPre, false));
                    }

                    break;
                default:
                    for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
                    {
                        stack.Push((node.ChildNodes[i], inPre, false));
                    }

                    break;
            }
        }
    }

    private static void NewLine(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != '\n')
        {
            builder.Append('\n');
        }
    }

    private static string Collapse(string data, StringBuilder builder)
    {
        var result = new StringBuilder(data.Length);
        var space = builder.Length == 0 || builder[^1] is ' ' or '\n';
        foreach (var c in data)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\f')
            {
                if (!space)
                {
                    result.Append(' ');
                    space = true;
                }
            }
            else
            {
                result.Append(c == '\u00A0' ? ' ' : c);
                space = false;
            }
        }

        return result.ToString();
    }

    private sealed record Segment(int Start, int End, int Ordinal);
}
