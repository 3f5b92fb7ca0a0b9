using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Recruiting.Automation;

namespace Recruiting.Storage.Sqlite;

/// <summary>Registers the SQLite implementations of the automation module's store interfaces.</summary>
internal static class SqliteAutomationStores
{
    public static void Register(IServiceCollection services)
    {
        services.TryAddSingleton<IRejectionRuleStore, SqliteRejectionRuleStore>();
        services.TryAddSingleton<IRejectionOutboxStore, SqliteRejectionOutboxStore>();
    }
}
