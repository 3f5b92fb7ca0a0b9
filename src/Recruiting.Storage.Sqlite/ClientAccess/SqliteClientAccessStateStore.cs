using System.Text.Json;
using System.Text.Json.Serialization;
using Recruiting.ClientAccess;

namespace Recruiting.Storage.Sqlite;

/// <summary>Per-tenant client-access settings (JSON) and clients' last visits of each vacancy.</summary>
internal sealed class SqliteClientAccessStateStore(SqliteDatabase database, TimeProvider time) : IClientAccessStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async ValueTask<ClientAccessSettings?> GetSettingsAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var json = await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, "SELECT settings FROM ca_settings WHERE tenant = $t;", ("$t", tenant.Value));
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<ClientAccessSettings>(json, Json);
    }

    public async ValueTask SetSettingsAsync(TenantId tenant, ClientAccessSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var json = JsonSerializer.Serialize(settings, Json);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO ca_settings (tenant, settings, updated_at) VALUES ($t, $s, $now)
                ON CONFLICT (tenant) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at;
                """, ("$t", tenant.Value), ("$s", json), ("$now", SqliteDatabase.ToDb(time.GetUtcNow())));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DateTimeOffset?> RecordVisitAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            DateTimeOffset? previous = null;
            using (var select = connection.Command(transaction, "SELECT visited_at FROM ca_visits WHERE tenant = $t AND client = $c AND job = $j;", ("$t", tenant.Value), ("$c", client.Value), ("$j", job.Value)))
            {
                if (await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long stored)
                {
                    previous = SqliteDatabase.FromDb(stored);
                }
            }

            using var upsert = connection.Command(transaction, """
                INSERT INTO ca_visits (tenant, client, job, visited_at) VALUES ($t, $c, $j, $at)
                ON CONFLICT (tenant, client, job) DO UPDATE SET visited_at = excluded.visited_at;
                """, ("$t", tenant.Value), ("$c", client.Value), ("$j", job.Value), ("$at", SqliteDatabase.ToDb(at)));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return previous;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> TryClaimReadNoticeAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, TimeSpan period, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            // One statement: insert, or move the mark forward only when the last notice is at least a period old.
            using var claim = connection.Command(transaction, """
                INSERT INTO ca_read_notices (tenant, client, job, notified_at) VALUES ($t, $c, $j, $at)
                ON CONFLICT (tenant, client, job) DO UPDATE SET notified_at = excluded.notified_at
                WHERE ca_read_notices.notified_at <= $due;
                """, ("$t", tenant.Value), ("$c", client.Value), ("$j", job.Value), ("$at", SqliteDatabase.ToDb(at)), ("$due", SqliteDatabase.ToDb(at - period)));
            return await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask ReleaseReadNoticeAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            // Only this claim: a row moved on by a later claim stays.
            using var release = connection.Command(transaction, "DELETE FROM ca_read_notices WHERE tenant = $t AND client = $c AND job = $j AND notified_at = $at;",
                ("$t", tenant.Value), ("$c", client.Value), ("$j", job.Value), ("$at", SqliteDatabase.ToDb(at)));
            return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
}
