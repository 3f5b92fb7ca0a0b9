using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace Recruiting.Automation;

/// <summary>Whether a template renders HTML (values escaped) or plain text.</summary>
internal enum TemplateMode
{
    Html,
    Text,
}

/// <summary>The outcome of compiling or rendering a template.</summary>
/// <param name="Ok">Whether it worked.</param>
/// <param name="Output">The rendered text.</param>
/// <param name="Error">What went wrong.</param>
internal readonly record struct TemplateResult(bool Ok, string? Output, string? Error)
{
    public static TemplateResult Success(string output) => new(true, output, null);

    public static TemplateResult Failure(string error) => new(false, null, error);
}

/// <summary>
/// Compiles and renders Handlebars templates in isolated environments: no custom helpers or partials are registered,
/// unknown names throw, HTML mode escapes every value and refuses raw output. Compiled templates are cached.
/// </summary>
internal sealed class TemplateRenderer
{
    private readonly IHandlebars _html = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
    private readonly IHandlebars _text = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true, NoEscape = true });
    private readonly ConcurrentDictionary<(TemplateMode, string), Compiled> _cache = new();
    private readonly Lock _compileLock = new();

    /// <summary>Compiles a template and renders it against the sample model, so unknown names fail on save.</summary>
    public TemplateResult Check(string source, TemplateMode mode)
        => Render(source, mode, RejectionTemplateModel.Sample);

    public TemplateResult Render(string source, TemplateMode mode, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(source);
        var compiled = _cache.GetOrAdd((mode, source), static (key, self) => self.Compile(key.Item2, key.Item1), this);
        if (compiled.Error is not null)
        {
            return TemplateResult.Failure(compiled.Error);
        }

        try
        {
            return TemplateResult.Success(compiled.Template!(model));
        }
        catch (HandlebarsException ex)
        {
            return TemplateResult.Failure(ex.Message.Split('\n')[0].Trim());
        }
    }

    private Compiled Compile(string source, TemplateMode mode)
    {
        if (mode == TemplateMode.Html && (source.Contains("{{{", StringComparison.Ordinal) || source.Contains("{{&", StringComparison.Ordinal) || source.Contains("{{~{", StringComparison.Ordinal)))
        {
            return new Compiled(null, "Raw (unescaped) output is not allowed in HTML templates; use {{value}}.");
        }

        try
        {
            lock (_compileLock)
            {
                return new Compiled((mode == TemplateMode.Html ? _html : _text).Compile(source), null);
            }
        }
        catch (HandlebarsException ex)
        {
            return new Compiled(null, ex.Message.Split('\n')[0].Trim());
        }
    }

    private sealed record Compiled(HandlebarsTemplate<object, object>? Template, string? Error);
}
