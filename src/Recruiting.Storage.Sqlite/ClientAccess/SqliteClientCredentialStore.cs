using Recruiting.ClientAccess;

namespace Recruiting.Storage.Sqlite;

/// <summary>Client invitations and sessions; only token hashes are stored.</summary>
internal sealed class SqliteClientCredentialStore(SqliteDatabase database) : IClientCredentialStore
{
    public async ValueTask AddInvitationAsync(ClientInvitationRecord invitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var insert = connection.Command(transaction, """
                INSERT INTO ca_invitations (tenant, id, client, token_hash, created_at, expires_at, invited_by, used_at, revoked_at)
                VALUES ($t, $id, $c, $h, $created, $expires, $by, $used, $revoked);
                """,
                ("$t", invitation.Tenant.Value), ("$id", invitation.Id), ("$c", invitation.Client.Value), ("$h", invitation.TokenHash), ("$created", SqliteDatabase.ToDb(invitation.CreatedAt)),
                ("$expires", SqliteDatabase.ToDb(invitation.ExpiresAt)), ("$by", invitation.InvitedBy?.Value), ("$used", ToDb(invitation.UsedAt)), ("$revoked", ToDb(invitation.RevokedAt)));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ClientInvitationRecord?> GetInvitationAsync(TenantId tenant, string id, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, "SELECT id, tenant, client, token_hash, created_at, expires_at, invited_by, used_at, revoked_at FROM ca_invitations WHERE tenant = $t AND id = $id;",
                ("$t", tenant.Value), ("$id", id));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new ClientInvitationRecord(reader.GetString(0), new TenantId(reader.GetString(1)), new ClientId(reader.GetString(2)), reader.GetString(3),
                SqliteDatabase.FromDb(reader.GetInt64(4)), SqliteDatabase.FromDb(reader.GetInt64(5)), reader.GetStringOrNull(6) is { } by ? new UserId(by) : null,
                FromDb(reader.GetInt64OrNull(7)), FromDb(reader.GetInt64OrNull(8)));
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> TryMarkInvitationUsedAsync(TenantId tenant, string id, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, "UPDATE ca_invitations SET used_at = $at WHERE tenant = $t AND id = $id AND used_at IS NULL AND revoked_at IS NULL;",
                ("$t", tenant.Value), ("$id", id), ("$at", SqliteDatabase.ToDb(at)));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> RevokeInvitationsAsync(TenantId tenant, ClientId client, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, "UPDATE ca_invitations SET revoked_at = $at WHERE tenant = $t AND client = $c AND used_at IS NULL AND revoked_at IS NULL;",
                ("$t", tenant.Value), ("$c", client.Value), ("$at", SqliteDatabase.ToDb(at)));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask AddSessionAsync(ClientSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var insert = connection.Command(transaction, """
                INSERT INTO ca_sessions (tenant, id, client, token_hash, created_at, expires_at, revoked_at) VALUES ($t, $id, $c, $h, $created, $expires, $revoked);
                """,
                ("$t", session.Tenant.Value), ("$id", session.Id), ("$c", session.Client.Value), ("$h", session.TokenHash), ("$created", SqliteDatabase.ToDb(session.CreatedAt)),
                ("$expires", SqliteDatabase.ToDb(session.ExpiresAt)), ("$revoked", ToDb(session.RevokedAt)));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ClientSessionRecord?> GetSessionAsync(TenantId tenant, string id, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, "SELECT id, tenant, client, token_hash, created_at, expires_at, revoked_at FROM ca_sessions WHERE tenant = $t AND id = $id;",
                ("$t", tenant.Value), ("$id", id));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new ClientSessionRecord(reader.GetString(0), new TenantId(reader.GetString(1)), new ClientId(reader.GetString(2)), reader.GetString(3),
                SqliteDatabase.FromDb(reader.GetInt64(4)), SqliteDatabase.FromDb(reader.GetInt64(5)), FromDb(reader.GetInt64OrNull(6)));
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> RevokeSessionsAsync(TenantId tenant, ClientId client, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, "UPDATE ca_sessions SET revoked_at = $at WHERE tenant = $t AND client = $c AND revoked_at IS NULL;",
                ("$t", tenant.Value), ("$c", client.Value), ("$at", SqliteDatabase.ToDb(at)));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private static long? ToDb(DateTimeOffset? value) => value is { } v ? SqliteDatabase.ToDb(v) : null;

    private static DateTimeOffset? FromDb(long? value) => value is { } v ? SqliteDatabase.FromDb(v) : null;
}
