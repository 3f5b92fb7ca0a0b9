using Microsoft.Data.Sqlite;

namespace Recruiting.Storage.Sqlite;

/// <summary>Small helpers that keep store code short.</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>
    /// Creates a command in a transaction with parameters given as name/value pairs; null values become DBNull. On a
    /// connection of <see cref="SqliteDatabase"/>'s own pool the command is the one kept for this SQL (its statements
    /// prepared once), back in the cache when disposed.
    /// </summary>
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (SqliteCommandCache.Of(connection)?.Rent(connection, sql, parameters.Length) is { } cached)
        {
            if (cached.Parameters.Count == 0)
            {
                foreach (var (name, value) in parameters)
                {
                    cached.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }
            }
            else
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    var parameter = cached.Parameters[i];
                    if (!string.Equals(parameter.ParameterName, parameters[i].Name, StringComparison.Ordinal))
                    {
                        // The same SQL with other parameter names: not the cached command's call site.
                        cached.Dispose();
                        return Create(connection, transaction, sql, parameters);
                    }

                    parameter.Value = parameters[i].Value ?? DBNull.Value;
                }
            }

            cached.Transaction = transaction;
            return cached;
        }

        return Create(connection, transaction, sql, parameters);
    }

    private static SqliteCommand Create(SqliteConnection connection, SqliteTransaction? transaction, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetInt64OrNull(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
