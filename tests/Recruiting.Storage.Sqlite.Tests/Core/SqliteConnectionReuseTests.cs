using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Core;

/// <summary>The database keeps open connections between operations, each with its commands prepared once.</summary>
public sealed class SqliteConnectionReuseTests : IDisposable
{
    private const string Select = "SELECT key FROM idempotency_ledger WHERE tenant = $tenant ORDER BY key;";
    private readonly TestTempDirectory _directory = new();
    private readonly SqliteDatabase _database;

    public SqliteConnectionReuseTests()
    {
        _database = new SqliteDatabase(new SqliteStorageOptions { Path = _directory.File("recruiting.db") }, NullLogger<SqliteDatabase>.Instance, SqliteSchema.All);
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task OperationsOneAfterAnother_UseOneOpenConnection_AndTheSameCommandForTheSameSql()
    {
        var (firstConnection, firstCommand) = await _database.ReadAsync(c => Task.FromResult(Use(c)));
        var (secondConnection, secondCommand) = await _database.ReadAsync(c => Task.FromResult(Use(c)));

        secondConnection.Should().BeSameAs(firstConnection);
        secondCommand.Should().BeSameAs(firstCommand, "the statement is prepared once per connection");
        firstConnection.State.Should().Be(System.Data.ConnectionState.Open);
        _database.IdleConnections.Should().Be(1);

        static (SqliteConnection, SqliteCommand) Use(SqliteConnection connection)
        {
            using var command = connection.Command(null, Select, ("$tenant", "t1"));
            using (var reader = command.ExecuteReader())
            {
                reader.Read().Should().BeFalse();
            }

            return (connection, command);
        }
    }

    [Fact]
    public async Task ACommandInUse_IsNotHandedOutAgain_AndValuesGoToTheRightOne()
    {
        await SeedAsync("t1", "a", "b");
        await SeedAsync("t2", "c");

        var keys = await _database.ReadAsync(connection =>
        {
            using var outer = connection.Command(null, Select, ("$tenant", "t1"));
            using var reader = outer.ExecuteReader();
            var found = new List<string>();
            while (reader.Read())
            {
                // The same SQL while the first is still being read: a command of its own.
                using var inner = connection.Command(null, Select, ("$tenant", "t2"));
                inner.Should().NotBeSameAs(outer);
                found.Add(reader.GetString(0) + ":" + (string)inner.ExecuteScalar()!);
            }

            return Task.FromResult(found);
        });

        keys.Should().Equal("a:c", "b:c");
    }

    [Fact]
    public async Task AFailedWrite_ClosesItsConnection_AndTheNextWriteCommits()
    {
        SqliteConnection? failed = null;
        var act = () => _database.WriteAsync<int>(async (connection, transaction) =>
        {
            failed = connection;
            using var insert = connection.Command(transaction, "INSERT INTO idempotency_ledger (tenant, key, operation, state, created_at) VALUES ('t1', 'k', 'op', 0, 0);");
            await insert.ExecuteNonQueryAsync();
            throw new InvalidOperationException("the host's work failed");
        });

        await act.Should().ThrowAsync<InvalidOperationException>();

        failed!.State.Should().Be(System.Data.ConnectionState.Closed, "a connection whose work failed is not kept");
        _database.IdleConnections.Should().Be(0);
        (await CountAsync()).Should().Be(0, "the failed write was rolled back");
        await SeedAsync("t1", "k");
        (await CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task KeptConnections_HoldNoReadTransaction_ACheckpointEmptiesTheLog()
    {
        await SeedAsync("t1", "a", "b", "c");

        // A query left after its first row: the kept command must not keep the snapshot open.
        await _database.ReadAsync(connection =>
        {
            using var command = connection.Command(null, Select, ("$tenant", "t1"));
            using var reader = command.ExecuteReader();
            reader.Read().Should().BeTrue();
            return Task.FromResult(0);
        });
        await SeedAsync("t2", "d");

        await using var other = new SqliteConnection($"Data Source={_directory.File("recruiting.db")};Pooling=False");
        await other.OpenAsync();
        using var checkpoint = other.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var result = await checkpoint.ExecuteReaderAsync();
        result.Read().Should().BeTrue();
        result.GetInt32(0).Should().Be(0, "no reader blocks the checkpoint");
        new FileInfo(_directory.File("recruiting.db") + "-wal").Length.Should().Be(0);
    }

    [Fact]
    public async Task ManyAtOnce_OpenMoreConnections_ButKeepAtMostTheLimit()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var reads = Enumerable.Range(0, SqliteDatabase.MaxIdleConnections + 4).Select(_ => Task.Run(() => _database.ReadAsync(async connection =>
        {
            if (Interlocked.Increment(ref started) == SqliteDatabase.MaxIdleConnections + 4)
            {
                gate.SetResult();
            }

            await gate.Task;
            return connection;
        }))).ToList();

        var connections = await Task.WhenAll(reads).WaitAsync(TimeSpan.FromSeconds(30));

        connections.Distinct().Should().HaveCount(SqliteDatabase.MaxIdleConnections + 4, "each operation in flight has its own connection");
        _database.IdleConnections.Should().Be(SqliteDatabase.MaxIdleConnections);
        connections.Count(c => c.State == System.Data.ConnectionState.Open).Should().Be(SqliteDatabase.MaxIdleConnections);
    }

    [Fact]
    public async Task Dispose_ClosesTheKeptConnections_AndRefusesFurtherWork()
    {
        var connection = await _database.ReadAsync(c => Task.FromResult(c));
        connection.State.Should().Be(System.Data.ConnectionState.Open);

        _database.Dispose();

        connection.State.Should().Be(System.Data.ConnectionState.Closed);
        _database.IdleConnections.Should().Be(0);
        var act = () => _database.ReadAsync(c => Task.FromResult(0));
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    private Task SeedAsync(string tenant, params string[] keys)
        => _database.WriteAsync(async (connection, transaction) =>
        {
            foreach (var key in keys)
            {
                using var insert = connection.Command(transaction, "INSERT INTO idempotency_ledger (tenant, key, operation, state, created_at) VALUES ($tenant, $key, 'op', 0, 0);", ("$tenant", tenant), ("$key", key));
                await insert.ExecuteNonQueryAsync();
            }

            return 0;
        });

    private Task<long> CountAsync()
        => _database.ReadAsync(async connection =>
        {
            using var count = connection.Command(null, "SELECT count(*) FROM idempotency_ledger;");
            return (long)(await count.ExecuteScalarAsync())!;
        });
}
