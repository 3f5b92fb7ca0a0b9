using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.ClientAccess;
using Recruiting.Samples.Console.Ats;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.ClientAccess;

/// <summary>
/// <c>clients add --name N --email E [--internal] [--hide-contacts] [--job J]…</c>, <c>clients list</c>,
/// <c>clients block CLIENT</c>, <c>clients view CLIENT CANDIDATE</c> (the candidate as that client sees it).
/// </summary>
internal static class ClientCommands
{
    public static Command Create(CliContext cli)
    {
        var clients = new Command("clients", "Hiring clients: add, list, block, and see a candidate as a client sees it.");

        var name = new Option<string>("--name") { Description = "The client's name.", Required = true };
        var email = new Option<string>("--email") { Description = "The client's e-mail address.", Required = true };
        var isInternal = new Option<bool>("--internal") { Description = "An internal hiring manager rather than an external customer." };
        var hide = new Option<bool>("--hide-contacts") { Description = "Hide candidates' contact details from the client." };
        var jobs = new Option<string[]>("--job") { Description = "A vacancy to attach (repeatable).", AllowMultipleArgumentsPerToken = false };
        var add = new Command("add", "Adds a client and sends its invitation.") { name, email, isInternal, hide, jobs };
        add.Options.Add(cli.Db);
        add.Options.Add(cli.Tenant);
        add.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var result = await services.GetRequiredService<ClientAdministration>().AddClientAsync(cli.TenantOf(parse), new NewClient
            {
                Name = parse.GetValue(name) ?? string.Empty,
                Email = parse.GetValue(email) ?? string.Empty,
                Kind = parse.GetValue(isInternal) ? ClientKind.Internal : ClientKind.External,
                HideCandidateContacts = parse.GetValue(hide),
                Vacancies = (parse.GetValue(jobs) ?? []).Select(j => new JobId(j)).ToArray(),
            }, DemoTenantSeed.Recruiter, token).ConfigureAwait(false);
            return new { client = result.Client, errors = result.Errors, invitation = result.Invitation is { } i ? new { i.InvitationId, i.ExpiresAt, i.Revoked } : null };
        }, ct));

        var list = new Command("list", "Lists the tenant's clients.");
        list.Options.Add(cli.Db);
        list.Options.Add(cli.Tenant);
        list.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var all = new List<ClientInfo>();
            await foreach (var client in services.GetRequiredService<IClientDirectory>().ListClientsAsync(cli.TenantOf(parse), token).ConfigureAwait(false))
            {
                all.Add(client);
            }

            return new { clients = all };
        }, ct));

        var clientArgument = new Argument<string>("client") { Description = "The client id." };
        var block = new Command("block", "Blocks a client (effective on its next request).") { clientArgument };
        block.Options.Add(cli.Db);
        block.Options.Add(cli.Tenant);
        block.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var result = await services.GetRequiredService<ClientAdministration>().BlockAsync(cli.TenantOf(parse), new ClientId(parse.GetValue(clientArgument)!), token).ConfigureAwait(false);
            return new { client = result.Client, errors = result.Errors };
        }, ct));

        var candidateArgument = new Argument<string>("candidate") { Description = "The candidate id." };
        var view = new Command("view", "Shows a candidate as a client sees it.") { clientArgument, candidateArgument };
        view.Options.Add(cli.Db);
        view.Options.Add(cli.Tenant);
        view.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var tenant = cli.TenantOf(parse);
            var principal = new ClientPrincipal(tenant, new ClientId(parse.GetValue(clientArgument)!), "cli");
            var result = await services.GetRequiredService<ClientPortal>().GetCandidateViewAsync(principal, new CandidateId(parse.GetValue(candidateArgument)!), token).ConfigureAwait(false);
            return new { view = result.Value, refusal = result.Refusal };
        }, ct));

        clients.Subcommands.Add(add);
        clients.Subcommands.Add(list);
        clients.Subcommands.Add(block);
        clients.Subcommands.Add(view);
        return clients;
    }
}
