using System.ComponentModel.DataAnnotations;

namespace Recruiting.MailImport.Sources;

/// <summary>How the connection to the IMAP server is secured.</summary>
public enum ImapSecurity
{
    /// <summary>TLS when the port suggests it (993), STARTTLS when offered, otherwise none.</summary>
    Auto,

    /// <summary>No TLS: only for a server on the same machine or a trusted network.</summary>
    None,

    /// <summary>TLS from the start (port 993).</summary>
    SslOnConnect,

    /// <summary>STARTTLS, required.</summary>
    StartTls,
}

/// <summary>What the source does with a message once its import (or quarantine) is committed.</summary>
public enum ImapAfterImport
{
    /// <summary>Move it to <see cref="ImapMailboxOptions.ImportedFolder"/> or <see cref="ImapMailboxOptions.QuarantineFolder"/>.</summary>
    Move,

    /// <summary>Leave it in place, flagged <c>\Seen</c> and with the keyword <c>$RecruitingImported</c> or <c>$RecruitingQuarantined</c>.</summary>
    Flag,
}

/// <summary>Options of an IMAP mailbox source: the server, the account (password from <see cref="ISecretStore"/>), the tenant and the folders.</summary>
public sealed class ImapMailboxOptions
{
    /// <summary>Gets or sets the source's name, the key of its checkpoint; unique per mailbox.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the tenant the mailbox's messages are imported for.</summary>
    [Required]
    public string Tenant { get; set; } = string.Empty;

    /// <summary>Gets or sets the server's host name.</summary>
    [Required]
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the server's port.</summary>
    /// <value>The default value is 993.</value>
    [Range(1, 65535)]
    public int Port { get; set; } = 993;

    /// <summary>Gets or sets how the connection is secured.</summary>
    /// <value>The default value is <see cref="ImapSecurity.Auto"/>.</value>
    public ImapSecurity Security { get; set; } = ImapSecurity.Auto;

    /// <summary>Gets or sets the account's user name.</summary>
    [Required]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Gets or sets the name of the tenant's secret in <see cref="ISecretStore"/> holding the account's password.</summary>
    [Required]
    public string PasswordSecretName { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder read.</summary>
    /// <value>The default value is <c>INBOX</c>.</value>
    [Required]
    public string Folder { get; set; } = "INBOX";

    /// <summary>Gets or sets what happens to a message after its outcome is committed.</summary>
    /// <value>The default value is <see cref="ImapAfterImport.Move"/>.</value>
    public ImapAfterImport AfterImport { get; set; } = ImapAfterImport.Move;

    /// <summary>Gets or sets the folder imported and duplicate messages are moved to (created when missing).</summary>
    /// <value>The default value is <c>Imported</c>.</value>
    [Required]
    public string ImportedFolder { get; set; } = "Imported";

    /// <summary>Gets or sets the folder quarantined messages are moved to (created when missing).</summary>
    /// <value>The default value is <c>Quarantine</c>.</value>
    [Required]
    public string QuarantineFolder { get; set; } = "Quarantine";

    /// <summary>Gets or sets how many bytes are fetched per request while a message is spooled.</summary>
    /// <value>The default value is 1 MiB.</value>
    [Range(4096, 64 * 1024 * 1024)]
    public int FetchChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets the largest message (its RFC822.SIZE) the source downloads. A larger one is not fetched: it is
    /// reported as quarantined (<c>tooLarge</c>) and moved to <see cref="QuarantineFolder"/> (or flagged), so it stays in
    /// the mailbox for a person and never blocks the messages after it. IMAP partial fetches address at most 2 GiB.
    /// </summary>
    /// <value>The default value is 1 GiB.</value>
    [Range(4096, int.MaxValue)]
    public long MaxDownloadBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Gets or sets whether the hosted service waits for new mail with IMAP IDLE (when the server supports it) instead of polling.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseIdle { get; set; } = true;

    /// <summary>Gets or sets how long the hosted service waits between polls (and at most in one IDLE).</summary>
    /// <value>The default value is 9 minutes (servers may end an IDLE after 30 minutes; RFC 2177 asks for re-issuing within 29).</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(9);

    /// <summary>Gets or sets how long the hosted service waits after a failed connection before trying again.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
