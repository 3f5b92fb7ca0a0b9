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

    /// <summary>One write transaction for the whole batch, with one prepared insert bound by position (and a read-back only for keys already known).</summary>
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
            List<int>? known = null;
            using (var insert = new PositionalStatement(connection, """
                INSERT INTO idempotency_ledger (tenant, key, operation, state, payload, created_at)
                VALUES (?1, ?2, ?3, 0, ?4, ?5)
                ON CONFLICT (tenant, key) DO NOTHING;
                """))
            {
                insert.Bind(1, tenant.Value);
                insert.Bind(5, SqliteDatabase.ToDb(now));
                for (var i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    insert.Bind(2, entry.Key.Value);
                    insert.Bind(3, entry.Operation);
                    insert.Bind(4, entry.Payload);
                    if (insert.Execute() == 1)
                    {
                        stored[i] = new LedgerEntry(tenant, entry.Key, entry.Operation, LedgerState.Pending, entry.Payload, null, createdAt, null);
                    }
                    else
                    {
                        (known ??= []).Add(i);
                    }
                }
            }

            // Keys begun before (a rerun after a crash, a duplicate): read back as stored, in the same transaction.
            foreach (var i in known ?? [])
            {
                stored[i] = await ReadAsync(connection, transaction, tenant, entries[i].Key, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The ledger entry vanished inside its own transaction.");
            }

            return stored;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One write transaction for the whole batch with one prepared update bound by position; nothing is marked when a key was never begun.</summary>
    public async ValueTask CompleteManyAsync(TenantId tenant, IReadOnlyList<LedgerCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return;
        }

        await database.WriteAsync((connection, _) =>
        {
            using var update = new PositionalStatement(connection, """
                UPDATE idempotency_ledger SET state = 1, result = ?3, completed_at = ?4
                WHERE tenant = ?1 AND key = ?2;
                """);
            update.Bind(1, tenant.Value);
            update.Bind(4, SqliteDatabase.ToDb(time.GetUtcNow()));
            foreach (var completion in completions)
            {
                update.Bind(2, completion.Key.Value);
                update.Bind(3, completion.Result);
                if (update.Execute() == 0)
                {
                    // Thrown inside the transaction: it rolls back, so the batch is all or none.
                    throw new InvalidOperationException($"Idempotency key '{completion.Key}' of tenant '{tenant}' was never begun.");
                }
            }

            return Task.FromResult(completions.Count);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One connection and one prepared select bound by position for the whole batch.</summary>
    public async ValueTask<IReadOnlyList<LedgerEntry?>> GetManyAsync(TenantId tenant, IReadOnlyList<IdempotencyKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        return await database.ReadAsync<IReadOnlyList<LedgerEntry?>>(connection =>
        {
            var entries = new LedgerEntry?[keys.Count];
            using var select = new PositionalStatement(connection, $"SELECT {Columns} FROM idempotency_ledger WHERE tenant = ?1 AND key = ?2;");
            select.Bind(1, tenant.Value);
            for (var i = 0; i < keys.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                select.Bind(2, keys[i].Value);
                try
                {
                    entries[i] = select.Read()
                        ? new LedgerEntry(
                            new TenantId(select.Text(0)!),
                            new IdempotencyKey(select.Text(1)!),
                            select.Text(2)!,
                            (LedgerState)select.Int64(3)!.Value,
                            select.Text(4),
                            select.Text(5),
                            SqliteDatabase.FromDb(select.Int64(6)!.Value),
                            select.Int64(7) is { } completed ? SqliteDatabase.FromDb(completed) : null)
                        : null;
                }
                finally
                {
                    select.Reset();
                }
            }

            return Task.FromResult<IReadOnlyList<LedgerEntry?>>(entries);
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
