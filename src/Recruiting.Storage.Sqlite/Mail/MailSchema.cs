namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the mail module's stores; versions start at 1 and never change once shipped.</summary>
internal static class MailSchema
{
    public static SqliteMigration[] Migrations { get; } = [];
}
