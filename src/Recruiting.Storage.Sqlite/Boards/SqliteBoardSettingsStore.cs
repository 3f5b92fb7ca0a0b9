using Microsoft.Data.Sqlite;
using Recruiting.Boards;

namespace Recruiting.Storage.Sqlite;

/// <summary>Posting mappings, the active-postings allow-list and grace periods on SQLite.</summary>
/// <remarks>A board-wide entry is stored with account <c>''</c>; a match is keyed by its folded value so two spellings of one title are one entry.</remarks>
internal sealed class SqliteBoardSettingsStore(SqliteDatabase database) : IBoardSettingsStore
{
    public async ValueTask SetMappingAsync(TenantId tenant, PostingMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentException.ThrowIfNullOrEmpty(mapping.Board);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO board_posting_mappings (tenant, board, account, match_kind, match_key, match_value, job, flow)
                VALUES ($tenant, $board, $account, $kind, $key, $value, $job, $flow)
                ON CONFLICT (tenant, board, account, match_kind, match_key) DO UPDATE SET
                    match_value = excluded.match_value, job = excluded.job, flow = excluded.flow;
                """,
                ("$tenant", tenant.Value), ("$board", mapping.Board), ("$account", mapping.Account ?? string.Empty), ("$kind", (int)mapping.Posting.Kind),
                ("$key", KeyOf(mapping.Posting)), ("$value", mapping.Posting.Value), ("$job", mapping.Job.Value), ("$flow", mapping.Flow?.Value));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> RemoveMappingAsync(TenantId tenant, string board, string? account, PostingMatch posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            using var delete = connection.Command(transaction, """
                DELETE FROM board_posting_mappings WHERE tenant = $tenant AND board = $board AND account = $account AND match_kind = $kind AND match_key = $key;
                """, ("$tenant", tenant.Value), ("$board", board), ("$account", account ?? string.Empty), ("$kind", (int)posting.Kind), ("$key", KeyOf(posting)));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<PostingMapping>> ListMappingsAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadMappingsAsync(connection, tenant, board, null, cancellationToken), cancellationToken).ConfigureAwait(false);

    public async ValueTask AddActivePostingAsync(TenantId tenant, ActivePosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        ArgumentException.ThrowIfNullOrEmpty(posting.Board);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var insert = connection.Command(transaction, """
                INSERT INTO board_active_postings (tenant, board, account, match_kind, match_key, match_value)
                VALUES ($tenant, $board, $account, $kind, $key, $value)
                ON CONFLICT (tenant, board, account, match_kind, match_key) DO NOTHING;
                """, ("$tenant", tenant.Value), ("$board", posting.Board), ("$account", posting.Account ?? string.Empty), ("$kind", (int)posting.Posting.Kind), ("$key", KeyOf(posting.Posting)), ("$value", posting.Posting.Value));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> RemoveActivePostingAsync(TenantId tenant, ActivePosting posting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posting);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            using var delete = connection.Command(transaction, """
                DELETE FROM board_active_postings WHERE tenant = $tenant AND board = $board AND account = $account AND match_kind = $kind AND match_key = $key;
                """, ("$tenant", tenant.Value), ("$board", posting.Board), ("$account", posting.Account ?? string.Empty), ("$kind", (int)posting.Posting.Kind), ("$key", KeyOf(posting.Posting)));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ActivePosting>> ListActivePostingsAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadActiveAsync(connection, tenant, board, null, cancellationToken), cancellationToken).ConfigureAwait(false);

    public async ValueTask SetGracePeriodAsync(TenantId tenant, string board, TimeSpan? gracePeriod, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(board);
        if (gracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(gracePeriod), gracePeriod, "A grace period is zero or more.");
        }

        await database.WriteAsync(async (connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO board_settings (tenant, board, grace_period_ms) VALUES ($tenant, $board, $grace)
                ON CONFLICT (tenant, board) DO UPDATE SET grace_period_ms = excluded.grace_period_ms;
                """, ("$tenant", tenant.Value), ("$board", board), ("$grace", gracePeriod is { } g ? (long)g.TotalMilliseconds : null));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<BoardSettingsSnapshot> GetSnapshotAsync(TenantId tenant, string board, string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(board);
        ArgumentException.ThrowIfNullOrEmpty(account);

        // One read transaction so a run never sees half of an edit made while it reads (a snapshot: no write lock).
        return await database.ReadSnapshotAsync(async (connection, transaction) =>
        {
            var mappings = await ReadMappingsAsync(connection, tenant, board, account, cancellationToken, transaction).ConfigureAwait(false);
            var active = await ReadActiveAsync(connection, tenant, board, account, cancellationToken, transaction).ConfigureAwait(false);
            using var grace = connection.Command(transaction, "SELECT grace_period_ms FROM board_settings WHERE tenant = $tenant AND board = $board;", ("$tenant", tenant.Value), ("$board", board));
            var value = await grace.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            TimeSpan? period = value is long ms ? TimeSpan.FromMilliseconds(ms) : null;
            return new BoardSettingsSnapshot(mappings, active, period);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string KeyOf(PostingMatch posting) => posting.Kind switch
    {
        PostingMatchKind.Any => string.Empty,
        PostingMatchKind.Title => PostingMatch.FoldTitle(posting.Value ?? string.Empty),
        _ => (posting.Value ?? string.Empty).Trim(),
    };

    private static PostingMatch MatchOf(int kind, string? value) => (PostingMatchKind)kind switch
    {
        PostingMatchKind.Any => PostingMatch.Any,
        var k => new PostingMatch(k, value),
    };

    private static async Task<IReadOnlyList<PostingMapping>> ReadMappingsAsync(SqliteConnection connection, TenantId tenant, string? board, string? account, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var select = connection.Command(transaction, """
            SELECT board, account, match_kind, match_value, job, flow FROM board_posting_mappings
            WHERE tenant = $tenant AND ($board IS NULL OR board = $board) AND ($account IS NULL OR account = '' OR account = $account)
            ORDER BY board, account, match_kind, match_key;
            """, ("$tenant", tenant.Value), ("$board", board), ("$account", account));
        var list = new List<PostingMapping>();
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var mappedAccount = reader.GetString(1);
            list.Add(new PostingMapping(
                reader.GetString(0),
                mappedAccount.Length == 0 ? null : mappedAccount,
                MatchOf(reader.GetInt32(2), reader.GetStringOrNull(3)),
                new JobId(reader.GetString(4)),
                reader.GetStringOrNull(5) is { } flow ? new HiringFlowId(flow) : null));
        }

        return list;
    }

    private static async Task<IReadOnlyList<ActivePosting>> ReadActiveAsync(SqliteConnection connection, TenantId tenant, string? board, string? account, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var select = connection.Command(transaction, """
            SELECT board, account, match_kind, match_value FROM board_active_postings
            WHERE tenant = $tenant AND ($board IS NULL OR board = $board) AND ($account IS NULL OR account = '' OR account = $account)
            ORDER BY board, account, match_kind, match_key;
            """, ("$tenant", tenant.Value), ("$board", board), ("$account", account));
        var list = new List<ActivePosting>();
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var activeAccount = reader.GetString(1);
            list.Add(new ActivePosting(reader.GetString(0), activeAccount.Length == 0 ? null : activeAccount, MatchOf(reader.GetInt32(2), reader.GetStringOrNull(3))));
        }

        return list;
    }
}
