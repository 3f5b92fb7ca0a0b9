using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the boards module's store interfaces.</summary>
internal static class SqliteBoardsStores
{
    public static void Register(IServiceCollection services)
    {
        _ = services;
    }
}
