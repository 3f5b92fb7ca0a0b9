namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the clientAccess module's stores; versions start at 1 and never change once shipped.</summary>
internal static class ClientAccessSchema
{
    public const string Module = "clientAccess";

    public static SqliteMigration[] Migrations { get; } =
    [
        new(Module, 1, "clients, vacancy links, invitations, sessions, settings, visits", """
            CREATE TABLE ca_clients (
                tenant TEXT NOT NULL,
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                email TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                hide_contacts INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                created_by TEXT NULL,
                PRIMARY KEY (tenant, id)
            );
            CREATE UNIQUE INDEX ux_ca_clients_email ON ca_clients (tenant, email COLLATE NOCASE);
            CREATE TABLE ca_client_vacancies (
                tenant TEXT NOT NULL,
                client TEXT NOT NULL,
                job TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (tenant, client, job),
                FOREIGN KEY (tenant, client) REFERENCES ca_clients (tenant, id) ON DELETE CASCADE
            );
            CREATE INDEX ix_ca_client_vacancies_job ON ca_client_vacancies (tenant, job);
            CREATE TABLE ca_invitations (
                tenant TEXT NOT NULL,
                id TEXT NOT NULL,
                client TEXT NOT NULL,
                token_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                invited_by TEXT NULL,
                used_at INTEGER NULL,
                revoked_at INTEGER NULL,
                PRIMARY KEY (tenant, id)
            );
            CREATE INDEX ix_ca_invitations_client ON ca_invitations (tenant, client);
            CREATE TABLE ca_sessions (
                tenant TEXT NOT NULL,
                id TEXT NOT NULL,
                client TEXT NOT NULL,
                token_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER NULL,
                PRIMARY KEY (tenant, id)
            );
            CREATE INDEX ix_ca_sessions_client ON ca_sessions (tenant, client);
            CREATE TABLE ca_settings (
                tenant TEXT NOT NULL PRIMARY KEY,
                settings TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE ca_visits (
                tenant TEXT NOT NULL,
                client TEXT NOT NULL,
                job TEXT NOT NULL,
                visited_at INTEGER NOT NULL,
                PRIMARY KEY (tenant, client, job)
            );
            """),
        new(Module, 2, "read notices (one per client, vacancy and period)", """
            CREATE TABLE ca_read_notices (
                tenant TEXT NOT NULL,
                client TEXT NOT NULL,
                job TEXT NOT NULL,
                notified_at INTEGER NOT NULL,
                PRIMARY KEY (tenant, client, job)
            );
            """),
    ];
}
