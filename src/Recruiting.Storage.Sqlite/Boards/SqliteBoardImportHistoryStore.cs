using System.Globalization;
using Microsoft.Data.Sqlite;
using Recruiting.Boards;

namespace Recruiting.Storage.Sqlite;

/// <summary>The import history on SQLite: one row per run, its errors in a child table (at most <see cref="MaxErrorsPerRun"/>, the rest counted).</summary>
internal sealed class SqliteBoardImportHistoryStore(SqliteDatabase database) : IBoardImportHistoryStore
{
    /// <summary>The most errors kept per run; a 100,000-row file of bad rows keeps its counts but not every message.</summary>
    public const int MaxErrorsPerRun = 1000;

    private const string Columns = "tenant, id, board, account, trigger, status, started_at, ended_at, seen, imported, duplicates, not_on_allow_list, failed, failure_code, source, error_count";

    public async ValueTask StartAsync(ImportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using (var insert = connection.Command(transaction, """
                INSERT INTO board_import_runs (tenant, id, board, account, trigger, status, started_at, ended_at, seen, imported, duplicates, not_on_allow_list, failed, failure_code, source, error_count)
                VALUES ($tenant, $id, $board, $account, $trigger, $status, $started, $ended, $seen, $imported, $duplicates, $notAllowed, $failed, $failure, $source, 0);
                """,
                ("$tenant", run.Tenant.Value), ("$id", run.Id), ("$board", run.Board), ("$account", run.Account), ("$trigger", (int)run.Trigger),
                ("$status", (int)run.Status), ("$started", SqliteDatabase.ToDb(run.StartedAt)), ("$ended", run.EndedAt is { } e ? SqliteDatabase.ToDb(e) : null),
                ("$seen", run.Counts.Seen), ("$imported", run.Counts.Imported), ("$duplicates", run.Counts.Duplicates), ("$notAllowed", run.Counts.NotOnAllowList),
                ("$failed", run.Counts.Failed), ("$failure", run.FailureCode), ("$source", run.Source)))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await AppendErrorsAsync(connection, transaction, run.Tenant, run.Id, run.Errors, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask UpdateAsync(TenantId tenant, string runId, ImportCounts counts, IReadOnlyList<ImportRunError> newErrors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        await database.WriteAsync(async (connection, transaction) =>
        {
            await UpdateRowAsync(connection, transaction, tenant, runId, null, null, counts, null, cancellationToken).ConfigureAwait(false);
            await AppendErrorsAsync(connection, transaction, tenant, runId, newErrors, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ImportRun> CompleteAsync(TenantId tenant, string runId, ImportRunStatus status, DateTimeOffset endedAt, ImportCounts counts, IReadOnlyList<ImportRunError> newErrors, string? failureCode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var appending = newErrors is { Count: > 0 };
            if (appending)
            {
                if (!await UpdateRowAsync(connection, transaction, tenant, runId, status, endedAt, counts, failureCode, cancellationToken).ConfigureAwait(false))
                {
                    throw UnknownRun(tenant, runId);
                }

                await AppendErrorsAsync(connection, transaction, tenant, runId, newErrors, cancellationToken).ConfigureAwait(false);
            }

            // The row as it now stands; without errors to append first (the usual end of a run), the update gives it back itself.
            using var read = appending
                ? connection.Command(transaction, $"SELECT {Columns} FROM board_import_runs WHERE tenant = $tenant AND id = $id;", ("$tenant", tenant.Value), ("$id", runId))
                : UpdateCommand(connection, transaction, tenant, runId, status, endedAt, counts, failureCode, $" RETURNING {Columns}");
            var runs = await ReadRunsAsync(connection, transaction, read, cancellationToken).ConfigureAwait(false);
            return runs.Count > 0 ? runs[0] : throw UnknownRun(tenant, runId);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ImportRun?> GetAsync(TenantId tenant, string runId, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, $"SELECT {Columns} FROM board_import_runs WHERE tenant = $tenant AND id = $id;", ("$tenant", tenant.Value), ("$id", runId));
            var runs = await ReadRunsAsync(connection, null, select, cancellationToken).ConfigureAwait(false);
            return runs.Count == 0 ? null : runs[0];
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<ImportRun>> ListAsync(TenantId tenant, ImportRunQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ImportRunQuery();
        if (query.Limit <= 0)
        {
            return [];
        }

        return await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, $"""
                SELECT {Columns} FROM board_import_runs
                WHERE tenant = $tenant AND ($board IS NULL OR board = $board) AND ($account IS NULL OR account = $account)
                  AND ($before IS NULL OR started_at < $before)
                ORDER BY started_at DESC, id DESC LIMIT $limit;
                """, ("$tenant", tenant.Value), ("$board", query.Board), ("$account", query.Account),
                ("$before", query.StartedBefore is { } before ? SqliteDatabase.ToDb(before) : null), ("$limit", query.Limit));
            return (IReadOnlyList<ImportRun>)await ReadRunsAsync(connection, null, select, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> AbandonRunningAsync(DateTimeOffset startedBefore, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, """
                UPDATE board_import_runs SET status = $abandoned, ended_at = $ended WHERE status = $running AND started_at < $before;
                """, ("$abandoned", (int)ImportRunStatus.Abandoned), ("$running", (int)ImportRunStatus.Running),
                ("$ended", SqliteDatabase.ToDb(endedAt)), ("$before", SqliteDatabase.ToDb(startedBefore)));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private static InvalidOperationException UnknownRun(TenantId tenant, string runId) => new($"Import run '{runId}' of tenant '{tenant}' is unknown.");

    private static async Task<bool> UpdateRowAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string runId, ImportRunStatus? status, DateTimeOffset? endedAt, ImportCounts counts, string? failureCode, CancellationToken cancellationToken)
    {
        using var update = UpdateCommand(connection, transaction, tenant, runId, status, endedAt, counts, failureCode, string.Empty);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static SqliteCommand UpdateCommand(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string runId, ImportRunStatus? status, DateTimeOffset? endedAt, ImportCounts counts, string? failureCode, string returning)
        => connection.Command(transaction, $"""
            UPDATE board_import_runs SET seen = $seen, imported = $imported, duplicates = $duplicates, not_on_allow_list = $notAllowed, failed = $failed,
                status = coalesce($status, status), ended_at = coalesce($ended, ended_at), failure_code = coalesce($failure, failure_code)
            WHERE tenant = $tenant AND id = $id{returning};
            """,
            ("$tenant", tenant.Value), ("$id", runId), ("$seen", counts.Seen), ("$imported", counts.Imported), ("$duplicates", counts.Duplicates),
            ("$notAllowed", counts.NotOnAllowList), ("$failed", counts.Failed), ("$status", status is { } s ? (int)s : null),
            ("$ended", endedAt is { } e ? SqliteDatabase.ToDb(e) : null), ("$failure", failureCode));

    private static async Task AppendErrorsAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string runId, IReadOnlyList<ImportRunError>? errors, CancellationToken cancellationToken)
    {
        if (errors is null || errors.Count == 0)
        {
            return;
        }

        using var count = connection.Command(transaction, "SELECT error_count FROM board_import_runs WHERE tenant = $tenant AND id = $id;", ("$tenant", tenant.Value), ("$id", runId));
        var existing = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0, CultureInfo.InvariantCulture);
        using var insert = connection.Command(transaction, """
            INSERT INTO board_import_run_errors (tenant, run_id, seq, code, message, row, board_applicant_id) VALUES ($tenant, $run, $seq, $code, $message, $row, $applicant);
            """, ("$tenant", tenant.Value), ("$run", runId), ("$seq", 0), ("$code", string.Empty), ("$message", string.Empty), ("$row", null), ("$applicant", null));
        var seq = existing;
        foreach (var error in errors)
        {
            if (seq >= MaxErrorsPerRun)
            {
                break;
            }

            insert.Parameters["$seq"].Value = seq;
            insert.Parameters["$code"].Value = error.Code;
            insert.Parameters["$message"].Value = error.Message;
            insert.Parameters["$row"].Value = error.Row is { } row ? row : DBNull.Value;
            insert.Parameters["$applicant"].Value = (object?)error.BoardApplicantId ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            seq++;
        }

        using var bump = connection.Command(transaction, "UPDATE board_import_runs SET error_count = $count WHERE tenant = $tenant AND id = $id;", ("$tenant", tenant.Value), ("$id", runId), ("$count", existing + errors.Count));
        await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<ImportRun>> ReadRunsAsync(SqliteConnection connection, SqliteTransaction? transaction, SqliteCommand select, CancellationToken cancellationToken)
    {
        var runs = new List<(ImportRun Run, int ErrorCount)>();
        using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add((new ImportRun
                {
                    Tenant = new TenantId(reader.GetString(0)),
                    Id = reader.GetString(1),
                    Board = reader.GetString(2),
                    Account = reader.GetString(3),
                    Trigger = (ImportTrigger)reader.GetInt32(4),
                    Status = (ImportRunStatus)reader.GetInt32(5),
                    StartedAt = SqliteDatabase.FromDb(reader.GetInt64(6)),
                    EndedAt = reader.GetInt64OrNull(7) is { } ended ? SqliteDatabase.FromDb(ended) : null,
                    Counts = new ImportCounts(reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12)),
                    FailureCode = reader.GetStringOrNull(13),
                    Source = reader.GetStringOrNull(14),
                }, reader.GetInt32(15)));
            }
        }

        var result = new List<ImportRun>(runs.Count);
        foreach (var (run, errorCount) in runs)
        {
            var errors = new List<ImportRunError>();
            if (errorCount > 0)
            {
                using var select2 = connection.Command(transaction, """
                    SELECT code, message, row, board_applicant_id FROM board_import_run_errors WHERE tenant = $tenant AND run_id = $run ORDER BY seq;
                    """, ("$tenant", run.Tenant.Value), ("$run", run.Id));
                using var reader = await select2.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    errors.Add(new ImportRunError(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetStringOrNull(3)));
                }
            }

            result.Add(run with { Errors = errors, ErrorsOmitted = Math.Max(0, errorCount - errors.Count) });
        }

        return result;
    }
}
