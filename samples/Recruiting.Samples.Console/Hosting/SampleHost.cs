using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recruiting.Samples.Console.Ats;

namespace Recruiting.Samples.Console;

/// <summary>Builds the sample's generic host: the mini ATS on SQLite implementing every port, and the SDK on its embedded store.</summary>
public static class SampleHost
{
    /// <summary>The seeded demo tenant.</summary>
    public static TenantId DemoTenant { get; } = new("demo");

    /// <summary>The mini ATS keeps its own database beside the SDK store (the SDK and the host never share a transaction).</summary>
    public static string AtsPathFor(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var full = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(full) + ".ats.db");
    }

    public static IHost Build(string databasePath, TextWriter? logOutput = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        _ = logOutput;

        var context = new SampleHostContext(Path.GetFullPath(databasePath), AtsPathFor(databasePath), builder.Services);
        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMiniAts(context.AtsDatabasePath);

        var recruiting = builder.Services
            .AddRecruiting(o => o.NotificationSender = "recruiting@demo.example")
            .UseSqliteStorage(context.DatabasePath);

        foreach (var module in SampleModules.All)
        {
            module.ConfigureServices(recruiting, context);
        }

        builder.Services.AddHostedService<DemoSeeder>();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}

/// <summary>Seeds the demo tenant on start: the ATS side when its database is new, then each module's SDK-side settings.</summary>
internal sealed class DemoSeeder(MiniAts ats, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ats.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var module in SampleModules.All)
        {
            await module.SeedDemoTenantAsync(services, SampleHost.DemoTenant, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
