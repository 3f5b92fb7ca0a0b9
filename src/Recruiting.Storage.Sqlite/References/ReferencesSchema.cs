namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the references module's stores; versions start at 1 and never change once shipped.</summary>
internal static class ReferencesSchema
{
    public static SqliteMigration[] Migrations { get; } =
    [
        new("references", 1, "reference checks and provider settings", """
            CREATE TABLE reference_provider_settings (
                tenant TEXT NOT NULL PRIMARY KEY,
                base_address TEXT NOT NULL,
                default_sub_account TEXT NULL,
                callback_url TEXT NULL,
                reference_assignment TEXT NULL,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE reference_checks (
                tenant TEXT NOT NULL,
                check_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                provider TEXT NOT NULL,
                provider_check_id TEXT NOT NULL,
                candidate TEXT NOT NULL,
                application TEXT NOT NULL,
                job TEXT NOT NULL,
                sub_account TEXT NOT NULL,
                language TEXT NOT NULL,
                template_id TEXT NOT NULL,
                candidate_contact INTEGER NOT NULL,
                referee_contact INTEGER NOT NULL,
                state INTEGER NOT NULL,
                requested INTEGER NOT NULL,
                answered INTEGER NOT NULL,
                candidate_url TEXT NULL,
                sequence INTEGER NOT NULL,
                provider_updated_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                report_document TEXT NULL,
                PRIMARY KEY (tenant, check_id)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX ux_reference_checks_key ON reference_checks (tenant, idempotency_key);
            CREATE UNIQUE INDEX ux_reference_checks_provider ON reference_checks (tenant, provider, provider_check_id);
            CREATE INDEX ix_reference_checks_job ON reference_checks (tenant, job, created_at);
            CREATE INDEX ix_reference_checks_open ON reference_checks (tenant, created_at) WHERE state < 3 OR (state = 3 AND report_document IS NULL);
            """),
    ];
}
