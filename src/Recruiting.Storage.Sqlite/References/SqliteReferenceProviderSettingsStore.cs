using Recruiting.References;

namespace Recruiting.Storage.Sqlite;

/// <summary>Each tenant's reference provider configuration on SQLite (secrets live in the secret store).</summary>
internal sealed class SqliteReferenceProviderSettingsStore(SqliteDatabase database, TimeProvider time) : IReferenceProviderSettingsStore
{
    public async ValueTask<ReferenceProviderSettings?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, """
                SELECT base_address, default_sub_account, callback_url, reference_assignment
                FROM reference_provider_settings WHERE tenant = $tenant;
                """, ("$tenant", tenant.Value));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new ReferenceProviderSettings
            {
                Tenant = tenant,
                BaseAddress = new Uri(reader.GetString(0), UriKind.Absolute),
                DefaultSubAccount = reader.GetStringOrNull(1),
                CallbackUrl = reader.GetStringOrNull(2) is { } callback ? new Uri(callback, UriKind.Absolute) : null,
                ReferenceAssignment = reader.GetStringOrNull(3) is { } job ? new JobId(job) : null,
            };
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask SaveAsync(ReferenceProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO reference_provider_settings (tenant, base_address, default_sub_account, callback_url, reference_assignment, updated_at)
                VALUES ($tenant, $base, $sub, $callback, $job, $now)
                ON CONFLICT (tenant) DO UPDATE SET base_address = excluded.base_address, default_sub_account = excluded.default_sub_account,
                    callback_url = excluded.callback_url, reference_assignment = excluded.reference_assignment, updated_at = excluded.updated_at;
                """,
                ("$tenant", settings.Tenant.Value),
                ("$base", settings.BaseAddress.AbsoluteUri),
                ("$sub", settings.DefaultSubAccount),
                ("$callback", settings.CallbackUrl?.AbsoluteUri),
                ("$job", settings.ReferenceAssignment?.Value),
                ("$now", SqliteDatabase.ToDb(time.GetUtcNow())));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
