using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recruiting.MailImport;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the mail module's store interfaces.</summary>
internal static class SqliteMailStores
{
    public static void Register(IServiceCollection services)
    {
        services.TryAddSingleton<ITenantMailSettingsStore, SqliteTenantMailSettingsStore>();
        services.TryAddSingleton<IMailQuarantineStore, SqliteMailQuarantineStore>();
        services.TryAddSingleton<IMailboxCheckpointStore, SqliteMailboxCheckpointStore>();
    }
}
