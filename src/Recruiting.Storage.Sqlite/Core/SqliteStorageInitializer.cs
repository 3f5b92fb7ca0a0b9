using Microsoft.Extensions.Hosting;

namespace Recruiting.Storage.Sqlite;

/// <summary>Applies the store's migrations when a generic host starts, so a bad store fails the start, not the first request.</summary>
internal sealed class SqliteStorageInitializer(SqliteDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureInitializedAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
