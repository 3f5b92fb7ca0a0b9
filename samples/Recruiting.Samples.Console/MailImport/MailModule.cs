using System.CommandLine;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.MailImport;

/// <summary>Wires the mail capability into the sample host (filled in by its issue).</summary>
public sealed class MailModule : ISampleModule
{
    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
    }

    public void AddCommands(RootCommand root, CliContext cli)
    {
    }

    public Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken) => Task.CompletedTask;
}
