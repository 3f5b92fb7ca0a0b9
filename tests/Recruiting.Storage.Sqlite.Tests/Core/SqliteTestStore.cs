using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Storage.Sqlite;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Core;

/// <summary>A real SQLite file in a temp folder, wired the way a host wires it.</summary>
internal sealed class SqliteTestStore : IDisposable
{
    private readonly TestTempDirectory _directory;
    private readonly bool _ownsDirectory;

    public SqliteTestStore(TestTempDirectory? directory = null, string? keysDirectory = null)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? new TestTempDirectory();
        Host = new InMemoryHost();
        Time = new FakeTimeProvider(TestServices.Start);
        var services = TestServices.Create(Host, Time);
        services.AddRecruiting().UseSqliteStorage(o =>
        {
            o.Path = DatabasePath;
            o.KeysDirectory = keysDirectory;
        });
        Provider = services.BuildServiceProvider();
    }

    public string DatabasePath => _directory.File("recruiting.db");

    public TestTempDirectory Directory => _directory;

    public InMemoryHost Host { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public void Dispose()
    {
        Provider.Dispose();
        if (_ownsDirectory)
        {
            _directory.Dispose();
        }
    }
}
