using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recruiting.ClientAccess;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the clientAccess module's store interfaces.</summary>
internal static class SqliteClientAccessStores
{
    public static void Register(IServiceCollection services)
    {
        // The SDK store is the default client directory; a host with clients of its own registers its IClientDirectory first.
        services.TryAddSingleton<SqliteClientDirectory>();
        services.TryAddSingleton<IClientDirectory>(sp => sp.GetRequiredService<SqliteClientDirectory>());
        services.TryAddSingleton<IClientCredentialStore, SqliteClientCredentialStore>();
        services.TryAddSingleton<IClientAccessStateStore, SqliteClientAccessStateStore>();
    }
}
