using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recruiting.Storage.Sqlite;

/// <summary>
/// The one SQLite file every SDK store lives in: opens connections with the store's pragmas, applies the
/// migrations once (safe to run twice and from two processes at once), and runs work in a transaction.
/// </summary>
internal sealed partial class SqliteDatabase : IStoreInfo, IDisposable
{
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly IReadOnlyList<SqliteMigration> _migrations;
    private volatile bool _initialized;
    private int _schemaVersion;

    // Open connections kept between operations, each with its prepared commands (SqliteCommandCache): opening a pooled
    // connection and preparing statements again cost more than a small write itself.
    private readonly ConcurrentStack<SqliteConnection> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>The most open connections kept idle (more in use at once are opened and closed as before).</summary>
    public const int MaxIdleConnections = 8;

    public SqliteDatabase(IOptions<SqliteStorageOptions> options, ILogger<SqliteDatabase> logger)
        : this(options.Value, logger, SqliteSchema.All)
    {
    }

    internal SqliteDatabase(SqliteStorageOptions options, ILogger<SqliteDatabase> logger, IReadOnlyList<SqliteMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _migrations = migrations;
        FilePath = Path.GetFullPath(options.Path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string FilePath { get; }

    public void Dispose()
    {
        _disposed = true;
        DrainIdle();
        _initLock.Dispose();
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Gets how many open connections are kept idle (for tests).</summary>
    internal int IdleConnections => Volatile.Read(ref _idleCount);

    public string ConnectionString { get; }

    /// <summary>Converts an instant to the store's representation (Unix milliseconds, UTC).</summary>
    public static long ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>Converts the store's representation back to an instant (UTC).</summary>
    public static DateTimeOffset FromDb(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public async ValueTask<StoreDescription> DescribeAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return new StoreDescription("sqlite", FilePath, _schemaVersion);
    }

    /// <summary>Opens a connection of its own to the migrated database, for a reader the caller pages through at its pace (not one of the kept ones); the caller disposes it.</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs work in one write transaction (BEGIN IMMEDIATE), committing when it returns.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken = default)
        => InTransactionAsync(work, deferred: false, cancellationToken);

    /// <summary>Runs read-only work in one read transaction (a deferred BEGIN): every read sees the same snapshot, and no write lock is taken.</summary>
    public Task<T> ReadSnapshotAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken = default)
        => InTransactionAsync(work, deferred: true, cancellationToken);

    /// <summary>Runs read-only work on one connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        var clean = false;
        try
        {
            var result = await work(connection).ConfigureAwait(false);
            clean = true;
            return result;
        }
        finally
        {
            Return(connection, clean);
        }
    }

    private async Task<T> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, bool deferred, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        var clean = false;
        try
        {
            var transaction = connection.BeginTransaction(deferred);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                clean = true;
                return result;
            }
        }
        finally
        {
            Return(connection, clean);
        }
    }

    /// <summary>An open connection of the kept ones, or a newly opened one (with a command cache) when none is idle.</summary>
    private async ValueTask<SqliteConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        while (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            if (idle.State == ConnectionState.Open)
            {
                return idle;
            }

            Discard(idle);
        }

        var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        SqliteCommandCache.Attach(connection);
        return connection;
    }

    /// <summary>Keeps a connection for the next operation; one whose work failed (or beyond the idle limit, or after disposal) is closed.</summary>
    private void Return(SqliteConnection connection, bool clean)
    {
        if (!clean || _disposed || connection.State != ConnectionState.Open || connection.Handle is null)
        {
            Discard(connection);
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > MaxIdleConnections)
        {
            Interlocked.Decrement(ref _idleCount);
            Discard(connection);
            return;
        }

        _idle.Push(connection);
        if (_disposed)
        {
            DrainIdle();
        }
    }

    private void DrainIdle()
    {
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            Discard(connection);
        }
    }

    private static void Discard(SqliteConnection connection)
    {
        SqliteCommandCache.Detach(connection);
        connection.Dispose();
    }

    /// <summary>Applies pending migrations once per process.</summary>
    /// <exception cref="StoreSchemaException">The file is not a Recruiting database, is unreadable, or is newer than this code.</exception>
    public async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object ConfiguredMark = new();

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Once per physical connection: a pooled one keeps its settings, and parsing the PRAGMAs on every open was a
            // third of the statements of a board rerun.
            if (!Configured.TryGetValue(connection.Handle!, out _))
            {
                using var pragma = connection.CreateCommand();
                // NORMAL in WAL mode is safe against a process crash; a power cut may lose the last commits.
                pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                Configured.AddOrUpdate(connection.Handle!, ConfiguredMark);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await CheckHeaderAsync(cancellationToken).ConfigureAwait(false);

        var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                // Refuse a foreign database before anything is written to it (switching to WAL writes the header).
                // Both reads in one snapshot: another process may commit its first migration between them.
                using (var snapshot = connection.BeginTransaction(deferred: true))
                {
                    await CheckApplicationAsync(connection, snapshot, cancellationToken).ConfigureAwait(false);
                    snapshot.Rollback();
                }

                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);

                // BEGIN IMMEDIATE takes the write lock: a second process starting at the same time waits here,
                // then finds the migrations applied and applies nothing.
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (!await CheckApplicationAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, transaction, $"PRAGMA application_id={SqliteSchema.ApplicationId};", cancellationToken).ConfigureAwait(false);
                    }

                    await ExecuteAsync(connection, transaction, """
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            module TEXT NOT NULL,
                            version INTEGER NOT NULL,
                            description TEXT NOT NULL,
                            applied_at INTEGER NOT NULL,
                            PRIMARY KEY (module, version)
                        );
                        """, cancellationToken).ConfigureAwait(false);

                    var applied = new Dictionary<string, int>(StringComparer.Ordinal);
                    using (var read = connection.CreateCommand())
                    {
                        read.Transaction = transaction;
                        read.CommandText = "SELECT module, max(version) FROM schema_migrations GROUP BY module;";
                        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            applied[reader.GetString(0)] = reader.GetInt32(1);
                        }
                    }

                    var known = _migrations.GroupBy(m => m.Module).ToDictionary(g => g.Key, g => g.Max(m => m.Version), StringComparer.Ordinal);
                    foreach (var (module, version) in applied)
                    {
                        if (known.TryGetValue(module, out var max) && version > max)
                        {
                            throw new StoreSchemaException(StoreSchemaProblem.NewerSchema, $"'{FilePath}' has schema version {version} of module '{module}', newer than this code's {max}; upgrade the SDK. The file was not changed.");
                        }
                    }

                    var count = 0;
                    foreach (var migration in _migrations)
                    {
                        if (applied.TryGetValue(migration.Module, out var done) && migration.Version <= done)
                        {
                            continue;
                        }

                        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                        using var record = connection.CreateCommand();
                        record.Transaction = transaction;
                        record.CommandText = "INSERT INTO schema_migrations (module, version, description, applied_at) VALUES ($m, $v, $d, $t);";
                        record.Parameters.AddWithValue("$m", migration.Module);
                        record.Parameters.AddWithValue("$v", migration.Version);
                        record.Parameters.AddWithValue("$d", migration.Description);
                        record.Parameters.AddWithValue("$t", 0L);
                        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        LogMigrationApplied(_logger, migration.Module, migration.Version, migration.Description);
                        count++;
                    }

                    _schemaVersion = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT count(*) FROM schema_migrations;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */)
            {
                throw new StoreSchemaException(StoreSchemaProblem.NotARecruitingDatabase, $"'{FilePath}' is not a SQLite database; it was not changed.", ex);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 11 /* SQLITE_CORRUPT */)
            {
                throw new StoreSchemaException(StoreSchemaProblem.Unreadable, $"'{FilePath}' is corrupt; it was not changed.", ex);
            }
        }
    }

    /// <summary>Returns whether the database is marked as ours; false for an empty one; throws for another application's.</summary>
    private async Task<bool> CheckApplicationAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var applicationId = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA application_id;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (applicationId == SqliteSchema.ApplicationId)
        {
            return true;
        }

        var tableCount = Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT count(*) FROM sqlite_master;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return tableCount == 0
            ? false
            : throw new StoreSchemaException(StoreSchemaProblem.NotARecruitingDatabase, $"'{FilePath}' is a SQLite database of another application (application_id {applicationId}); it was not changed.");
    }

    private async Task CheckHeaderAsync(CancellationToken cancellationToken)
    {
        // SQLite would treat some non-database files as empty and write into them; refuse anything without the header.
        if (!File.Exists(FilePath))
        {
            return;
        }

        var header = new byte[16];
        var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using (stream.ConfigureAwait(false))
        {
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            if (read < header.Length || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
            {
                throw new StoreSchemaException(StoreSchemaProblem.NotARecruitingDatabase, $"'{FilePath}' is not a SQLite database; it was not changed.");
            }
        }
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = RecruitingEventIds.Storage + 1, Level = LogLevel.Information, Message = "Applied migration {Module} {Version}: {Description}")]
    private static partial void LogMigrationApplied(ILogger logger, string module, int version, string description);
}
