using Recruiting.MailImport;

namespace Recruiting.Storage.Sqlite;

/// <summary>Mailbox sources' UID checkpoints on SQLite.</summary>
internal sealed class SqliteMailboxCheckpointStore(SqliteDatabase database) : IMailboxCheckpointStore
{
    public async ValueTask<MailboxCheckpoint?> GetAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        return await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, "SELECT uid_validity, last_uid, updated_at FROM mail_checkpoints WHERE source = $s;", ("$s", source));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new MailboxCheckpoint((uint)reader.GetInt64(0), (uint)reader.GetInt64(1), SqliteDatabase.FromDb(reader.GetInt64(2)))
                : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SaveAsync(string source, MailboxCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(checkpoint);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO mail_checkpoints (source, uid_validity, last_uid, updated_at) VALUES ($s, $v, $u, $t)
                ON CONFLICT (source) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at;
                """, ("$s", source), ("$v", (long)checkpoint.UidValidity), ("$u", (long)checkpoint.LastUid), ("$t", SqliteDatabase.ToDb(checkpoint.UpdatedAt)));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
