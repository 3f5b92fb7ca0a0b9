namespace Recruiting.Storage.Sqlite;

/// <summary>
/// Schema of the automatic runner's tables (watermarks, account health, schedule, run leases): module <c>boards.runner</c>,
/// versions from 1, owned by the runner's authors (see NOTES.md).
/// </summary>
internal static class BoardsRunnerSchema
{
    public const string Module = "boards.runner";

    public static SqliteMigration[] Migrations { get; } =
    [
        new(Module, 1, "board runner state: watermark, health, next due, lease per account", """
            CREATE TABLE board_runner_state (
                tenant TEXT NOT NULL,
                board TEXT NOT NULL,
                account TEXT NOT NULL,
                watermark_at INTEGER NULL,
                watermark_id TEXT NULL,
                first_page_rows INTEGER NULL,
                health TEXT NOT NULL DEFAULT 'healthy',
                health_detail TEXT NULL,
                health_changed_at INTEGER NULL,
                health_revision INTEGER NULL,
                next_due_at INTEGER NULL,
                lease_owner TEXT NULL,
                lease_until INTEGER NULL,
                PRIMARY KEY (tenant, board, account)
            ) WITHOUT ROWID;
            CREATE INDEX ix_board_runner_state_due ON board_runner_state (next_due_at);
            """),
    ];
}
