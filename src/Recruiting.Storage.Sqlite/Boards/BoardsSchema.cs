namespace Recruiting.Storage.Sqlite;

/// <summary>Schema of the boards module's stores; versions start at 1 and never change once shipped.</summary>
internal static class BoardsSchema
{
    public static SqliteMigration[] Migrations { get; } = [];
}
