using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Recruiting.Boards;

namespace Recruiting.Storage.Sqlite;

/// <summary>Board accounts on SQLite (passwords are not here: they are in the secret store).</summary>
internal sealed class SqliteBoardAccountStore(SqliteDatabase database, TimeProvider time) : IBoardAccountStore
{
    private const string Columns = "tenant, board, name, login_id, memo, extra_fields, revision, created_at, updated_at";

    public async ValueTask<BoardAccount> SaveAsync(BoardAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(account.Board);
        ArgumentException.ThrowIfNullOrEmpty(account.Name);
        var now = SqliteDatabase.ToDb(time.GetUtcNow());
        var extra = JsonSerializer.Serialize(account.ExtraFields ?? new Dictionary<string, string>());
        return await database.WriteAsync(async (connection, transaction) =>
        {
            using (var upsert = connection.Command(transaction, """
                INSERT INTO board_accounts (tenant, board, name, login_id, memo, extra_fields, revision, created_at, updated_at)
                VALUES ($tenant, $board, $name, $login, $memo, $extra, 1, $now, $now)
                ON CONFLICT (tenant, board, name) DO UPDATE SET
                    login_id = excluded.login_id, memo = excluded.memo, extra_fields = excluded.extra_fields,
                    revision = board_accounts.revision + 1, updated_at = excluded.updated_at;
                """,
                ("$tenant", account.Tenant.Value), ("$board", account.Board), ("$name", account.Name), ("$login", account.LoginId),
                ("$memo", account.Memo), ("$extra", extra), ("$now", now)))
            {
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return await ReadOneAsync(connection, transaction, account.Tenant, account.Board, account.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The account vanished inside its own transaction.");
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<BoardAccount?> GetAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadOneAsync(connection, null, tenant, board, name, cancellationToken), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<BoardAccount>> ListAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, $"""
                SELECT {Columns} FROM board_accounts WHERE tenant = $tenant AND ($board IS NULL OR board = $board) ORDER BY board, name;
                """, ("$tenant", tenant.Value), ("$board", board));
            return (IReadOnlyList<BoardAccount>)await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<BoardAccount> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var select = connection.Command(null, $"SELECT {Columns} FROM board_accounts ORDER BY tenant, board, name;");
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return Map(reader);
            }
        }
    }

    public async ValueTask<bool> DeleteAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using var delete = connection.Command(transaction, "DELETE FROM board_accounts WHERE tenant = $tenant AND board = $board AND name = $name;", ("$tenant", tenant.Value), ("$board", board), ("$name", name));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);

    private static async Task<BoardAccount?> ReadOneAsync(SqliteConnection connection, SqliteTransaction? transaction, TenantId tenant, string board, string name, CancellationToken cancellationToken)
    {
        using var select = connection.Command(transaction, $"SELECT {Columns} FROM board_accounts WHERE tenant = $tenant AND board = $board AND name = $name;", ("$tenant", tenant.Value), ("$board", board), ("$name", name));
        var all = await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
        return all.Count == 0 ? null : all[0];
    }

    private static async Task<List<BoardAccount>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<BoardAccount>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Map(reader));
        }

        return list;
    }

    private static BoardAccount Map(SqliteDataReader reader) => new()
    {
        Tenant = new TenantId(reader.GetString(0)),
        Board = reader.GetString(1),
        Name = reader.GetString(2),
        LoginId = reader.GetString(3),
        Memo = reader.GetStringOrNull(4),
        ExtraFields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [],
        Revision = reader.GetInt64(6),
        CreatedAt = SqliteDatabase.FromDb(reader.GetInt64(7)),
        UpdatedAt = SqliteDatabase.FromDb(reader.GetInt64(8)),
    };
}
