namespace Recruiting.Storage.Sqlite;

/// <summary>Named secrets per tenant, stored only in their protected form.</summary>
internal sealed class SqliteSecretStore(SqliteDatabase database, ISecretProtector protector, TimeProvider time) : ISecretStore
{
    internal const string Purpose = "Recruiting.Secrets.v1";

    public async ValueTask SetAsync(TenantId tenant, string name, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(secret);

        // The purpose binds the ciphertext to its tenant and name: a value copied to another row does not decrypt.
        var protectedValue = protector.Protect(PurposeOf(tenant, name), secret);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO secrets (tenant, name, protected_value, updated_at) VALUES ($tenant, $name, $value, $now)
                ON CONFLICT (tenant, name) DO UPDATE SET protected_value = excluded.protected_value, updated_at = excluded.updated_at;
                """, ("$tenant", tenant.Value), ("$name", name), ("$value", protectedValue), ("$now", SqliteDatabase.ToDb(time.GetUtcNow())));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> GetAsync(TenantId tenant, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var stored = await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, "SELECT protected_value FROM secrets WHERE tenant = $tenant AND name = $name;", ("$tenant", tenant.Value), ("$name", name));
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken).ConfigureAwait(false);

        return stored is null ? null : protector.Unprotect(PurposeOf(tenant, name), stored);
    }

    public async ValueTask<bool> DeleteAsync(TenantId tenant, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var deleted = await database.WriteAsync(async (connection, transaction) =>
        {
            using var delete = connection.Command(transaction, "DELETE FROM secrets WHERE tenant = $tenant AND name = $name;", ("$tenant", tenant.Value), ("$name", name));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    private static string PurposeOf(TenantId tenant, string name) => $"{Purpose}/{tenant.Value}/{name}";
}
