using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.Boards;

/// <summary>Wires the boards capability into the sample host.</summary>
public sealed class BoardsModule : ISampleModule
{
    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
        ArgumentNullException.ThrowIfNull(recruiting);
        BoardsDemoStep.Register(recruiting.AddBoardImport());
    }

    public void AddCommands(RootCommand root, CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(root);
        var boards = BoardsCommands.Parent(root);
        boards.Subcommands.Add(BoardsCsvCommand.Create(cli));
    }

    public Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
        => BoardsDemoSeed.SeedAsync(services, tenant, cancellationToken);
}
