namespace Recruiting.MailImport.Unwrapping;

/// <summary>The candidate's message as recovered from a forward.</summary>
public sealed record OriginalMessage
{
    /// <summary>Gets the sender's address, or <see langword="null"/> when the forward showed only a name.</summary>
    public string? From { get; init; }

    /// <summary>Gets the sender's display name, when shown.</summary>
    public string? FromName { get; init; }

    /// <summary>Gets the subject.</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// Gets the date. For an inline forward the client's localised text is parsed best-effort; when it had no time zone the offset of
    /// the forward's own <c>Date</c> is assumed (the forwarding client wrote the time in its user's zone). <see langword="null"/> when
    /// it could not be read; <see cref="DateText"/> keeps the text.
    /// </summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Gets the date as written in the forward (inline forwards), or the raw <c>Date</c> header.</summary>
    public string? DateText { get; init; }

    /// <summary>Gets the original Message-ID without angle brackets; only a forwarded <c>message/rfc822</c> has one.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the recipients as written.</summary>
    public string? To { get; init; }

    /// <summary>Gets the plain-text body.</summary>
    public string? TextBody { get; init; }

    /// <summary>Gets the HTML body, not yet sanitised.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Gets the original headers (name → value) as far as the forward showed them, for the history entry.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
