using System.Text.Json;
using Microsoft.Data.Sqlite;
using Recruiting.Automation;

namespace Recruiting.Storage.Sqlite;

/// <summary>Rejection-reason rules on SQLite: one row per version; a deletion is a tombstone version.</summary>
internal sealed class SqliteRejectionRuleStore(SqliteDatabase database) : IRejectionRuleStore
{
    private const string Columns = "reason_id, version, name, actions, deleted, saved_at, saved_by";

    public async ValueTask<RejectionReasonRule?> GetAsync(TenantId tenant, string reasonId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reasonId);
        return await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, $"""
                SELECT {Columns} FROM automation_rules WHERE tenant = $tenant AND reason_id = $reason
                ORDER BY version DESC LIMIT 1;
                """, ("$tenant", tenant.Value), ("$reason", reasonId));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(4) == 0 ? Map(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RejectionReasonRule?> GetVersionAsync(TenantId tenant, string reasonId, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reasonId);
        return await database.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, $"""
                SELECT {Columns} FROM automation_rules WHERE tenant = $tenant AND reason_id = $reason AND version = $version AND deleted = 0;
                """, ("$tenant", tenant.Value), ("$reason", reasonId), ("$version", version));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<RejectionReasonRule>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => await database.ReadAsync<IReadOnlyList<RejectionReasonRule>>(async connection =>
        {
            using var select = connection.Command(null, $"""
                SELECT {Columns} FROM automation_rules r WHERE tenant = $tenant
                AND version = (SELECT max(version) FROM automation_rules m WHERE m.tenant = r.tenant AND m.reason_id = r.reason_id)
                AND deleted = 0 ORDER BY name, reason_id;
                """, ("$tenant", tenant.Value));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rules = new List<RejectionReasonRule>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rules.Add(Map(reader));
            }

            return rules;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<RejectionReasonRule?> SaveAsync(TenantId tenant, RejectionReasonRule rule, int expectedVersion, DateTimeOffset savedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrEmpty(rule.ReasonId);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var (current, deleted) = await CurrentAsync(connection, transaction, tenant, rule.ReasonId, cancellationToken).ConfigureAwait(false);
            // A deleted reason counts as absent: saving it again with expected version 0 revives it.
            var effective = deleted ? 0 : current;
            if (effective != expectedVersion)
            {
                return null;
            }

            var saved = rule with { Version = current + 1, SavedAt = savedAt };
            using var insert = connection.Command(transaction, """
                INSERT INTO automation_rules (tenant, reason_id, version, name, actions, deleted, saved_at, saved_by)
                VALUES ($tenant, $reason, $version, $name, $actions, 0, $at, $by);
                """,
                ("$tenant", tenant.Value), ("$reason", saved.ReasonId), ("$version", saved.Version), ("$name", saved.Name),
                ("$actions", JsonSerializer.Serialize(saved.Actions, AutomationJson.Options)), ("$at", SqliteDatabase.ToDb(savedAt)), ("$by", saved.SavedBy?.Value));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return saved;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> DeleteAsync(TenantId tenant, string reasonId, DateTimeOffset deletedAt, UserId? deletedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reasonId);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var (current, deleted) = await CurrentAsync(connection, transaction, tenant, reasonId, cancellationToken).ConfigureAwait(false);
            if (current == 0 || deleted)
            {
                return false;
            }

            using var insert = connection.Command(transaction, """
                INSERT INTO automation_rules (tenant, reason_id, version, name, actions, deleted, saved_at, saved_by)
                SELECT tenant, reason_id, version + 1, name, '[]', 1, $at, $by FROM automation_rules
                WHERE tenant = $tenant AND reason_id = $reason AND version = $version;
                """, ("$tenant", tenant.Value), ("$reason", reasonId), ("$version", current), ("$at", SqliteDatabase.ToDb(deletedAt)), ("$by", deletedBy?.Value));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(int Version, bool Deleted)> CurrentAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string reasonId, CancellationToken cancellationToken)
    {
        using var select = connection.Command(transaction, """
            SELECT version, deleted FROM automation_rules WHERE tenant = $tenant AND reason_id = $reason ORDER BY version DESC LIMIT 1;
            """, ("$tenant", tenant.Value), ("$reason", reasonId));
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt32(0), reader.GetInt64(1) != 0) : (0, false);
    }

    private static RejectionReasonRule Map(SqliteDataReader reader) => new()
    {
        ReasonId = reader.GetString(0),
        Version = reader.GetInt32(1),
        Name = reader.GetString(2),
        Actions = JsonSerializer.Deserialize<List<AutomatedActionDefinition>>(reader.GetString(3), AutomationJson.Options) ?? [],
        SavedAt = SqliteDatabase.FromDb(reader.GetInt64(5)),
        SavedBy = reader.GetStringOrNull(6) is { } by ? new UserId(by) : null,
    };
}
