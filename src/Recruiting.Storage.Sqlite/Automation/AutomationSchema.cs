namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the automation module's stores; versions start at 1 and never change once shipped.</summary>
internal static class AutomationSchema
{
    public static SqliteMigration[] Migrations { get; } = [];
}
