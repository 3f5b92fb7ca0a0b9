using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recruiting.Automation;

namespace Recruiting.Storage.Sqlite;

/// <summary>The rejection outbox on SQLite: rejections and their actions, claimed with leases.</summary>
internal sealed class SqliteRejectionOutboxStore(SqliteDatabase database) : IRejectionOutboxStore
{
    private const string RejectionColumns = "tenant, rejection_id, application, candidate, reason_id, reason_version, actor, rejected_at, with_actions, bulk, cancel_until, request_id, host_synced, unrejected_at, unreject_cause, host_sync_after";
    private const string ActionColumns = "tenant, rejection_id, action_index, application, kind, state, due_at, rule_id, payload, detail, attempts, updated_at";

    public async ValueTask<IReadOnlyList<RecordedRejection>> RecordAsync(IReadOnlyList<NewRejection> rejections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        if (rejections.Count == 0)
        {
            return [];
        }

        // Synchronous inside (Microsoft.Data.Sqlite's async methods run synchronously anyway): no state machine per row,
        // and the loop is compiled optimized on its first call instead of starting in tier 0.
        return await database.WriteAsync((connection, transaction) => Task.FromResult<IReadOnlyList<RecordedRejection>>(Record(connection, transaction, rejections, cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RecordedRejection[] Record(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NewRejection> rejections, CancellationToken cancellationToken)
    {
        // One transaction, one statement prepared once and bound by position for every row; the actions go packed into
        // their rejection's row (see OutboxActionPack) and become rows of their own when first needed one by one. A
        // rejection ignored by a unique index (an active rejection of the application, a known request id) changes
        // nothing; its existing row is read and reported. Packs are built (and checked) before anything is written.
        var packs = new byte[]?[rejections.Count];
        for (var i = 0; i < rejections.Count; i++)
        {
            var (rejection, actions) = rejections[i];
            packs[i] = actions.Count == 0 ? null : OutboxActionPack.Encode(rejection, actions);
        }

        var results = new RecordedRejection[rejections.Count];
        using var insertPack = new PositionalStatement(connection, "INSERT INTO automation_action_packs (actions) VALUES (?1);");
        using var deletePack = new PositionalStatement(connection, "DELETE FROM automation_action_packs WHERE id = ?1;");
        using var insertRejection = new PositionalStatement(connection, """
            INSERT OR IGNORE INTO automation_rejections (tenant, rejection_id, application, candidate, reason_id, reason_version, actor, rejected_at, with_actions, bulk, cancel_until, request_id, host_synced, host_sync_after, pack_id, packed_due)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?14, ?15);
            """);
        for (var i = 0; i < rejections.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (rejection, actions) = rejections[i];
            long? packId = null;
            if (packs[i] is { } pack)
            {
                // A pack is its own row of a rowid table (an append): a large value in the rejection's WITHOUT ROWID row
                // would spill out of the b-tree pages and cost more than the second insert.
                insertPack.Bind(1, pack);
                insertPack.Execute();
                packId = insertPack.LastInsertRowId;
            }

            insertRejection.Bind(1, rejection.Tenant.Value);
            insertRejection.Bind(2, rejection.RejectionId);
            insertRejection.Bind(3, rejection.Application.Value);
            insertRejection.Bind(4, rejection.Candidate.Value);
            insertRejection.Bind(5, rejection.ReasonId);
            insertRejection.Bind(6, rejection.ReasonVersion);
            insertRejection.Bind(7, rejection.Actor?.Value);
            insertRejection.Bind(8, SqliteDatabase.ToDb(rejection.RejectedAt));
            insertRejection.Bind(9, rejection.WithActions ? 1 : 0);
            insertRejection.Bind(10, rejection.Bulk ? 1 : 0);
            insertRejection.Bind(11, SqliteDatabase.ToDb(rejection.CancelUntil));
            insertRejection.Bind(12, rejection.RequestId);
            insertRejection.Bind(13, SqliteDatabase.ToDb(rejection.HostSyncAfter ?? rejection.RejectedAt));
            insertRejection.Bind(14, packId);
            insertRejection.Bind(15, packId is null ? null : SqliteDatabase.ToDb(OutboxActionPack.DueOf(rejection, actions)));
            if (insertRejection.Execute() == 0)
            {
                if (packId is { } orphan)
                {
                    deletePack.Bind(1, orphan);
                    deletePack.Execute();
                }

                var existing = FindExisting(connection, transaction, rejection)
                    ?? throw new InvalidOperationException($"Rejection '{rejection.RejectionId}' conflicts with a row that cannot be found.");
                results[i] = new RecordedRejection(false, existing);
                continue;
            }

            results[i] = new RecordedRejection(true, rejection);
        }

        return results;
    }

    private const string InsertActionSql = """
        INSERT INTO automation_actions (tenant, rejection_id, action_index, application, kind, state, due_at, rule_id, payload, detail, attempts, updated_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);
        """;

    private sealed record Pack(long Id, TenantId Tenant, string RejectionId, ApplicationId Application, byte[] Bytes)
    {
        public List<OutboxAction> Decode() => OutboxActionPack.Decode(Bytes, Tenant, RejectionId, Application);

        /// <summary>Decodes for a read: a damaged pack (quarantined at its next expansion) reads as no actions.</summary>
        public List<OutboxAction> DecodeOrEmpty()
        {
            try
            {
                return Decode();
            }
            catch (InvalidDataException)
            {
                return [];
            }
        }
    }

    /// <summary>Reads the packs of rejections matching <paramref name="whereAndOrder"/> (inside the caller's transaction).</summary>
    private static List<Pack> ReadPacks(SqliteConnection connection, SqliteTransaction transaction, string whereAndOrder, params (string, object?)[] parameters)
    {
        using var select = connection.Command(transaction, $"""
            SELECT r.tenant, r.rejection_id, r.application, p.id, p.actions
            FROM automation_rejections r JOIN automation_action_packs p ON p.id = r.pack_id
            WHERE r.packed_due IS NOT NULL AND {whereAndOrder};
            """, parameters);
        using var reader = select.ExecuteReader();
        var packs = new List<Pack>();
        while (reader.Read())
        {
            packs.Add(new Pack(reader.GetInt64(3), new TenantId(reader.GetString(0)), reader.GetString(1), new ApplicationId(reader.GetString(2)), (byte[])reader.GetValue(4)));
        }

        return packs;
    }

    /// <summary>Turns packs into rows of <c>automation_actions</c> and clears them, in the caller's write transaction.</summary>
    /// <returns>The actions of each pack, in order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<List<OutboxAction>> Expand(SqliteConnection connection, List<Pack> packs)
    {
        var expanded = new List<List<OutboxAction>>(packs.Count);
        if (packs.Count == 0)
        {
            return expanded;
        }

        using var insertAction = new PositionalStatement(connection, InsertActionSql);
        using var clear = new PositionalStatement(connection, "UPDATE automation_rejections SET pack_id = NULL, packed_due = NULL WHERE tenant = ?1 AND rejection_id = ?2;");
        using var delete = new PositionalStatement(connection, "DELETE FROM automation_action_packs WHERE id = ?1;");
        using var quarantine = new PositionalStatement(connection, "UPDATE automation_rejections SET packed_due = NULL, pack_error = ?3 WHERE tenant = ?1 AND rejection_id = ?2;");
        foreach (var pack in packs)
        {
            List<OutboxAction> actions;
            try
            {
                actions = pack.Decode();
            }
            catch (InvalidDataException ex)
            {
                // A damaged pack (not written by this code) must not stop every later claim: it is kept, with the
                // reason, and never read for work again; its rejection goes on without queued actions.
                quarantine.Bind(1, pack.Tenant.Value);
                quarantine.Bind(2, pack.RejectionId);
                quarantine.Bind(3, ex.Message);
                quarantine.Execute();
                expanded.Add([]);
                continue;
            }

            foreach (var action in actions)
            {
                insertAction.Bind(1, action.Tenant.Value);
                insertAction.Bind(2, action.RejectionId);
                insertAction.Bind(3, action.ActionIndex);
                insertAction.Bind(4, action.Application.Value);
                insertAction.Bind(5, (int)action.Kind);
                insertAction.Bind(6, (int)action.State);
                insertAction.Bind(7, SqliteDatabase.ToDb(action.DueAt));
                insertAction.Bind(8, action.RuleId);
                insertAction.Bind(9, action.Payload);
                insertAction.Bind(10, action.Detail);
                insertAction.Bind(11, action.Attempts);
                insertAction.Bind(12, SqliteDatabase.ToDb(action.UpdatedAt));
                insertAction.Execute();
            }

            clear.Bind(1, pack.Tenant.Value);
            clear.Bind(2, pack.RejectionId);
            clear.Execute();
            delete.Bind(1, pack.Id);
            delete.Execute();
            expanded.Add(actions);
        }

        return expanded;
    }

    /// <summary>Expands one rejection's pack, if it still has one.</summary>
    private static void ExpandRejection(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string rejectionId)
        => Expand(connection, ReadPacks(connection, transaction, "r.tenant = $tenant AND r.rejection_id = $id", ("$tenant", tenant.Value), ("$id", rejectionId)));

    /// <summary>Expands packs whose first pending action is due, earliest first, until <paramref name="wanted"/> due actions are rows (or no due pack is left).</summary>
    private static void ExpandDue(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, int wanted)
    {
        var due = 0;
        while (due < wanted)
        {
            var packs = ReadPacks(connection, transaction, "r.packed_due <= $now ORDER BY r.packed_due LIMIT $limit", ("$now", SqliteDatabase.ToDb(now)), ("$limit", wanted));
            foreach (var actions in Expand(connection, packs))
            {
                foreach (var action in actions)
                {
                    due += action.State == AutomatedActionState.Pending && action.DueAt <= now ? 1 : 0;
                }
            }

            if (packs.Count < wanted)
            {
                return;
            }
        }
    }

    /// <summary>Runs a read in one snapshot: a pack and the rows it becomes are never both seen, nor neither.</summary>
    private Task<T> ReadSnapshotAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
        => database.ReadAsync(connection =>
        {
            using var snapshot = connection.BeginTransaction(deferred: true);
            return Task.FromResult(work(connection, snapshot));
        }, cancellationToken);

    public async ValueTask<RejectionRecord?> GetRejectionAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadRejectionAsync(connection, null, "tenant = $tenant AND rejection_id = $id", cancellationToken, ("$tenant", tenant.Value), ("$id", rejectionId)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<RejectionRecord?> FindActiveAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadRejectionAsync(connection, null, "tenant = $tenant AND application = $application AND unrejected_at IS NULL", cancellationToken, ("$tenant", tenant.Value), ("$application", application.Value)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<OutboxAction>> ListActionsAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default)
        => await ReadSnapshotAsync<IReadOnlyList<OutboxAction>>((connection, snapshot) =>
        {
            var actions = ReadActions(connection, snapshot, "tenant = $tenant AND rejection_id = $id ORDER BY action_index", ("$tenant", tenant.Value), ("$id", rejectionId));
            foreach (var pack in ReadPacks(connection, snapshot, "r.tenant = $tenant AND r.rejection_id = $id", ("$tenant", tenant.Value), ("$id", rejectionId)))
            {
                actions.AddRange(pack.DecodeOrEmpty());
                actions.Sort(static (a, b) => a.ActionIndex.CompareTo(b.ActionIndex));
            }

            return actions;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<OutboxAction>> ListByStateAsync(TenantId tenant, AutomatedActionState state, int limit, CancellationToken cancellationToken = default)
        => await ReadSnapshotAsync<IReadOnlyList<OutboxAction>>((connection, snapshot) =>
        {
            var actions = ReadActions(connection, snapshot, "tenant = $tenant AND state = $state ORDER BY due_at, rejection_id, action_index LIMIT $limit", ("$tenant", tenant.Value), ("$state", (int)state), ("$limit", limit));
            if (state is not (AutomatedActionState.Pending or AutomatedActionState.Skipped))
            {
                return actions; // packs hold only what planning wrote: pending and skipped actions
            }

            var packed = ReadPacks(connection, snapshot, "r.tenant = $tenant", ("$tenant", tenant.Value));
            if (packed.Count == 0)
            {
                return actions;
            }

            foreach (var pack in packed)
            {
                actions.AddRange(pack.DecodeOrEmpty().Where(a => a.State == state));
            }

            actions.Sort(static (a, b) =>
            {
                var c = a.DueAt.CompareTo(b.DueAt);
                c = c != 0 ? c : string.CompareOrdinal(a.RejectionId, b.RejectionId);
                return c != 0 ? c : a.ActionIndex.CompareTo(b.ActionIndex);
            });
            return actions.Count > limit ? actions.GetRange(0, limit) : actions;
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<OutboxAction>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await database.WriteAsync<IReadOnlyList<OutboxAction>>(async (connection, transaction) =>
        {
            ExpandDue(connection, transaction, now, limit);

            // One statement claims the batch: pending and due, or running with an expired lease (its dispatcher died
            // between the host call and the mark); RETURNING gives the claimed rows as they are now.
            using var claim = connection.Command(transaction, $"""
                UPDATE automation_actions SET state = 1, lease_until = $lease, attempts = attempts + 1, updated_at = $now
                WHERE (tenant, rejection_id, action_index) IN (
                    SELECT tenant, rejection_id, action_index FROM automation_actions
                    WHERE (state = 0 AND due_at <= $now) OR (state = 1 AND lease_until <= $now)
                    ORDER BY due_at, tenant, rejection_id, action_index LIMIT $limit)
                RETURNING {ActionColumns};
                """, ("$lease", SqliteDatabase.ToDb(leaseUntil)), ("$now", SqliteDatabase.ToDb(now)), ("$limit", limit));
            List<OutboxAction> claimed;
            using (var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed = await MapActionsAsync(reader, cancellationToken).ConfigureAwait(false);
            }

            // RETURNING has no order.
            claimed.Sort(static (a, b) =>
            {
                var c = a.DueAt.CompareTo(b.DueAt);
                c = c != 0 ? c : string.CompareOrdinal(a.Tenant.Value, b.Tenant.Value);
                c = c != 0 ? c : string.CompareOrdinal(a.RejectionId, b.RejectionId);
                return c != 0 ? c : a.ActionIndex.CompareTo(b.ActionIndex);
            });
            return claimed;
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
        return await database.WriteAsync((connection, transaction) =>
        {
            ExpandRejection(connection, transaction, tenant, rejectionId);
            return CancelAsync(connection, transaction, tenant, rejectionId, actionIndex, cause, at, cancellationToken);
        }, cancellationToken).ConfigureAwait(false);
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

            ExpandRejection(connection, transaction, tenant, rejection.RejectionId);
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

    public async ValueTask<IReadOnlyList<NewRejection>> ClaimHostSyncsAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await database.WriteAsync<IReadOnlyList<NewRejection>>(async (connection, transaction) =>
        {
            var due = new List<(RejectionRecord Rejection, Pack? Pack)>();
            using (var select = connection.Command(transaction, $"""
                SELECT {RejectionColumns}, p.id, p.actions FROM automation_rejections LEFT JOIN automation_action_packs p ON p.id = pack_id
                WHERE host_synced = 0 AND host_sync_after <= $now ORDER BY host_sync_after, rejected_at LIMIT $limit;
                """, ("$now", SqliteDatabase.ToDb(now)), ("$limit", limit)))
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var rejection = MapRejection(reader);
                    due.Add((rejection, reader.IsDBNull(16) ? null : new Pack(reader.GetInt64(16), rejection.Tenant, rejection.RejectionId, rejection.Application, (byte[])reader.GetValue(17))));
                }
            }

            if (due.Count == 0)
            {
                return [];
            }

            using var lease = connection.Command(transaction, "UPDATE automation_rejections SET host_sync_after = $lease WHERE tenant = $tenant AND rejection_id = $id;");
            var lp = AddParameters(lease, "$lease", "$tenant", "$id");
            lp[0].Value = SqliteDatabase.ToDb(leaseUntil);
            using var actions = connection.Command(transaction, $"SELECT {ActionColumns} FROM automation_actions WHERE tenant = $tenant AND rejection_id = $id ORDER BY action_index;");
            var ap = AddParameters(actions, "$tenant", "$id");
            // The host side lists every action, so their packs become rows now (in this transaction).
            var packs = due.Where(d => d.Pack is not null).Select(d => d.Pack!).ToList();
            var expanded = Expand(connection, packs);
            var unpacked = new Dictionary<(TenantId, string), List<OutboxAction>>(packs.Count);
            for (var i = 0; i < packs.Count; i++)
            {
                unpacked[(packs[i].Tenant, packs[i].RejectionId)] = expanded[i];
            }

            var claimed = new List<NewRejection>(due.Count);
            foreach (var (rejection, _) in due)
            {
                lp[1].Value = ap[0].Value = rejection.Tenant.Value;
                lp[2].Value = ap[1].Value = rejection.RejectionId;
                await lease.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (unpacked.TryGetValue((rejection.Tenant, rejection.RejectionId), out var fromPack))
                {
                    claimed.Add(new NewRejection(rejection with { HostSyncAfter = leaseUntil }, fromPack));
                    continue;
                }

                using var reader = await actions.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                claimed.Add(new NewRejection(rejection with { HostSyncAfter = leaseUntil }, await MapActionsAsync(reader, cancellationToken).ConfigureAwait(false)));
            }

            return claimed;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<OutboxAction>> CancelAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, string rejectionId, int? actionIndex, string cause, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pending = ReadActions(connection, transaction, "tenant = $tenant AND rejection_id = $id AND state = 0 AND ($index IS NULL OR action_index = $index) ORDER BY action_index",
            ("$tenant", tenant.Value), ("$id", rejectionId), ("$index", actionIndex));
        using var update = connection.Command(transaction, """
            UPDATE automation_actions SET state = 5, detail = $cause, updated_at = $at
            WHERE tenant = $tenant AND rejection_id = $id AND state = 0 AND ($index IS NULL OR action_index = $index);
            """, ("$cause", cause), ("$at", SqliteDatabase.ToDb(at)), ("$tenant", tenant.Value), ("$id", rejectionId), ("$index", actionIndex));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return pending.Select(a => a with { State = AutomatedActionState.Cancelled, Detail = cause, UpdatedAt = at }).ToList();
    }

    private static RejectionRecord? FindExisting(SqliteConnection connection, SqliteTransaction transaction, RejectionRecord rejection)
    {
        if (rejection.RequestId is not null
            && ReadRejection(connection, transaction, "tenant = $tenant AND request_id = $request", ("$tenant", rejection.Tenant.Value), ("$request", rejection.RequestId)) is { } byRequest)
        {
            return byRequest;
        }

        return ReadRejection(connection, transaction, "tenant = $tenant AND application = $application AND unrejected_at IS NULL", ("$tenant", rejection.Tenant.Value), ("$application", rejection.Application.Value))
            ?? ReadRejection(connection, transaction, "tenant = $tenant AND rejection_id = $id", ("$tenant", rejection.Tenant.Value), ("$id", rejection.RejectionId));
    }

    private static RejectionRecord? ReadRejection(SqliteConnection connection, SqliteTransaction? transaction, string where, params (string, object?)[] parameters)
    {
        using var select = connection.Command(transaction, $"SELECT {RejectionColumns} FROM automation_rejections WHERE {where} LIMIT 1;", parameters);
        using var reader = select.ExecuteReader();
        return reader.Read() ? MapRejection(reader) : null;
    }

    private static async Task<RejectionRecord?> ReadRejectionAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var select = connection.Command(transaction, $"SELECT {RejectionColumns} FROM automation_rejections WHERE {where} LIMIT 1;", parameters);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MapRejection(reader) : null;
    }

    private static List<OutboxAction> ReadActions(SqliteConnection connection, SqliteTransaction? transaction, string whereAndOrder, params (string, object?)[] parameters)
    {
        using var select = connection.Command(transaction, $"SELECT {ActionColumns} FROM automation_actions WHERE {whereAndOrder};", parameters);
        using var reader = select.ExecuteReader();
        var list = new List<OutboxAction>();
        while (reader.Read())
        {
            list.Add(MapAction(reader));
        }

        return list;
    }

    private static async Task<List<OutboxAction>> MapActionsAsync(SqliteDataReader reader, CancellationToken cancellationToken)
    {
        var list = new List<OutboxAction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(MapAction(reader));
        }

        return list;
    }

    private static OutboxAction MapAction(SqliteDataReader reader) => new()
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
    };

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
        HostSyncAfter = SqliteDatabase.FromDb(reader.GetInt64(15)),
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
