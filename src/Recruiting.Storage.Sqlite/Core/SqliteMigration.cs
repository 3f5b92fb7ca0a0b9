namespace Recruiting.Storage.Sqlite;

/// <summary>One step of a module's schema. Versions of a module start at 1 and never change once shipped.</summary>
/// <param name="Module">The module (for example <c>core</c>, <c>boards</c>).</param>
/// <param name="Version">The version this step brings the module to.</param>
/// <param name="Description">What it does.</param>
/// <param name="Sql">The statements.</param>
internal sealed record SqliteMigration(string Module, int Version, string Description, string Sql);
