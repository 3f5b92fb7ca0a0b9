using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recruiting.Boards;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the boards module's store interfaces.</summary>
internal static class SqliteBoardsStores
{
    public static void Register(IServiceCollection services)
    {
        services.TryAddSingleton<IBoardAccountStore, SqliteBoardAccountStore>();
        services.TryAddSingleton<IBoardSettingsStore, SqliteBoardSettingsStore>();
        services.TryAddSingleton<IBoardImportHistoryStore, SqliteBoardImportHistoryStore>();
    }
}
