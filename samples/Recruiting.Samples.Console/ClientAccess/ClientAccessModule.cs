using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.ClientAccess;
using Recruiting.Samples.Console.Ats;
using Recruiting.Samples.Console.Cli;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.ClientAccess;

/// <summary>Wires client access into the sample host: the ATS's notes/documents/interviews ports, the SDK store's client directory, verbs and the demo step.</summary>
public sealed class ClientAccessModule : ISampleModule
{
    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
        ArgumentNullException.ThrowIfNull(recruiting);
        ArgumentNullException.ThrowIfNull(context);
        var services = context.Services;
        services.AddSingleton<SampleClientAccessPorts>();
        services.AddSingleton<INoteReader>(sp => sp.GetRequiredService<SampleClientAccessPorts>());
        services.AddSingleton<IDocumentReader>(sp => sp.GetRequiredService<SampleClientAccessPorts>());
        services.AddSingleton<IInterviewReader>(sp => sp.GetRequiredService<SampleClientAccessPorts>());
        services.AddSingleton<ICandidateProfileEditor>(sp => sp.GetRequiredService<SampleClientAccessPorts>());
        recruiting.AddClientAccess(o => o.AccessLinkBase = new Uri("https://ats.demo.example/client/accept"));
        services.AddSingleton<IDemoStep, ClientAccessDemoStep>();
    }

    public void AddCommands(RootCommand root, CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(cli);
        root.Subcommands.Add(ClientCommands.Create(cli));
    }

    public Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken) => Task.CompletedTask;
}
