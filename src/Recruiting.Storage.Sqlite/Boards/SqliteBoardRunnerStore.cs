using Microsoft.Data.Sqlite;
using Recruiting.Boards;

namespace Recruiting.Storage.Sqlite;

/// <summary>The runner's per-account state on SQLite (module <c>boards.runner</c>).</summary>
internal sealed class SqliteBoardRunnerStore(SqliteDatabase database) : IBoardRunnerStore
{
    private const string Columns = "tenant, board, account, watermark_at, watermark_id, first_page_rows, health, health_detail, health_changed_at, health_revision, next_due_at, lease_owner, lease_until";
    private const string Ensure = "INSERT INTO board_runner_state (tenant, board, account) VALUES ($tenant, $board, $account) ON CONFLICT DO NOTHING;";

    public async ValueTask<BoardRunnerState?> GetAsync(TenantId tenant, string board, string account, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, $"SELECT {Columns} FROM board_runner_state WHERE tenant = $tenant AND board = $board AND account = $account;",
                ("$tenant", tenant.Value), ("$board", board), ("$account", account));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<BoardRunnerState>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, $"SELECT {Columns} FROM board_runner_state WHERE tenant = $tenant ORDER BY board, account;", ("$tenant", tenant.Value));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var states = new List<BoardRunnerState>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states.Add(Read(reader));
            }

            return (IReadOnlyList<BoardRunnerState>)states;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask AdvanceWatermarkAsync(TenantId tenant, string board, string account, DateTimeOffset appliedAt, string? applicantId, int? firstPageRows, CancellationToken cancellationToken = default)
        => await ExecuteAsync(tenant, board, account, """
            UPDATE board_runner_state SET watermark_at = $at, watermark_id = $id, first_page_rows = coalesce($rows, first_page_rows)
            WHERE tenant = $tenant AND board = $board AND account = $account AND (watermark_at IS NULL OR watermark_at <= $at);
            """, cancellationToken, ("$at", SqliteDatabase.ToDb(appliedAt)), ("$id", applicantId), ("$rows", firstPageRows)).ConfigureAwait(false);

    public async ValueTask<BoardHealth> SetHealthAsync(TenantId tenant, string board, string account, BoardHealth health, string? detail, long? accountRevision, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using (var ensure = connection.Command(transaction, Ensure, ("$tenant", tenant.Value), ("$board", board), ("$account", account)))
            {
                await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            string previous;
            using (var select = connection.Command(transaction, "SELECT health FROM board_runner_state WHERE tenant = $tenant AND board = $board AND account = $account;",
                ("$tenant", tenant.Value), ("$board", board), ("$account", account)))
            {
                previous = (string)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            var changed = !string.Equals(previous, ToDb(health), StringComparison.Ordinal);
            using (var update = connection.Command(transaction, """
                UPDATE board_runner_state SET health = $health, health_detail = $detail, health_revision = $revision,
                    health_changed_at = CASE WHEN $changed THEN $at ELSE coalesce(health_changed_at, $at) END
                WHERE tenant = $tenant AND board = $board AND account = $account;
                """,
                ("$tenant", tenant.Value), ("$board", board), ("$account", account), ("$health", ToDb(health)), ("$detail", detail),
                ("$revision", accountRevision), ("$changed", changed), ("$at", SqliteDatabase.ToDb(at))))
            {
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return FromDb(previous);
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask SetNextDueAsync(TenantId tenant, string board, string account, DateTimeOffset? nextDueAt, CancellationToken cancellationToken = default)
        => await ExecuteAsync(tenant, board, account, "UPDATE board_runner_state SET next_due_at = $due WHERE tenant = $tenant AND board = $board AND account = $account;",
            cancellationToken, ("$due", nextDueAt is { } due ? SqliteDatabase.ToDb(due) : null)).ConfigureAwait(false);

    public async ValueTask<bool> TryAcquireLeaseAsync(TenantId tenant, string board, string account, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);

        // One statement: the account's row is created with the lease, or the lease is taken when free, expired or ours.
        var changed = await database.WriteAsync(async (connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO board_runner_state (tenant, board, account, lease_owner, lease_until) VALUES ($tenant, $board, $account, $owner, $until)
                ON CONFLICT (tenant, board, account) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
                WHERE lease_owner IS NULL OR lease_until IS NULL OR lease_until <= $now OR lease_owner = $owner;
                """, ("$tenant", tenant.Value), ("$board", board), ("$account", account), ("$owner", owner),
                ("$until", SqliteDatabase.ToDb(now + duration)), ("$now", SqliteDatabase.ToDb(now)));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return changed > 0;
    }

    public async ValueTask ReleaseLeaseAsync(TenantId tenant, string board, string account, string owner, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            // No row, no lease: nothing to create.
            using var update = connection.Command(transaction, """
                UPDATE board_runner_state SET lease_owner = NULL, lease_until = NULL
                WHERE tenant = $tenant AND board = $board AND account = $account AND lease_owner = $owner;
                """, ("$tenant", tenant.Value), ("$board", board), ("$account", account), ("$owner", owner));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Makes sure the account's row exists, then runs one statement in the same transaction; returns the rows it changed.</summary>
    private async Task<int> ExecuteAsync(TenantId tenant, string board, string account, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using (var ensure = connection.Command(transaction, Ensure, ("$tenant", tenant.Value), ("$board", board), ("$account", account)))
            {
                await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var command = connection.Command(transaction, sql, [("$tenant", tenant.Value), ("$board", board), ("$account", account), .. parameters]);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private static string ToDb(BoardHealth health) => health switch
    {
        BoardHealth.LayoutChanged => "layoutChanged",
        BoardHealth.CredentialsRejected => "credentialsRejected",
        BoardHealth.Unavailable => "unavailable",
        _ => "healthy",
    };

    private static BoardHealth FromDb(string value) => value switch
    {
        "layoutChanged" => BoardHealth.LayoutChanged,
        "credentialsRejected" => BoardHealth.CredentialsRejected,
        "unavailable" => BoardHealth.Unavailable,
        _ => BoardHealth.Healthy,
    };

    private static BoardRunnerState Read(SqliteDataReader reader) => new()
    {
        Tenant = new TenantId(reader.GetString(0)),
        Board = reader.GetString(1),
        Account = reader.GetString(2),
        WatermarkAppliedAt = reader.GetInt64OrNull(3) is { } at ? SqliteDatabase.FromDb(at) : null,
        WatermarkApplicantId = reader.GetStringOrNull(4),
        LastFirstPageRows = reader.GetInt64OrNull(5) is { } rows ? (int)rows : null,
        Health = FromDb(reader.GetString(6)),
        HealthDetail = reader.GetStringOrNull(7),
        HealthChangedAt = reader.GetInt64OrNull(8) is { } changed ? SqliteDatabase.FromDb(changed) : null,
        HealthAccountRevision = reader.GetInt64OrNull(9),
        NextDueAt = reader.GetInt64OrNull(10) is { } due ? SqliteDatabase.FromDb(due) : null,
        LeaseOwner = reader.GetStringOrNull(11),
        LeaseUntil = reader.GetInt64OrNull(12) is { } until ? SqliteDatabase.FromDb(until) : null,
    };
}
