namespace Recruiting.MailImport;

/// <summary>How far a mailbox source has read: the IMAP <c>UIDVALIDITY</c> and the highest UID whose import is committed.</summary>
/// <param name="UidValidity">The mailbox's UIDVALIDITY when the checkpoint was taken; a different value invalidates <paramref name="LastUid"/>.</param>
/// <param name="LastUid">The highest UID committed.</param>
/// <param name="UpdatedAt">When it was saved.</param>
public sealed record MailboxCheckpoint(uint UidValidity, uint LastUid, DateTimeOffset UpdatedAt);

/// <summary>Keeps mailbox sources' checkpoints (SDK state) so a restart resumes where the last committed import ended.</summary>
public interface IMailboxCheckpointStore
{
    /// <summary>Gets a source's checkpoint.</summary>
    /// <param name="source">The source's name (for example <c>imap:import@demo.example@mail.example:993/INBOX</c>).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when the source never committed one.</returns>
    ValueTask<MailboxCheckpoint?> GetAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>Saves a source's checkpoint.</summary>
    /// <param name="source">The source's name.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when it is durable.</returns>
    ValueTask SaveAsync(string source, MailboxCheckpoint checkpoint, CancellationToken cancellationToken = default);
}
