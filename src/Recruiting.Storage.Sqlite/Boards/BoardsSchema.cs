namespace Recruiting.Storage.Sqlite;

/// <summary>
/// Schema of the boards module's stores; versions start at 1 and never change once shipped. Two modules live here:
/// <c>boards</c> (accounts, settings, import history: this file) and <c>boards.runner</c> (the automatic runner's
/// tables: <see cref="BoardsRunnerSchema"/>), each with its own version sequence (see NOTES.md).
/// </summary>
internal static class BoardsSchema
{
    public const string Module = "boards";

    public static SqliteMigration[] Migrations { get; } =
    [
        new(Module, 1, "board accounts, posting mappings, active postings, grace periods, import history", """
            CREATE TABLE board_accounts (
                tenant TEXT NOT NULL,
                board TEXT NOT NULL,
                name TEXT NOT NULL,
                login_id TEXT NOT NULL,
                memo TEXT NULL,
                extra_fields TEXT NOT NULL,
                revision INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (tenant, board, name)
            ) WITHOUT ROWID;
            CREATE TABLE board_posting_mappings (
                tenant TEXT NOT NULL,
                board TEXT NOT NULL,
                account TEXT NOT NULL,
                match_kind INTEGER NOT NULL,
                match_key TEXT NOT NULL,
                match_value TEXT NULL,
                job TEXT NOT NULL,
                flow TEXT NULL,
                PRIMARY KEY (tenant, board, account, match_kind, match_key)
            ) WITHOUT ROWID;
            CREATE TABLE board_active_postings (
                tenant TEXT NOT NULL,
                board TEXT NOT NULL,
                account TEXT NOT NULL,
                match_kind INTEGER NOT NULL,
                match_key TEXT NOT NULL,
                match_value TEXT NULL,
                PRIMARY KEY (tenant, board, account, match_kind, match_key)
            ) WITHOUT ROWID;
            CREATE TABLE board_settings (
                tenant TEXT NOT NULL,
                board TEXT NOT NULL,
                grace_period_ms INTEGER NULL,
                PRIMARY KEY (tenant, board)
            ) WITHOUT ROWID;
            CREATE TABLE board_import_runs (
                tenant TEXT NOT NULL,
                id TEXT NOT NULL,
                board TEXT NOT NULL,
                account TEXT NOT NULL,
                trigger INTEGER NOT NULL,
                status INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                ended_at INTEGER NULL,
                seen INTEGER NOT NULL,
                imported INTEGER NOT NULL,
                duplicates INTEGER NOT NULL,
                not_on_allow_list INTEGER NOT NULL,
                failed INTEGER NOT NULL,
                failure_code TEXT NULL,
                source TEXT NULL,
                error_count INTEGER NOT NULL,
                PRIMARY KEY (tenant, id)
            ) WITHOUT ROWID;
            CREATE INDEX ix_board_import_runs_started ON board_import_runs (tenant, started_at DESC);
            CREATE INDEX ix_board_import_runs_running ON board_import_runs (started_at) WHERE status = 0;
            CREATE TABLE board_import_run_errors (
                tenant TEXT NOT NULL,
                run_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                code TEXT NOT NULL,
                message TEXT NOT NULL,
                row INTEGER NULL,
                board_applicant_id TEXT NULL,
                PRIMARY KEY (tenant, run_id, seq)
            ) WITHOUT ROWID;
            """),
        .. BoardsRunnerSchema.Migrations,
    ];
}
