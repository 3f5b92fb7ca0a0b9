using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Recruiting.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the embedded SQLite store.</summary>
public static class SqliteStorageRecruitingBuilderExtensions
{
    /// <summary>Keeps every SDK store in one SQLite file.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="path">The database file.</param>
    /// <returns>The builder.</returns>
    public static Recruiting.RecruitingBuilder UseSqliteStorage(this Recruiting.RecruitingBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.UseSqliteStorage(o => o.Path = path);
    }

    /// <summary>Keeps every SDK store in one SQLite file.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures the store.</param>
    /// <returns>The builder.</returns>
    public static Recruiting.RecruitingBuilder UseSqliteStorage(this Recruiting.RecruitingBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        services.AddOptions<SqliteStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        services.TryAddSingleton<SqliteDatabase>();
        services.TryAddSingleton<Recruiting.IStoreInfo>(sp => sp.GetRequiredService<SqliteDatabase>());
        services.TryAddSingleton<Recruiting.ISecretProtector>(sp => new DataProtectionSecretProtector(sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.ResolveKeysDirectory()));
        services.TryAddSingleton<Recruiting.IIdempotencyLedger, SqliteIdempotencyLedger>();
        services.TryAddSingleton<Recruiting.ISecretStore, SqliteSecretStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStorageInitializer>());

        SqliteBoardsStores.Register(services);
        SqliteMailStores.Register(services);
        SqliteAutomationStores.Register(services);
        SqliteClientAccessStores.Register(services);
        SqliteReferencesStores.Register(services);
        return builder;
    }
}
