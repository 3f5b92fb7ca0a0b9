using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Recruiting.Storage.Sqlite;

/// <summary>
/// The commands of one connection kept by <see cref="SqliteDatabase"/>, by SQL text: a command keeps its prepared
/// statements, so a store's statement is parsed and planned once per connection instead of on every call (most of the
/// cost of a small write). Commands are handed out by <see cref="SqliteCommandExtensions.Command"/> and come back when the
/// caller disposes them; one in use is never handed out twice (a second use gets a fresh command).
/// </summary>
internal sealed class SqliteCommandCache
{
    /// <summary>The most statements kept per connection (SQL built from data, such as IN lists, is not worth more).</summary>
    public const int MaxCommands = 128;

    private static readonly ConditionalWeakTable<SqliteConnection, SqliteCommandCache> Caches = new();

    private readonly Dictionary<string, CachedCommand> _commands = new(StringComparer.Ordinal);
    private bool _closed;

    /// <summary>Starts keeping the commands of <paramref name="connection"/>.</summary>
    public static void Attach(SqliteConnection connection) => Caches.AddOrUpdate(connection, new SqliteCommandCache());

    /// <summary>Disposes the commands kept for <paramref name="connection"/> (before it is closed) and stops keeping them.</summary>
    public static void Detach(SqliteConnection connection)
    {
        if (Caches.TryGetValue(connection, out var cache))
        {
            Caches.Remove(connection);
            cache.Close();
        }
    }

    /// <summary>Gets the cache of a connection, when it has one.</summary>
    public static SqliteCommandCache? Of(SqliteConnection connection) => Caches.TryGetValue(connection, out var cache) ? cache : null;

    /// <summary>Hands out the kept command for <paramref name="sql"/> (created empty the first time), or <see langword="null"/> when it is in use or the cache is full.</summary>
    public SqliteCommand? Rent(SqliteConnection connection, string sql, int parameterCount)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            if (command.InUse || command.Parameters.Count != parameterCount)
            {
                return null;
            }

            command.InUse = true;
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            return null;
        }

        command = new CachedCommand(this) { Connection = connection, CommandText = sql, InUse = true };
        _commands.Add(sql, command);
        return command;
    }

    private void Close()
    {
        _closed = true;
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    /// <summary>A command whose <see cref="IDisposable.Dispose"/> returns it to its cache (and really disposes it once the cache is closed).</summary>
    private sealed class CachedCommand(SqliteCommandCache cache) : SqliteCommand
    {
        public bool InUse { get; set; }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !cache._closed)
            {
                // Back to the cache: the prepared statements stay; the values are let go.
                foreach (SqliteParameter parameter in Parameters)
                {
                    parameter.Value = DBNull.Value;
                }

                Transaction = null;
                InUse = false;
                return;
            }

            base.Dispose(disposing);
        }
    }
}
