using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recruiting.References;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the references module's store interfaces.</summary>
internal static class SqliteReferencesStores
{
    public static void Register(IServiceCollection services)
    {
        services.TryAddSingleton<IReferenceCheckStore, SqliteReferenceCheckStore>();
        services.TryAddSingleton<IReferenceProviderSettingsStore, SqliteReferenceProviderSettingsStore>();
    }
}
