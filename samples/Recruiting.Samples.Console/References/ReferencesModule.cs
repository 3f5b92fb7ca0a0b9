using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.References;
using Recruiting.Samples.Console.Cli;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.References;

/// <summary>Wires the references capability into the sample host: the service, the demo step and the <c>references …</c> verbs.</summary>
public sealed class ReferencesModule : ISampleModule
{
    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
        ArgumentNullException.ThrowIfNull(recruiting);
        ArgumentNullException.ThrowIfNull(context);
        recruiting.AddReferenceChecks();
        context.Services.AddSingleton<IDemoStep, ReferencesDemoStep>();
    }

    public void AddCommands(RootCommand root, CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(cli);
        var references = new Command("references", "Reference checks.");

        var job = new Option<string?>("--job") { Description = "Only the checks of this assignment (job id)." };
        var status = new Command("status", "Lists the tenant's reference checks: state, requested and answered counts, link while running, filed report.");
        status.Options.Add(cli.Db);
        status.Options.Add(cli.Tenant);
        status.Options.Add(job);
        status.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var tenant = cli.TenantOf(parse);
            var filter = parse.GetValue(job) is { Length: > 0 } j ? new JobId(j) : (JobId?)null;
            var checks = await services.GetRequiredService<IReferenceCheckService>().ListAsync(tenant, filter, token).ConfigureAwait(false);
            return new { checks = checks.Select(ReferencesDemoStep.Describe).ToList() };
        }, ct));
        references.Subcommands.Add(status);

        var poll = new Command("poll", "Asks the provider for the status of every open check and files finished reports.");
        poll.Options.Add(cli.Db);
        poll.Options.Add(cli.Tenant);
        poll.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
            (object?)await services.GetRequiredService<IReferenceCheckService>().PollAsync(cli.TenantOf(parse), token).ConfigureAwait(false), ct));
        references.Subcommands.Add(poll);

        root.Subcommands.Add(references);
    }

    public Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
        => Task.CompletedTask; // The provider address is the demo's own simulator, so the demo step configures the tenant.
}
