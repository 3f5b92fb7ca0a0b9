using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recruiting.MailImport;

namespace Recruiting.Storage.Sqlite;

/// <summary>
/// The mail quarantine on SQLite. Raw bytes go into a BLOB through SQLite's incremental blob I/O, so a large
/// message is streamed in and out without being held in memory. A held record is unique per tenant and message key.
/// </summary>
internal sealed class SqliteMailQuarantineStore(SqliteDatabase database, TimeProvider time) : IMailQuarantineStore
{
    private const string NoTenant = "";
    private const string Columns = "id, tenant, message_key, reason, detail, reference, sender, subject, sha256, received_at, length, state, attempts, released_at, history_entry";

    public async ValueTask<QuarantineAddResult> AddAsync(QuarantineRequest request, Stream raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(raw);
        if (!raw.CanSeek)
        {
            throw new ArgumentException("The raw message must be seekable (spool it first).", nameof(raw));
        }

        var tenant = request.Tenant?.Value ?? NoTenant;
        return await database.WriteAsync(async (connection, transaction) =>
        {
            using (var update = connection.Command(transaction, """
                UPDATE mail_quarantine SET reason = $reason, detail = $detail, reference = $reference, attempts = attempts + 1
                WHERE tenant = $tenant AND message_key = $key AND state = 0;
                """, ("$reason", request.Reason.ToWord()), ("$detail", request.Detail), ("$reference", request.Reference), ("$tenant", tenant), ("$key", request.MessageKey)))
            {
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
                {
                    var existing = await ReadOneAsync(connection, transaction, "tenant = $tenant AND message_key = $key AND state = 0", cancellationToken, ("$tenant", tenant), ("$key", request.MessageKey)).ConfigureAwait(false);
                    return new QuarantineAddResult(existing!, Created: false);
                }
            }

            var id = "q-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
            var length = raw.Length - raw.Position;
            long rowId;
            using (var insert = connection.Command(transaction, """
                INSERT INTO mail_quarantine (id, tenant, message_key, reason, detail, reference, sender, subject, sha256, received_at, length, raw, state, attempts)
                VALUES ($id, $tenant, $key, $reason, $detail, $reference, $sender, $subject, $sha, $received, $length, zeroblob($length), 0, 1);
                SELECT last_insert_rowid();
                """,
                ("$id", id), ("$tenant", tenant), ("$key", request.MessageKey), ("$reason", request.Reason.ToWord()), ("$detail", request.Detail),
                ("$reference", request.Reference), ("$sender", request.From), ("$subject", Cut(request.Subject)), ("$sha", request.Sha256),
                ("$received", SqliteDatabase.ToDb(request.ReceivedAt)), ("$length", length)))
            {
                rowId = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            using (var blob = new SqliteBlob(connection, "mail_quarantine", "raw", rowId))
            {
                await raw.CopyToAsync(blob, 81920, cancellationToken).ConfigureAwait(false);
            }

            var created = await ReadOneAsync(connection, transaction, "id = $id", cancellationToken, ("$id", id)).ConfigureAwait(false);
            return new QuarantineAddResult(created!, Created: true);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<QuarantinedMail?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await database.ReadAsync(connection => ReadOneAsync(connection, null, "id = $id", cancellationToken, ("$id", id)), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Stream?> OpenRawAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await database.ReadAsync<Stream?>(async connection =>
        {
            using var find = connection.Command(null, "SELECT rowid FROM mail_quarantine WHERE id = $id;", ("$id", id));
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long rowId)
            {
                return null;
            }

            // Copied to a temp file deleted on close, so the caller's stream does not hold a connection open.
            var copy = new FileStream(Path.Combine(Path.GetTempPath(), "recruiting-quarantine-" + Guid.NewGuid().ToString("N") + ".eml"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                using (var blob = new SqliteBlob(connection, "mail_quarantine", "raw", rowId, readOnly: true))
                {
                    await blob.CopyToAsync(copy, 81920, cancellationToken).ConfigureAwait(false);
                }

                copy.Position = 0;
                return copy;
            }
            catch
            {
                await copy.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<QuarantinedMail> ListAsync(TenantId? tenant = null, QuarantineState? state = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = await database.ReadAsync(async connection =>
        {
            var result = new List<QuarantinedMail>();
            using var select = connection.Command(null, $"""
                SELECT {Columns} FROM mail_quarantine
                WHERE ($tenant IS NULL OR tenant = $tenant) AND ($state IS NULL OR state = $state)
                ORDER BY received_at, id;
                """, ("$tenant", tenant?.Value), ("$state", state is { } s ? (int)s : null));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(Map(reader));
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var mail in list)
        {
            yield return mail;
        }
    }

    public async ValueTask<bool> ReleaseAsync(string id, string? historyEntry, DateTimeOffset releasedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, """
                UPDATE mail_quarantine SET state = 1, released_at = $at, history_entry = $entry WHERE id = $id AND state = 0;
                """, ("$at", SqliteDatabase.ToDb(releasedAt)), ("$entry", historyEntry), ("$id", id));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? Cut(string? value) => value is { Length: > 1000 } ? value[..1000] : value;

    private static async Task<QuarantinedMail?> ReadOneAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var select = connection.Command(transaction, $"SELECT {Columns} FROM mail_quarantine WHERE {where};", parameters);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
    }

    private static QuarantinedMail Map(SqliteDataReader reader)
    {
        var tenant = reader.GetString(1);
        _ = MailImportReasons.TryParse(reader.GetString(3), out var reason);
        var request = new QuarantineRequest
        {
            Tenant = tenant.Length == 0 ? null : new TenantId(tenant),
            MessageKey = reader.GetString(2),
            Reason = reason,
            Detail = reader.GetStringOrNull(4),
            Reference = reader.GetStringOrNull(5),
            From = reader.GetStringOrNull(6),
            Subject = reader.GetStringOrNull(7),
            Sha256 = reader.GetString(8),
            ReceivedAt = SqliteDatabase.FromDb(reader.GetInt64(9)),
        };
        return new QuarantinedMail(
            reader.GetString(0),
            request,
            reader.GetInt64(10),
            (QuarantineState)reader.GetInt32(11),
            reader.GetInt32(12),
            reader.GetInt64OrNull(13) is { } released ? SqliteDatabase.FromDb(released) : null,
            reader.GetStringOrNull(14));
    }
}
