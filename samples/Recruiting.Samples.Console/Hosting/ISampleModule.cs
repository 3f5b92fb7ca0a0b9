using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console;

/// <summary>
/// One SDK capability wired into the sample host: its services, its CLI verbs, its SDK-side demo seed.
/// A capability's demo step is an <see cref="Demo.IDemoStep"/> registered in <see cref="ConfigureServices"/>.
/// </summary>
public interface ISampleModule
{
    /// <summary>Adds the capability to the host (e.g. <c>recruiting.AddMailImport(...)</c>) and registers its demo step.</summary>
    void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context);

    /// <summary>Adds the capability's verbs (e.g. <c>mail parse-subject</c>) to the root command.</summary>
    void AddCommands(RootCommand root, CliContext cli);

    /// <summary>Seeds the SDK-side settings of the demo tenant (import address, board accounts …). Runs on every start; must be idempotent.</summary>
    Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken);
}

/// <summary>What modules know about the host being built.</summary>
/// <param name="DatabasePath">The SDK store file.</param>
/// <param name="AtsDatabasePath">The mini ATS's own database file.</param>
/// <param name="Services">The host's services.</param>
public sealed record SampleHostContext(string DatabasePath, string AtsDatabasePath, IServiceCollection Services);
