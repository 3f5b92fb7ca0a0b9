namespace Recruiting.Storage.Sqlite;

/// <summary>Every module's migrations, in the order modules are created. Each module keeps its own list in its folder.</summary>
internal static class SqliteSchema
{
    /// <summary>The SQLite <c>application_id</c> that marks a Recruiting database ('RCRT').</summary>
    public const int ApplicationId = 0x52435254;

    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        .. CoreSchema.Migrations,
        .. BoardsSchema.Migrations,
        .. MailSchema.Migrations,
        .. AutomationSchema.Migrations,
        .. ClientAccessSchema.Migrations,
        .. ReferencesSchema.Migrations,
    ];
}
