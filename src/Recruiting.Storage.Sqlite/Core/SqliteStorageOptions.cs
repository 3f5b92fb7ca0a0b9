using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Recruiting.Storage.Sqlite;

/// <summary>Options of the embedded SQLite store.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Gets or sets the database file path.</summary>
    /// <value>The default value is <c>recruiting.db</c>.</value>
    [Required]
    public string Path { get; set; } = "recruiting.db";

    /// <summary>
    /// Gets or sets the folder of the Data Protection key ring that encrypts stored secrets.
    /// Keep it apart from backups of the database in production; without the keys the secrets cannot be read.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a folder named after the database with <c>.keys</c> appended.</value>
    public string? KeysDirectory { get; set; }

    /// <summary>Gets or sets how long a writer waits for another writer's lock.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal string ResolveKeysDirectory() => KeysDirectory ?? System.IO.Path.GetFullPath(Path) + ".keys";
}

[OptionsValidator]
internal sealed partial class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
}
