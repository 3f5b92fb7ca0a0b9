using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Recruiting.Storage.Sqlite;

/// <summary>The pending/done ledger on SQLite.</summary>
internal sealed class SqliteIdempotencyLedger(SqliteDatabase database, TimeProvider time) : IIdempotencyLedger
{
    private const string Columns = "tenant, key, operation, state, payload, result, created_at, completed_at";

    public async ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            using (var insert = connection.Command(transaction, """
                INSERT INTO idempotency_ledger (tenant, key, operation, state, payload, created_at)
                VALUES ($tenant, $key, $operation, 0, $payload, $now)
                ON CONFLICT (tenant, key) DO NOTHING;
                """, ("$tenant", tenant.Value), ("$key", key.Value), ("$operation", operation), ("$payload", payload), ("$now", SqliteDatabase.ToDb(time.GetUtcNow()))))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return await ReadAsync(connection, transaction, tenant, key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The ledger entry vanished inside its own transaction.");
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default)
    {
        var updated = await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, """
                UPDATE idempotency_ledger SET state = 1, result = $result, completed_at = $now
                WHERE tenant = $tenant AND key = $key;
                """, ("$tenant", tenant.Value), ("$key", key.Value), ("$result", result), ("$now", SqliteDatabase.ToDb(time.GetUtcNow())));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        if (updated == 0)
        {
            throw new InvalidOperationException($"Idempotency key '{key}' of tenant '{tenant}' was never begun.");
        }
    }

    /// <summary>One write transaction for the whole batch, with one prepared insert (and a read-back only for keys already known).</summary>
    public async ValueTask<IReadOnlyList<LedgerEntry>> BeginManyAsync(TenantId tenant, IReadOnlyList<LedgerBegin> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return [];
        }

        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(entry.Operation);
        }

        var now = time.GetUtcNow();
        var createdAt = SqliteDatabase.FromDb(SqliteDatabase.ToDb(now));
        return await database.WriteAsync<IReadOnlyList<LedgerEntry>>(async (connection, transaction) =>
        {
            var stored = new LedgerEntry[entries.Count];
            using var insert = connection.Command(transaction, """
                INSERT INTO idempotency_ledger (tenant, key, operation, state, payload, created_at)
                VALUES ($tenant, $key, $operation, 0, $payload, $now)
                ON CONFLICT (tenant, key) DO NOTHING;
                """, ("$tenant", tenant.Value), ("$key", string.Empty), ("$operation", string.Empty), ("$payload", null), ("$now", SqliteDatabase.ToDb(now)));
            var key = insert.Parameters["$key"];
            var operation = insert.Parameters["$operation"];
            var payload = insert.Parameters["$payload"];
            insert.Prepare();
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                key.Value = entry.Key.Value;
                operation.Value = entry.Operation;
                payload.Value = (object?)entry.Payload ?? DBNull.Value;
                var inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                stored[i] = inserted == 1
                    ? new LedgerEntry(tenant, entry.Key, entry.Operation, LedgerState.Pending, entry.Payload, null, createdAt, null)
                    : await ReadAsync(connection, transaction, tenant, entry.Key, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("The ledger entry vanished inside its own transaction.");
            }

            return stored;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One write transaction for the whole batch with one prepared update; nothing is marked when a key was never begun.</summary>
    public async ValueTask CompleteManyAsync(TenantId tenant, IReadOnlyList<LedgerCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return;
        }

        await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, """
                UPDATE idempotency_ledger SET state = 1, result = $result, completed_at = $now
                WHERE tenant = $tenant AND key = $key;
                """, ("$tenant", tenant.Value), ("$key", string.Empty), ("$result", null), ("$now", SqliteDatabase.ToDb(time.GetUtcNow())));
            var key = update.Parameters["$key"];
            var result = update.Parameters["$result"];
            update.Prepare();
            foreach (var completion in completions)
            {
                key.Value = completion.Key.Value;
                result.Value = (object?)completion.Result ?? DBNull.Value;
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    // Thrown inside the transaction: it rolls back, so the batch is all or none.
                    throw new InvalidOperationException($"Idempotency key '{completion.Key}' of tenant '{tenant}' was never begun.");
                }
            }

            return completions.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One connection and one prepared select for the whole batch.</summary>
    public async ValueTask<IReadOnlyList<LedgerEntry?>> GetManyAsync(TenantId tenant, IReadOnlyList<IdempotencyKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        return await database.ReadAsync<IReadOnlyList<LedgerEntry?>>(async connection =>
        {
            var entries = new LedgerEntry?[keys.Count];
            using var select = connection.Command(null, $"SELECT {Columns} FROM idempotency_ledger WHERE tenant = $tenant AND key = $key;", ("$tenant", tenant.Value), ("$key", string.Empty));
            var key = select.Parameters["$key"];
            select.Prepare();
            for (var i = 0; i < keys.Count; i++)
            {
                key.Value = keys[i].Value;
                using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                entries[i] = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
            }

            return entries;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<LedgerEntry?> GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadAsync(connection, null, tenant, key, cancellationToken), cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, $"""
                SELECT {Columns} FROM idempotency_ledger
                WHERE state = 0 AND operation = $operation AND ($tenant IS NULL OR tenant = $tenant)
                ORDER BY created_at, key;
                """, ("$operation", operation), ("$tenant", tenant?.Value));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return Map(reader);
            }
        }
    }

    private static async Task<LedgerEntry?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken)
    {
        using var select = connection.Command(transaction, $"SELECT {Columns} FROM idempotency_ledger WHERE tenant = $tenant AND key = $key;", ("$tenant", tenant.Value), ("$key", key.Value));
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
    }

    private static LedgerEntry Map(SqliteDataReader reader) => new(
        new TenantId(reader.GetString(0)),
        new IdempotencyKey(reader.GetString(1)),
        reader.GetString(2),
        (LedgerState)reader.GetInt32(3),
        reader.GetStringOrNull(4),
        reader.GetStringOrNull(5),
        SqliteDatabase.FromDb(reader.GetInt64(6)),
        reader.GetInt64OrNull(7) is { } completed ? SqliteDatabase.FromDb(completed) : null);
}
