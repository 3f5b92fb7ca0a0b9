using AngleSharp.Dom;
using Ganss.Xss;

namespace Recruiting.MailImport.Sanitizing;

/// <summary>
/// Makes the HTML body of a mail safe to store and render in the host: HtmlSanitizer on AngleSharp with a mail policy.
/// </summary>
/// <remarks>
/// The policy: no scripts, styles sheets, frames, forms, embedded objects, SVG/MathML, <c>meta</c> or <c>base</c>; no event handler
/// attributes; links keep only <c>http</c>, <c>https</c> and <c>mailto</c> targets and get <c>rel="noopener noreferrer nofollow"</c>;
/// every other URL (image sources, <c>background</c> attributes, CSS <c>url()</c>) is dropped unless it is a <c>cid:</c> reference to
/// a part of the same message, so rendering the stored HTML loads nothing remote (no tracking pixels). Thread-safe.
/// </remarks>
public sealed class MailHtmlSanitizer
{
    private static readonly string[] LinkSchemes = ["http", "https", "mailto"];
    private static readonly string[] RemovedTags =
    [
        "form", "input", "button", "select", "option", "optgroup", "textarea", "fieldset", "legend", "datalist", "output",
        "iframe", "frame", "frameset", "object", "embed", "applet", "script", "style", "link", "meta", "base", "svg", "math",
        "video", "audio", "source", "track", "canvas", "noscript", "template", "dialog", "portal",
    ];

    private static readonly string[] RemovedAttributes = ["srcset", "action", "formaction", "poster", "ping", "dynsrc", "lowsrc", "longdesc", "usemap"];

    private static readonly string[] RemovedCssProperties = ["position", "behavior", "-moz-binding", "z-index"];

    private readonly HtmlSanitizer _sanitizer;

    /// <summary>Initializes a new instance of the <see cref="MailHtmlSanitizer"/> class.</summary>
    public MailHtmlSanitizer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in LinkSchemes)
        {
            _sanitizer.AllowedSchemes.Add(scheme);
        }

        _sanitizer.AllowedSchemes.Add("cid");
        foreach (var tag in RemovedTags)
        {
            _sanitizer.AllowedTags.Remove(tag);
        }

        foreach (var attribute in RemovedAttributes)
        {
            _sanitizer.AllowedAttributes.Remove(attribute);
        }

        foreach (var property in RemovedCssProperties)
        {
            _sanitizer.AllowedCssProperties.Remove(property);
        }

        _sanitizer.AllowedAtRules.Clear();
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.FilterUrl += OnFilterUrl;
        _sanitizer.PostProcessNode += OnPostProcessNode;
    }

    /// <summary>Sanitises an HTML body (a whole document or a fragment) and returns the safe HTML of its body content.</summary>
    /// <param name="html">The HTML as received.</param>
    /// <returns>The safe HTML; empty for empty input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="html"/> is <see langword="null"/>.</exception>
    public string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Length == 0 ? string.Empty : _sanitizer.Sanitize(html);
    }

    private static void OnFilterUrl(object? sender, FilterUrlEventArgs e)
    {
        var url = e.SanitizedUrl;
        if (url is null)
        {
            return;
        }

        var tag = e.Tag?.LocalName;
        var isLink = tag is "a" or "area";
        var isCid = url.StartsWith("cid:", StringComparison.OrdinalIgnoreCase);
        if (isLink)
        {
            if (isCid)
            {
                e.SanitizedUrl = null;
            }

            return;
        }

        // Images, backgrounds and CSS url(): only parts of the same message, never anything loaded from elsewhere.
        if (!isCid)
        {
            e.SanitizedUrl = null;
        }
    }

    private static void OnPostProcessNode(object? sender, PostProcessNodeEventArgs e)
    {
        if (e.Node is IElement element && element.LocalName == "a" && element.HasAttribute("href"))
        {
            element.SetAttribute("rel", "noopener noreferrer nofollow");
            element.SetAttribute("target", "_blank");
        }
    }
}
