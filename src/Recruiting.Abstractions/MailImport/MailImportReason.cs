namespace Recruiting.MailImport;

/// <summary>Why a forwarded mail was not imported; written as its camelCase word (<c>unknownReference</c>) in JSON and events.</summary>
public enum MailImportReason
{
    /// <summary>The subject starts with no reference number.</summary>
    NoReference,

    /// <summary>The subject starts with something shaped like a reference that fails the tenant's format or checksum, or is ambiguous.</summary>
    MalformedReference,

    /// <summary>No application of the tenant has the reference.</summary>
    UnknownReference,

    /// <summary>The reference belongs to another tenant than the one owning the import address.</summary>
    OtherTenant,

    /// <summary>The forwarder is not trusted (not on the allow-list, or not authenticated as a user of the tenant).</summary>
    SenderNotAllowed,

    /// <summary>The bytes are not a readable MIME message (no headers, truncated, broken structure).</summary>
    UnreadableMime,

    /// <summary>The message exceeds a size, part-count, depth or header limit.</summary>
    TooLarge,

    /// <summary>The message was addressed to no import address known to the SDK, so no tenant owns it.</summary>
    UnknownRecipient,
}

/// <summary>The camelCase words of <see cref="MailImportReason"/>.</summary>
public static class MailImportReasons
{
    /// <summary>Gets the camelCase word of a reason (for example <c>unknownReference</c>).</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The word.</returns>
    public static string ToWord(this MailImportReason reason) => reason switch
    {
        MailImportReason.NoReference => "noReference",
        MailImportReason.MalformedReference => "malformedReference",
        MailImportReason.UnknownReference => "unknownReference",
        MailImportReason.OtherTenant => "otherTenant",
        MailImportReason.SenderNotAllowed => "senderNotAllowed",
        MailImportReason.UnreadableMime => "unreadableMime",
        MailImportReason.TooLarge => "tooLarge",
        MailImportReason.UnknownRecipient => "unknownRecipient",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>Reads a reason from its camelCase word.</summary>
    /// <param name="word">The word.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>Whether the word is known.</returns>
    public static bool TryParse(string? word, out MailImportReason reason)
    {
        foreach (var value in Enum.GetValues<MailImportReason>())
        {
            if (string.Equals(value.ToWord(), word, StringComparison.Ordinal))
            {
                reason = value;
                return true;
            }
        }

        reason = default;
        return false;
    }
}
