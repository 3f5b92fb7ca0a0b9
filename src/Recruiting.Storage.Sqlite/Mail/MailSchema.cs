namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the mail module's stores; versions start at 1 and never change once shipped.</summary>
internal static class MailSchema
{
    public static SqliteMigration[] Migrations { get; } =
    [
        new("mail", 1, "mail settings, import addresses, quarantine, mailbox checkpoints", """
            CREATE TABLE mail_settings (
                tenant TEXT NOT NULL PRIMARY KEY,
                sender_verification INTEGER NULL,
                allowed_senders TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE mail_import_addresses (
                address TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                tenant TEXT NOT NULL REFERENCES mail_settings (tenant) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE INDEX ix_mail_import_addresses_tenant ON mail_import_addresses (tenant);
            CREATE TABLE mail_quarantine (
                id TEXT NOT NULL UNIQUE,
                tenant TEXT NOT NULL,
                message_key TEXT NOT NULL,
                reason TEXT NOT NULL,
                detail TEXT NULL,
                reference TEXT NULL,
                sender TEXT NULL,
                subject TEXT NULL,
                sha256 TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                length INTEGER NOT NULL,
                raw BLOB NOT NULL,
                state INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                released_at INTEGER NULL,
                history_entry TEXT NULL
            );
            CREATE UNIQUE INDEX ux_mail_quarantine_held ON mail_quarantine (tenant, message_key) WHERE state = 0;
            CREATE INDEX ix_mail_quarantine_list ON mail_quarantine (tenant, state, received_at);
            CREATE TABLE mail_checkpoints (
                source TEXT NOT NULL PRIMARY KEY,
                uid_validity INTEGER NOT NULL,
                last_uid INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        new("mail", 2, "per-tenant reference format", """
            ALTER TABLE mail_settings ADD COLUMN reference_pattern TEXT NULL;
            ALTER TABLE mail_settings ADD COLUMN reference_min_length INTEGER NULL;
            ALTER TABLE mail_settings ADD COLUMN reference_max_length INTEGER NULL;
            ALTER TABLE mail_settings ADD COLUMN reference_checksum TEXT NULL;
            """),
    ];
}
