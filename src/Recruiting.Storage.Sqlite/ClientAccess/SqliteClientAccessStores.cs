using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the clientAccess module's store interfaces.</summary>
internal static class SqliteClientAccessStores
{
    public static void Register(IServiceCollection services)
    {
        _ = services;
    }
}
