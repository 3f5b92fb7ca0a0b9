namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the references module's stores; versions start at 1 and never change once shipped.</summary>
internal static class ReferencesSchema
{
    public static SqliteMigration[] Migrations { get; } = [];
}
