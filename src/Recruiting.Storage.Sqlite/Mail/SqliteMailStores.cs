using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the mail module's store interfaces.</summary>
internal static class SqliteMailStores
{
    public static void Register(IServiceCollection services)
    {
        _ = services;
    }
}
