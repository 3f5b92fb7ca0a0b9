using System.CommandLine;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.Boards;

/// <summary>Wires the boards capability into the sample host (filled in by its issue).</summary>
public sealed class BoardsModule : ISampleModule
{
    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
    }

    public void AddCommands(RootCommand root, CliContext cli)
    {
    }

    public Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken) => Task.CompletedTask;
}
