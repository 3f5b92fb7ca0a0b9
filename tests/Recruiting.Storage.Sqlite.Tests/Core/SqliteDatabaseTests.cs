using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Core;

public class SqliteDatabaseTests
{
    [Fact]
    public async Task NewFile_IsMigrated_AndMarkedAsARecruitingDatabase()
    {
        using var store = new SqliteTestStore();

        var description = await store.Get<IStoreInfo>().DescribeAsync();

        description.Provider.Should().Be("sqlite");
        description.Location.Should().Be(store.DatabasePath);
        description.SchemaVersion.Should().Be(SqliteSchema.All.Count);
        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA application_id; ";
        Convert.ToInt32(await command.ExecuteScalarAsync()).Should().Be(SqliteSchema.ApplicationId);
        command.CommandText = "PRAGMA journal_mode;";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
    }

    [Fact]
    public async Task Migrations_RunTwice_ApplyNothingTheSecondTime()
    {
        using var directory = new TestTempDirectory();
        int first;
        using (var store = new SqliteTestStore(directory))
        {
            first = (await store.Get<IStoreInfo>().DescribeAsync()).SchemaVersion;
        }

        using var again = new SqliteTestStore(directory);
        (await again.Get<IStoreInfo>().DescribeAsync()).SchemaVersion.Should().Be(first);
    }

    [Fact]
    public async Task TwoStoresStartingTogether_MigrateOnce()
    {
        using var directory = new TestTempDirectory();
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteTestStore(directory)).ToList();
        try
        {
            var versions = await Task.WhenAll(stores.Select(s => Task.Run(async () => (await s.Get<IStoreInfo>().DescribeAsync()).SchemaVersion)));
            versions.Should().OnlyContain(v => v == SqliteSchema.All.Count);
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task AFileThatIsNotSqlite_IsRefused_AndLeftUnchanged()
    {
        using var directory = new TestTempDirectory();
        var path = directory.File("recruiting.db");
        await File.WriteAllTextAsync(path, "name,email\nTaro,taro@example.jp\n");
        var before = await File.ReadAllBytesAsync(path);

        var act = () => Open(path).EnsureInitializedAsync().AsTask();

        (await act.Should().ThrowAsync<StoreSchemaException>()).Which.Problem.Should().Be(StoreSchemaProblem.NotARecruitingDatabase);
        (await File.ReadAllBytesAsync(path)).Should().Equal(before);
    }

    [Fact]
    public async Task ASqliteDatabaseOfAnotherApplication_IsRefused_AndLeftUnchanged()
    {
        using var directory = new TestTempDirectory();
        var path = directory.File("other.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x');";
            await command.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(path);

        var act = () => Open(path).EnsureInitializedAsync().AsTask();

        var error = (await act.Should().ThrowAsync<StoreSchemaException>()).Which;
        error.Problem.Should().Be(StoreSchemaProblem.NotARecruitingDatabase);
        error.Code.Should().Be("notARecruitingDatabase");
        (await File.ReadAllBytesAsync(path)).Should().Equal(before);
    }

    [Fact]
    public async Task ANewerSchema_IsRefused_WithATypedError()
    {
        using var directory = new TestTempDirectory();
        var path = directory.File("recruiting.db");
        using (var db = Open(path))
        {
            await db.EnsureInitializedAsync();
            await using var connection = await db.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (module, version, description, applied_at) VALUES ('core', 99, 'from the future', 0);";
            await command.ExecuteNonQueryAsync();
        }

        using var newer = Open(path);
        var act = () => newer.EnsureInitializedAsync().AsTask();

        var error = (await act.Should().ThrowAsync<StoreSchemaException>()).Which;
        error.Problem.Should().Be(StoreSchemaProblem.NewerSchema);
        error.Message.Should().Contain("99").And.Contain("core");
    }

    [Fact]
    public async Task WriteAsync_RollsBack_WhenTheWorkThrows()
    {
        using var directory = new TestTempDirectory();
        using var db = Open(directory.File("recruiting.db"));

        var act = () => db.WriteAsync<int>(async (connection, transaction) =>
        {
            using var insert = connection.Command(transaction, "INSERT INTO secrets (tenant, name, protected_value, updated_at) VALUES ('t', 'n', 'v', 0);");
            await insert.ExecuteNonQueryAsync();
            throw new InvalidOperationException("boom");
        });

        await act.Should().ThrowAsync<InvalidOperationException>();
        var count = await db.ReadAsync(async connection =>
        {
            using var select = connection.Command(null, "SELECT count(*) FROM secrets;");
            return Convert.ToInt32(await select.ExecuteScalarAsync());
        });
        count.Should().Be(0);
    }

    [Fact]
    public async Task EveryConnection_HasTheStoresPragmas_NewOrFromThePool()
    {
        using var directory = new TestTempDirectory();
        using var db = Open(directory.File("recruiting.db"));

        async Task<(long Synchronous, long ForeignKeys)> PragmasAsync() => await db.ReadAsync(async connection =>
        {
            using var command = connection.Command(null, "PRAGMA synchronous;");
            var synchronous = Convert.ToInt64(await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA foreign_keys;";
            return (synchronous, Convert.ToInt64(await command.ExecuteScalarAsync()));
        });

        var first = await PragmasAsync();
        var pooled = await PragmasAsync();
        SqliteConnection.ClearAllPools();
        var fresh = await PragmasAsync();

        // synchronous=NORMAL is 1 (a connection without the store pragma is FULL, 2).
        new[] { first, pooled, fresh }.Should().AllBeEquivalentTo((1L, 1L));
    }

    private static SqliteDatabase Open(string path)
        => new(new SqliteStorageOptions { Path = path }, NullLogger<SqliteDatabase>.Instance, SqliteSchema.All);
}
