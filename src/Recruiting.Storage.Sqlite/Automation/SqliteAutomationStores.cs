using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the automation module's store interfaces.</summary>
internal static class SqliteAutomationStores
{
    public static void Register(IServiceCollection services)
    {
        _ = services;
    }
}
