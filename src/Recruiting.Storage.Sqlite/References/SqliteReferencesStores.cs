using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the references module's store interfaces.</summary>
internal static class SqliteReferencesStores
{
    public static void Register(IServiceCollection services)
    {
        _ = services;
    }
}
