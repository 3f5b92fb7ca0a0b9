using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Recruiting.MailImport.Importing;

namespace Recruiting.MailImport.Sources;

/// <summary>The outcome of one message read from a mailbox.</summary>
/// <param name="Uid">The message's UID.</param>
/// <param name="Outcome">The import outcome.</param>
public sealed record MailboxImportItem(uint Uid, ImportOutcome Outcome);

/// <summary>
/// Reads an IMAP mailbox with MailKit: fetches messages by UID above the stored checkpoint, spools each in chunks
/// (bounded memory), imports it, and only once the import or quarantine is committed moves (or flags) it and advances the
/// checkpoint. The checkpoint is kept with the folder's <c>UIDVALIDITY</c>; a new value restarts from the first message,
/// which is safe because a re-import is answered as a duplicate. A crash at any point leaves the message to be read again.
/// </summary>
public sealed partial class ImapMailboxSource
{
    internal const string ImportedKeyword = "$RecruitingImported";
    internal const string QuarantinedKeyword = "$RecruitingQuarantined";

    private readonly IMailImporter _importer;
    private readonly IMailboxCheckpointStore _checkpoints;
    private readonly ISecretStore _secrets;
    private readonly ImapMailboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ImapMailboxSource"/> class.</summary>
    /// <param name="importer">The importer.</param>
    /// <param name="checkpoints">The checkpoint store.</param>
    /// <param name="secrets">The secret store holding the account's password.</param>
    /// <param name="options">The mailbox.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public ImapMailboxSource(IMailImporter importer, IMailboxCheckpointStore checkpoints, ISecretStore secrets, ImapMailboxOptions options, TimeProvider time, ILogger<ImapMailboxSource> logger)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _importer = importer;
        _checkpoints = checkpoints;
        _secrets = secrets;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the options.</summary>
    public ImapMailboxOptions Options => _options;

    /// <summary>Connects, imports every message not yet committed, and disconnects.</summary>
    /// <param name="cancellationToken">A token to cancel the run; a message being imported is finished or read again next time.</param>
    /// <returns>What became of each message.</returns>
    /// <exception cref="ImapSourceException">The password secret is missing.</exception>
    public async Task<IReadOnlyList<MailboxImportItem>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        using var client = new ImapClient();
        await ConnectAsync(client, cancellationToken).ConfigureAwait(false);
        try
        {
            return await DrainAsync(client, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    internal async Task ConnectAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var password = await _secrets.GetAsync(new TenantId(_options.Tenant), _options.PasswordSecretName, cancellationToken).ConfigureAwait(false)
            ?? throw new ImapSourceException($"Secret '{_options.PasswordSecretName}' of tenant '{_options.Tenant}' (the password of mailbox '{_options.Name}') is not set.");
        var security = _options.Security switch
        {
            ImapSecurity.None => SecureSocketOptions.None,
            ImapSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            ImapSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(_options.Host, _options.Port, security, cancellationToken).ConfigureAwait(false);
        await client.AuthenticateAsync(_options.UserName, password, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<IReadOnlyList<MailboxImportItem>> DrainAsync(ImapClient client, CancellationToken cancellationToken, bool keepOpen = false)
    {
        var results = new List<MailboxImportItem>();
        var folder = await client.GetFolderAsync(_options.Folder, cancellationToken).ConfigureAwait(false);
        IMailFolder? imported = null;
        IMailFolder? quarantine = null;
        if (_options.AfterImport == ImapAfterImport.Move)
        {
            imported = await EnsureFolderAsync(client, _options.ImportedFolder, cancellationToken).ConfigureAwait(false);
            quarantine = await EnsureFolderAsync(client, _options.QuarantineFolder, cancellationToken).ConfigureAwait(false);
        }

        if (!folder.IsOpen || folder.Access != FolderAccess.ReadWrite)
        {
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var checkpoint = await _checkpoints.GetAsync(_options.Name, cancellationToken).ConfigureAwait(false);
            var lastUid = checkpoint is not null && checkpoint.UidValidity == folder.UidValidity ? checkpoint.LastUid : 0u;
            if (checkpoint is not null && checkpoint.UidValidity != folder.UidValidity)
            {
                LogUidValidityChanged(_logger, _options.Name, checkpoint.UidValidity, folder.UidValidity);
            }

            var query = _options.AfterImport == ImapAfterImport.Flag
                ? SearchQuery.NotKeyword(ImportedKeyword).And(SearchQuery.NotKeyword(QuarantinedKeyword))
                : SearchQuery.All;

            // "n:*" always matches the last message even below n, so UIDs are filtered here as well.
            var uids = (await folder.SearchAsync(query, cancellationToken).ConfigureAwait(false))
                .Where(u => u.Id > lastUid)
                .OrderBy(u => u.Id)
                .ToList();

            // The sizes of every message to read, in one FETCH: one too large to download is never fetched.
            var sizes = new Dictionary<uint, uint>(uids.Count);
            if (uids.Count > 0)
            {
                foreach (var summary in await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken).ConfigureAwait(false))
                {
                    if (summary.Size is { } size)
                    {
                        sizes[summary.UniqueId.Id] = size;
                    }
                }
            }

            foreach (var uid in uids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await ImportOneAsync(folder, uid, sizes.TryGetValue(uid.Id, out var announced) ? announced : null, cancellationToken).ConfigureAwait(false);
                if (outcome is null)
                {
                    continue;
                }

                var isQuarantined = outcome.Status == ImportStatus.Quarantined;
                if (_options.AfterImport == ImapAfterImport.Move)
                {
                    await folder.MoveToAsync(uid, isQuarantined ? quarantine! : imported!, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var flags = new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true };
                    flags.Keywords.Add(isQuarantined ? QuarantinedKeyword : ImportedKeyword);
                    await folder.StoreAsync(uid, flags, cancellationToken).ConfigureAwait(false);
                }

                await _checkpoints.SaveAsync(_options.Name, new MailboxCheckpoint(folder.UidValidity, uid.Id, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                LogMessage(_logger, _options.Name, uid.Id, outcome.Status);
                results.Add(new MailboxImportItem(uid.Id, outcome));
            }
        }
        finally
        {
            if (!keepOpen && folder.IsOpen)
            {
                await folder.CloseAsync(expunge: false, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return results;
    }

    private async Task<ImportOutcome?> ImportOneAsync(IMailFolder folder, UniqueId uid, uint? announcedSize, CancellationToken cancellationToken)
    {
        var limit = DownloadLimit;
        if (announcedSize is { } size && size > limit)
        {
            return TooLarge(uid, size);
        }

        var path = Path.Combine(Path.GetTempPath(), "recruiting-imap-" + Guid.NewGuid().ToString("N") + ".eml");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (spool.ConfigureAwait(false))
        {
            // Partial fetches (BODY.PEEK[]<offset.count>) keep memory at one chunk whatever the message size, and do not set \Seen.
            long offset = 0;
            while (true)
            {
                if (offset > limit)
                {
                    // The server announced a smaller size than it sends: never import a cut message.
                    return TooLarge(uid, offset);
                }

                var chunk = await folder.GetStreamAsync(uid, (int)offset, _options.FetchChunkBytes, cancellationToken).ConfigureAwait(false);
                long read;
                await using (chunk.ConfigureAwait(false))
                {
                    read = chunk.Length;
                    await chunk.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
                }

                offset += read;
                if (read < _options.FetchChunkBytes)
                {
                    break;
                }
            }

            if (offset == 0)
            {
                // Expunged by another client between SEARCH and FETCH.
                return null;
            }

            spool.Position = 0;
            return await _importer.ImportAsync(new TenantId(_options.Tenant), spool, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets the largest message downloaded: partial fetches address at most 2 GiB (an int offset), whatever the option says.</summary>
    private long DownloadLimit => Math.Min(_options.MaxDownloadBytes, int.MaxValue);

    private ImportOutcome TooLarge(UniqueId uid, long size)
    {
        var limit = DownloadLimit;
        LogTooLarge(_logger, _options.Name, uid.Id, size, limit);
        var where = _options.AfterImport == ImapAfterImport.Move ? $"folder {_options.QuarantineFolder}" : $"folder {_options.Folder}, keyword {QuarantinedKeyword}";
        return new ImportOutcome
        {
            Status = ImportStatus.Quarantined,
            Reason = MailImportReason.TooLarge,
            Tenant = new TenantId(_options.Tenant),
            Detail = $"The message has at least {size} bytes, more than the {limit} this mailbox source downloads; it was not imported and stays in the mailbox ({where}, UID {uid.Id}).",
        };
    }

    private static async Task<IMailFolder> EnsureFolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken).ConfigureAwait(false)
                ?? throw new ImapSourceException($"Folder '{name}' could not be created.");
        }
    }

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 304, Level = LogLevel.Warning, Message = "Mailbox {Source}: UID {Uid} has {Size} bytes, more than the {Limit} the source downloads; left in the mailbox as quarantined")]
    private static partial void LogTooLarge(ILogger logger, string source, uint uid, long size, long limit);

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 300, Level = LogLevel.Information, Message = "Mailbox {Source}: UID {Uid} {Status}")]
    private static partial void LogMessage(ILogger logger, string source, uint uid, ImportStatus status);

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 301, Level = LogLevel.Warning, Message = "Mailbox {Source}: UIDVALIDITY changed from {Old} to {New}; reading the folder from its first message (re-imports are duplicates)")]
    private static partial void LogUidValidityChanged(ILogger logger, string source, uint old, uint @new);
}

/// <summary>A mailbox source is misconfigured or its server cannot be used.</summary>
public sealed class ImapSourceException : RecruitingException
{
    /// <summary>Initializes a new instance of the <see cref="ImapSourceException"/> class.</summary>
    public ImapSourceException()
        : this("The mailbox source cannot run.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ImapSourceException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ImapSourceException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ImapSourceException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ImapSourceException(string message, Exception? innerException)
        : base("mailboxUnavailable", message, innerException)
    {
    }
}
