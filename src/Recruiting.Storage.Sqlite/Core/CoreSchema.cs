namespace Recruiting.Storage.Sqlite;

internal static class CoreSchema
{
    public static SqliteMigration[] Migrations { get; } =
    [
        new("core", 1, "idempotency ledger and secrets", """
            CREATE TABLE idempotency_ledger (
                tenant TEXT NOT NULL,
                key TEXT NOT NULL,
                operation TEXT NOT NULL,
                state INTEGER NOT NULL,
                payload TEXT NULL,
                result TEXT NULL,
                created_at INTEGER NOT NULL,
                completed_at INTEGER NULL,
                PRIMARY KEY (tenant, key)
            ) WITHOUT ROWID;
            CREATE INDEX ix_idempotency_ledger_pending ON idempotency_ledger (operation, created_at) WHERE state = 0;
            CREATE TABLE secrets (
                tenant TEXT NOT NULL,
                name TEXT NOT NULL,
                protected_value TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (tenant, name)
            ) WITHOUT ROWID;
            """),
    ];
}
