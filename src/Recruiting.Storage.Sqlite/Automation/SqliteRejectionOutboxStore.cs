using Microsoft.Data.Sqlite;
using Recruiting.Automation;

namespace Recruiting.Storage.Sqlite;

/// <summary>The rejection outbox on SQLite: rejections and their actions, claimed with leases.</summary>
internal sealed class SqliteRejectionOutboxStore(SqliteDatabase database) : IRejectionOutboxStore
{
    private const string RejectionColumns = "tenant, rejection_id, application, candidate, reason_id, reason_version, actor, rejected_at, with_actions, bulk, cancel_until, request_id, host_synced, unrejected_at, unreject_cause";
    private const string ActionColumns = "tenant, rejection_id, action_index, application, kind, state, due_at, rule_id, payload, detail, attempts, updated_at";

    public async ValueTask<IReadOnlyList<RecordedRejection>> RecordAsync(IReadOnlyList<NewRejection> rejections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.Count == 0)
        {
            return [];
        }

        return await database.WriteAsync<IReadOnlyList<RecordedRejection>>(async (connection, transaction) =>
        {
            var results = new List<RecordedRejection>(rejections.Count);
            using var insertRejection = connection.Command(transaction, """
                INSERT OR IGNORE INTO automation_rejections (tenant, rejection_id, application, candidate, reason_id, reason_version, actor, rejected_at, with_actions, bulk, cancel_until, request_id, host_synced)
                VALUES ($tenant, $id, $application, $candidate, $reason, $version, $actor, $at, $with, $bulk, $cancel, $request, 0);
                """);
            var rp = AddParameters(insertRejection, "$tenant", "$id", "$application", "$candidate", "$reason", "$version", "$actor", "$at", "$with", "$bulk", "$cancel", "$request");
            using var insertAction = connection.Command(transaction, """
                INSERT INTO automation_actions (tenant, rejection_id, action_index, application, kind, state, due_at, rule_id, payload, detail, attempts, updated_at)
                VALUES ($tenant, $id, $index, $application, $kind, $state, $due, $rule, $payload, $detail, 0, $at);
                """);
            var ap = AddParameters(insertAction, "$tenant", "$id", "$index", "$application", "$kind", "$state", "$due", "$rule", "$payload", "$detail", "$at");

            foreach (var (rejection, actions) in rejections)
            {
                rp[0].Value = rejection.Tenant.Value;
                rp[1].Value = rejection.RejectionId;
                rp[2].Value = rejection.Application.Value;
                rp[3].Value = rejection.Candidate.Value;
                rp[4].Value = rejection.ReasonId;
                rp[5].Value = rejection.ReasonVersion;
                rp[6].Value = (object?)rejection.Actor?.Value ?? DBNull.Value;
                rp[7].Value = SqliteDatabase.ToDb(rejection.RejectedAt);
                rp[8].Value = rejection.WithActions ? 1 : 0;
                rp[9].Value = rejection.Bulk ? 1 : 0;
                rp[10].Value = SqliteDatabase.ToDb(rejection.CancelUntil);
                rp[11].Value = (object?)rejection.RequestId ?? DBNull.Value;
                if (await insertRejection.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    var existing = await FindExistingAsync(connection, transaction, rejection, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"Rejection '{rejection.RejectionId}' conflicts with a row that cannot be found.");
                    results.Add(new RecordedRejection(false, existing));
                    continue;
                }

                foreach (var action in actions)
                {
                    ap[0].Value = rejection.Tenant.Value;
                    ap[1].Value = rejection.RejectionId;
                    ap[2].Value = action.ActionIndex;
                    ap[3].Value = action.Application.Value;
                    ap[4].Value = (int)action.Kind;
                    ap[5].Value = (int)action.State;
                    ap[6].Value = SqliteDatabase.ToDb(action.DueAt);
                    ap[7].Value = action.RuleId;
                    ap[8].Value = action.Payload;
                    ap[9].Value = (object?)action.Detail ?? DBNull.Value;
                    ap[10].Value = SqliteDatabase.ToDb(action.UpdatedAt);
                    await insertAction.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                results.Add(new RecordedRejection(true, rejection));
            }

            return results;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<RejectionRecord?> GetRejectionAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadRejectionAsync(connection, null, "tenant = $tenant AND rejection_id = $id", cancellationToken, ("$tenant", tenant.Value), ("$id", rejectionId)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<RejectionRecord?> FindActiveAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadRejectionAsync(connection, null, "tenant = $tenant AND application = $application AND unrejected_at IS NULL", cancellationToken, ("$tenant", tenant.Value), ("$application", application.Value)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<OutboxAction>> ListActionsAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadActionsAsync(connection, null, "tenant = $tenant AND rejection_id = $id ORDER BY action_index", cancellationToken, ("$tenant", tenant.Value), ("$id", rejectionId)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<OutboxAction>> ListByStateAsync(TenantId tenant, AutomatedActionState state, int limit, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadActionsAsync(connection, null, "tenant = $tenant AND state = $state ORDER BY due_at, rejection_id, action_index LIMIT $limit", cancellationToken, ("$tenant", tenant.Value), ("$state", (int)state), ("$limit", limit)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<OutboxAction>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            var nowDb = SqliteDatabase.ToDb(now);
            // Pending and due, or running with an expired lease (its dispatcher died between the host call and the mark).
            var claimed = await ReadActionsAsync(connection, transaction, """
                (state = 0 AND due_at <= $now) OR (state = 1 AND lease_until <= $now)
                ORDER BY due_at, tenant, rejection_id, action_index LIMIT $limit
                """, cancellationToken, ("$now", nowDb), ("$limit", limit)).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                return claimed;
            }

            using var update = connection.Command(transaction, """
                UPDATE automation_actions SET state = 1, lease_until = $lease, attempts = attempts + 1, updated_at = $now
                WHERE tenant = $tenant AND rejection_id = $id AND action_index = $index;
                """);
            var p = AddParameters(update, "$lease", "$now", "$tenant", "$id", "$index");
            p[0].Value = SqliteDatabase.ToDb(leaseUntil);
            p[1].Value = nowDb;
            var result = new List<OutboxAction>(claimed.Count);
            foreach (var action in claimed)
            {
                p[2].Value = action.Tenant.Value;
                p[3].Value = action.RejectionId;
                p[4].Value = action.ActionIndex;
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                result.Add(action with { State = AutomatedActionState.Running, Attempts = action.Attempts + 1, UpdatedAt = now });
            }

            return (IReadOnlyList<OutboxAction>)result;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> CompleteAsync(IReadOnlyList<ActionCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count == 0)
        {
            return 0;
        }

        return await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, """
                UPDATE automation_actions SET state = $state, detail = $detail, lease_until = NULL, updated_at = $at
                WHERE tenant = $tenant AND rejection_id = $id AND action_index = $index AND state = 1;
                """);
            var p = AddParameters(update, "$state", "$detail", "$at", "$tenant", "$id", "$index");
            var count = 0;
            foreach (var completion in completions)
            {
                p[0].Value = (int)completion.State;
                p[1].Value = (object?)completion.Detail ?? DBNull.Value;
                p[2].Value = SqliteDatabase.ToDb(completion.At);
                p[3].Value = completion.Tenant.Value;
                p[4].Value = completion.RejectionId;
                p[5].Value = completion.ActionIndex;
                count += await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return count;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<OutboxAction>> CancelPendingAsync(TenantId tenant, string rejectionId, int? actionIndex, string cause, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rejectionId);
        return await database.WriteAsync((connection, transaction) => CancelAsync(connection, transaction, tenant, rejectionId, actionIndex, cause, at, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<(RejectionRecord? Rejection, IReadOnlyList<OutboxAction> Cancelled)> UnrejectAsync(TenantId tenant, ApplicationId application, UnrejectCause cause, DateTimeOffset at, CancellationToken cancellationToken = default)
        => await database.WriteAsync<(RejectionRecord?, IReadOnlyList<OutboxAction>)>(async (connection, transaction) =>
        {
            var rejection = await ReadRejectionAsync(connection, transaction, "tenant = $tenant AND application = $application AND unrejected_at IS NULL", cancellationToken, ("$tenant", tenant.Value), ("$application", application.Value)).ConfigureAwait(false);
            if (rejection is null)
            {
                return (null, []);
            }

            using (var update = connection.Command(transaction, """
                UPDATE automation_rejections SET unrejected_at = $at, unreject_cause = $cause WHERE tenant = $tenant AND rejection_id = $id;
                """, ("$at", SqliteDatabase.ToDb(at)), ("$cause", (int)cause), ("$tenant", tenant.Value), ("$id", rejection.RejectionId)))
            {
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var causeWord = cause switch
            {
                UnrejectCause.MovedBack => "movedBack",
                UnrejectCause.Reassigned => "reassigned",
                _ => "unrejected",
            };
            var cancelled = await CancelAsync(connection, transaction, tenant, rejection.RejectionId, null, causeWord, at, cancellationToken).ConfigureAwait(false);
            return (rejection with { UnrejectedAt = at, UnrejectCause = cause }, cancelled);
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask MarkHostSyncedAsync(IReadOnlyList<(TenantId Tenant, string RejectionId)> rejections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.Count == 0)
        {
            return;
        }

        await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, "UPDATE automation_rejections SET host_synced = 1 WHERE tenant = $tenant AND rejection_id = $id;");
            var p = AddParameters(update, "$tenant", "$id");
            foreach (var (tenant, id) in rejections)
            {
                p[0].Value = tenant.Value;
                p[1].Value = id;
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<RejectionRecord>> ListUnsyncedAsync(DateTimeOffset recordedBy, int limit, CancellationToken cancellationToken = default)
        => await database.ReadAsync<IReadOnlyList<RejectionRecord>>(async connection =>
        {
            using var select = connection.Command(null, $"SELECT {RejectionColumns} FROM automation_rejections WHERE host_synced = 0 AND rejected_at <= $by ORDER BY rejected_at LIMIT $limit;", ("$by", SqliteDatabase.ToDb(recordedBy)), ("$limit", limit));
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<RejectionRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(MapRejection(reader));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);

    private static async Task<IReadOnlyList<OutboxAction>> CancelAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string rejectionId, int? actionIndex, string cause, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pending = await ReadActionsAsync(connection, transaction, "tenant = $tenant AND rejection_id = $id AND state = 0 AND ($index IS NULL OR action_index = $index) ORDER BY action_index", cancellationToken,
            ("$tenant", tenant.Value), ("$id", rejectionId), ("$index", actionIndex)).ConfigureAwait(false);
        using var update = connection.Command(transaction, """
            UPDATE automation_actions SET state = 5, detail = $cause, updated_at = $at
            WHERE tenant = $tenant AND rejection_id = $id AND state = 0 AND ($index IS NULL OR action_index = $index);
            """, ("$cause", cause), ("$at", SqliteDatabase.ToDb(at)), ("$tenant", tenant.Value), ("$id", rejectionId), ("$index", actionIndex));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return pending.Select(a => a with { State = AutomatedActionState.Cancelled, Detail = cause, UpdatedAt = at }).ToList();
    }

    private static async Task<RejectionRecord?> FindExistingAsync(SqliteConnection connection, SqliteTransaction transaction, RejectionRecord rejection, CancellationToken cancellationToken)
    {
        if (rejection.RequestId is not null
            && await ReadRejectionAsync(connection, transaction, "tenant = $tenant AND request_id = $request", cancellationToken, ("$tenant", rejection.Tenant.Value), ("$request", rejection.RequestId)).ConfigureAwait(false) is { } byRequest)
        {
            return byRequest;
        }

        return await ReadRejectionAsync(connection, transaction, "tenant = $tenant AND application = $application AND unrejected_at IS NULL", cancellationToken, ("$tenant", rejection.Tenant.Value), ("$application", rejection.Application.Value)).ConfigureAwait(false)
            ?? await ReadRejectionAsync(connection, transaction, "tenant = $tenant AND rejection_id = $id", cancellationToken, ("$tenant", rejection.Tenant.Value), ("$id", rejection.RejectionId)).ConfigureAwait(false);
    }

    private static async Task<RejectionRecord?> ReadRejectionAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var select = connection.Command(transaction, $"SELECT {RejectionColumns} FROM automation_rejections WHERE {where} LIMIT 1;", parameters);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MapRejection(reader) : null;
    }

    private static async Task<IReadOnlyList<OutboxAction>> ReadActionsAsync(SqliteConnection connection, SqliteTransaction? transaction, string whereAndOrder, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var select = connection.Command(transaction, $"SELECT {ActionColumns} FROM automation_actions WHERE {whereAndOrder};", parameters);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<OutboxAction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new OutboxAction
            {
                Tenant = new TenantId(reader.GetString(0)),
                RejectionId = reader.GetString(1),
                ActionIndex = reader.GetInt32(2),
                Application = new ApplicationId(reader.GetString(3)),
                Kind = (AutomatedActionKind)reader.GetInt32(4),
                State = (AutomatedActionState)reader.GetInt32(5),
                DueAt = SqliteDatabase.FromDb(reader.GetInt64(6)),
                RuleId = reader.GetString(7),
                Payload = reader.GetString(8),
                Detail = reader.GetStringOrNull(9),
                Attempts = reader.GetInt32(10),
                UpdatedAt = SqliteDatabase.FromDb(reader.GetInt64(11)),
            });
        }

        return list;
    }

    private static RejectionRecord MapRejection(SqliteDataReader reader) => new()
    {
        Tenant = new TenantId(reader.GetString(0)),
        RejectionId = reader.GetString(1),
        Application = new ApplicationId(reader.GetString(2)),
        Candidate = new CandidateId(reader.GetString(3)),
        ReasonId = reader.GetString(4),
        ReasonVersion = reader.GetInt32(5),
        Actor = reader.GetStringOrNull(6) is { } actor ? new UserId(actor) : null,
        RejectedAt = SqliteDatabase.FromDb(reader.GetInt64(7)),
        WithActions = reader.GetInt64(8) != 0,
        Bulk = reader.GetInt64(9) != 0,
        CancelUntil = SqliteDatabase.FromDb(reader.GetInt64(10)),
        RequestId = reader.GetStringOrNull(11),
        HostSynced = reader.GetInt64(12) != 0,
        UnrejectedAt = reader.GetInt64OrNull(13) is { } u ? SqliteDatabase.FromDb(u) : null,
        UnrejectCause = reader.IsDBNull(14) ? null : (UnrejectCause)reader.GetInt32(14),
    };

    private static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names)
    {
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            // No SqliteType: the type is inferred from each value, so integers bind as integers.
            parameters[i] = new SqliteParameter { ParameterName = names[i] };
            command.Parameters.Add(parameters[i]);
        }

        return parameters;
    }
}
