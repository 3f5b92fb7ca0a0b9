namespace Recruiting.MailImport.Unwrapping;

/// <summary>How the candidate's original message was found inside a forward.</summary>
public enum UnwrapMethod
{
    /// <summary>Nothing could be recovered; the forward is imported as it is.</summary>
    None,

    /// <summary>The forward carried the original as a <c>message/rfc822</c> attachment.</summary>
    Rfc822Attachment,

    /// <summary>The original was quoted inline in the forward's plain-text body below a header block.</summary>
    InlineText,

    /// <summary>The original was quoted inline in the forward's HTML body below a header block (and not found in a plain-text body).</summary>
    InlineHtml,
}
