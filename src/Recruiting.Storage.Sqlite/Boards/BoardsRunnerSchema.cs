namespace Recruiting.Storage.Sqlite;

/// <summary>
/// Schema of the automatic runner's tables (watermarks, run leases, account health): module <c>boards.runner</c>,
/// versions from 1, owned by the runner's authors (see NOTES.md). Empty until the runner adds its first version.
/// </summary>
internal static class BoardsRunnerSchema
{
    public const string Module = "boards.runner";

    public static SqliteMigration[] Migrations { get; } = [];
}
