using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Recruiting.Storage.Sqlite;

/// <summary>
/// A statement prepared once on a connection (inside its current transaction) and run many times with values bound by
/// position. For writes of thousands of rows: Microsoft.Data.Sqlite binds every parameter by looking its name up and
/// converting name and value to UTF-8 on each execution, which cost more than SQLite's own work; here a value is one
/// native call (text is bound as UTF-16, SQLite converts it).
/// </summary>
internal sealed class PositionalStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public PositionalStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Binds text (or NULL) to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, string? value)
        => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Binds a blob (or NULL) to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, byte[]? value)
        => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_blob(_statement, index, value.AsSpan()));

    /// <summary>Binds an integer to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds an integer (or NULL).</summary>
    public void Bind(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement to completion (no rows expected) and resets it; bindings stay.</summary>
    /// <returns>The rows changed.</returns>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps a query: <see langword="true"/> with a row to read by column; call <see cref="Reset"/> before the next bindings.</summary>
    /// <returns>Whether a row is available.</returns>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    /// <summary>Resets a query after <see cref="Read"/>; bindings stay.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>The 0-based column <paramref name="index"/> of the current row as text, or <see langword="null"/> for NULL.</summary>
    public string? Text(int index)
        => raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(_statement, index).utf8_to_string();

    /// <summary>The 0-based column <paramref name="index"/> of the current row as an integer, or <see langword="null"/> for NULL.</summary>
    public long? Int64(int index)
        => raw.sqlite3_column_type(_statement, index) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, index);

    /// <summary>Gets the rowid of the last row inserted on the connection.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
