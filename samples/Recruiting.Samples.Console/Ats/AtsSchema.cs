namespace Recruiting.Samples.Console.Ats;

/// <summary>The mini ATS's own tables. A real ATS has its own schema; this one is just enough to host every SDK port.</summary>
internal static class AtsSchema
{
    public const int Version = 1;

    public const string Sql = """
        CREATE TABLE IF NOT EXISTS ats_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS ats_tenants (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL, default_language TEXT NOT NULL,
            notification_addresses TEXT NOT NULL, notification_sender TEXT NULL);
        CREATE TABLE IF NOT EXISTS ats_users (
            tenant TEXT NOT NULL, id TEXT NOT NULL, email TEXT NOT NULL, display_name TEXT NOT NULL, phone TEXT NULL,
            roles TEXT NOT NULL, permissions TEXT NOT NULL, active INTEGER NOT NULL, PRIMARY KEY (tenant, id));
        CREATE INDEX IF NOT EXISTS ix_ats_users_email ON ats_users (tenant, email COLLATE NOCASE);
        CREATE TABLE IF NOT EXISTS ats_jobs (
            tenant TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, flow TEXT NULL, stages TEXT NOT NULL,
            recruiters TEXT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE IF NOT EXISTS ats_talent_pools (tenant TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE IF NOT EXISTS ats_candidates (tenant TEXT NOT NULL, id TEXT NOT NULL, profile TEXT NOT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE IF NOT EXISTS ats_applications (
            tenant TEXT NOT NULL, id TEXT NOT NULL, reference TEXT NOT NULL, candidate TEXT NOT NULL, job TEXT NULL,
            stage TEXT NULL, status TEXT NOT NULL, responsible TEXT NOT NULL, applied_at INTEGER NULL, source TEXT NULL,
            PRIMARY KEY (tenant, id), UNIQUE (tenant, reference));
        CREATE TABLE IF NOT EXISTS ats_history (
            tenant TEXT NOT NULL, id TEXT NOT NULL, application TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL,
            title TEXT NOT NULL, text_body TEXT NULL, html_body TEXT NULL, occurred_at INTEGER NOT NULL, properties TEXT NOT NULL,
            automated INTEGER NOT NULL, rule_id TEXT NULL, PRIMARY KEY (tenant, id));
        CREATE INDEX IF NOT EXISTS ix_ats_history_application ON ats_history (tenant, application, seq);
        CREATE TABLE IF NOT EXISTS ats_documents (
            tenant TEXT NOT NULL, id TEXT NOT NULL, application TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL,
            kind TEXT NOT NULL, length INTEGER NOT NULL, storage_path TEXT NOT NULL, client_version_of TEXT NULL,
            automated INTEGER NOT NULL, rule_id TEXT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE IF NOT EXISTS ats_notes (
            tenant TEXT NOT NULL, id TEXT NOT NULL, application TEXT NOT NULL, text TEXT NOT NULL, author TEXT NULL,
            hidden_from_clients INTEGER NOT NULL, automated INTEGER NOT NULL, rule_id TEXT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (tenant, id));
        CREATE TABLE IF NOT EXISTS ats_tasks (
            tenant TEXT NOT NULL, id TEXT NOT NULL, application TEXT NOT NULL, title TEXT NOT NULL, assignee TEXT NOT NULL,
            due_at INTEGER NOT NULL, description TEXT NULL, automated INTEGER NOT NULL, rule_id TEXT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE IF NOT EXISTS ats_tags (
            tenant TEXT NOT NULL, candidate TEXT NOT NULL, tag TEXT NOT NULL, automated INTEGER NOT NULL, rule_id TEXT NULL,
            PRIMARY KEY (tenant, candidate, tag));
        CREATE TABLE IF NOT EXISTS ats_followers (
            tenant TEXT NOT NULL, application TEXT NOT NULL, user_id TEXT NOT NULL, automated INTEGER NOT NULL, rule_id TEXT NULL,
            PRIMARY KEY (tenant, application, user_id));
        CREATE TABLE IF NOT EXISTS ats_pool_members (
            tenant TEXT NOT NULL, pool TEXT NOT NULL, candidate TEXT NOT NULL, automated INTEGER NOT NULL, rule_id TEXT NULL,
            PRIMARY KEY (tenant, pool, candidate));
        CREATE TABLE IF NOT EXISTS ats_messages (
            tenant TEXT NOT NULL, id TEXT NOT NULL, channel TEXT NOT NULL, sender TEXT NULL, recipients TEXT NOT NULL,
            subject TEXT NULL, text_body TEXT NULL, html_body TEXT NULL, application TEXT NULL, automated INTEGER NOT NULL,
            rule_id TEXT NULL, sent_at INTEGER NOT NULL, PRIMARY KEY (tenant, id));
        CREATE TABLE IF NOT EXISTS ats_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, occurred_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS ats_idempotency (
            tenant TEXT NOT NULL, key TEXT NOT NULL, operation TEXT NOT NULL, result TEXT NOT NULL, PRIMARY KEY (tenant, key));
        CREATE TABLE IF NOT EXISTS ats_sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """;
}
