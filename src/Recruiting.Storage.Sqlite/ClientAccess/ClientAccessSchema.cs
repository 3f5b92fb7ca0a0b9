namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the clientAccess module's stores; versions start at 1 and never change once shipped.</summary>
internal static class ClientAccessSchema
{
    public static SqliteMigration[] Migrations { get; } = [];
}
