namespace Recruiting.MailImport.Importing;

/// <summary>Defaults and bounds of <see cref="MailImportOptions"/>.</summary>
internal static class MailImportConstants
{
    public const long DefaultMaxMessageBytes = 64L * 1024 * 1024;
    public const int DefaultMaxParts = 500;
    public const int DefaultMaxDepth = 64;
    public const int DefaultMaxHeaderBytes = 256 * 1024;
    public const int DefaultMaxHeaderCount = 2000;
    public const int DefaultMaxAttachments = 100;

    /// <summary>The ledger operation of an import.</summary>
    public const string LedgerOperation = "mail.import";

    /// <summary>The idempotency key scope of imports.</summary>
    public const string KeyScope = "mail";
}
