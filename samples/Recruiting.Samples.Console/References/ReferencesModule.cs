using System.CommandLine;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.References;

/// <summary>Wires the references capability into the sample host (filled in by its issue).</summary>
public sealed class ReferencesModule : ISampleModule
{
    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
    }

    public void AddCommands(RootCommand root, CliContext cli)
    {
    }

    public Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken) => Task.CompletedTask;
}
