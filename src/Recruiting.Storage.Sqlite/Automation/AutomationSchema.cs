namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the automation module's stores; versions start at 1 and never change once shipped.</summary>
internal static class AutomationSchema
{
    public static SqliteMigration[] Migrations { get; } =
    [
        new("automation", 1, "rejection rules (versioned), rejections and the action outbox", """
            CREATE TABLE automation_rules (
                tenant TEXT NOT NULL,
                reason_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                name TEXT NOT NULL,
                actions TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                saved_at INTEGER NOT NULL,
                saved_by TEXT NULL,
                PRIMARY KEY (tenant, reason_id, version)
            ) WITHOUT ROWID;
            CREATE TABLE automation_rejections (
                tenant TEXT NOT NULL,
                rejection_id TEXT NOT NULL,
                application TEXT NOT NULL,
                candidate TEXT NOT NULL,
                reason_id TEXT NOT NULL,
                reason_version INTEGER NOT NULL,
                actor TEXT NULL,
                rejected_at INTEGER NOT NULL,
                with_actions INTEGER NOT NULL,
                bulk INTEGER NOT NULL,
                cancel_until INTEGER NOT NULL,
                request_id TEXT NULL,
                host_synced INTEGER NOT NULL DEFAULT 0,
                unrejected_at INTEGER NULL,
                unreject_cause INTEGER NULL,
                PRIMARY KEY (tenant, rejection_id)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX ux_automation_rejections_active ON automation_rejections (tenant, application) WHERE unrejected_at IS NULL;
            CREATE UNIQUE INDEX ux_automation_rejections_request ON automation_rejections (tenant, request_id) WHERE request_id IS NOT NULL;
            CREATE INDEX ix_automation_rejections_unsynced ON automation_rejections (rejected_at) WHERE host_synced = 0;
            CREATE TABLE automation_actions (
                tenant TEXT NOT NULL,
                rejection_id TEXT NOT NULL,
                action_index INTEGER NOT NULL,
                application TEXT NOT NULL,
                kind INTEGER NOT NULL,
                state INTEGER NOT NULL,
                due_at INTEGER NOT NULL,
                rule_id TEXT NOT NULL,
                payload TEXT NOT NULL,
                detail TEXT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                lease_until INTEGER NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (tenant, rejection_id, action_index),
                FOREIGN KEY (tenant, rejection_id) REFERENCES automation_rejections (tenant, rejection_id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_automation_actions_pending ON automation_actions (due_at) WHERE state = 0;
            CREATE INDEX ix_automation_actions_running ON automation_actions (lease_until) WHERE state = 1;
            CREATE INDEX ix_automation_actions_state ON automation_actions (tenant, state, due_at);
            """),
        new("automation", 2, "host sync of a rejection as a claimable outbox step (due time and lease in one column)", """
            ALTER TABLE automation_rejections ADD COLUMN host_sync_after INTEGER NOT NULL DEFAULT 0;
            DROP INDEX ix_automation_rejections_unsynced;
            CREATE INDEX ix_automation_rejections_host_sync ON automation_rejections (host_sync_after) WHERE host_synced = 0;
            """),
        new("automation", 3, "a rejection's new actions packed into one row until they are needed one by one", """
            CREATE TABLE automation_action_packs (
                id INTEGER PRIMARY KEY,
                actions BLOB NOT NULL
            );
            ALTER TABLE automation_rejections ADD COLUMN pack_id INTEGER NULL REFERENCES automation_action_packs (id);
            ALTER TABLE automation_rejections ADD COLUMN packed_due INTEGER NULL;
            ALTER TABLE automation_rejections ADD COLUMN pack_error TEXT NULL;
            CREATE INDEX ix_automation_rejections_packed ON automation_rejections (packed_due) WHERE packed_due IS NOT NULL;
            """),
    ];
}
