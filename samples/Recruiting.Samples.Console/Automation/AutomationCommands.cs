using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.Automation;
using Recruiting.Samples.Console.Ats;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.Automation;

/// <summary>
/// <c>automation rules | preview REF --reason ID | reject REF --reason ID [--no-actions] | cancel REJECTION [--index N] | dispatch | outbox</c>.
/// <c>--actor</c> defaults to the demo HR manager.
/// </summary>
internal static class AutomationCommands
{
    public static void Add(RootCommand root, CliContext cli)
    {
        var automation = new Command("automation", "Rejection-reason automation.");
        var actor = new Option<string>("--actor") { Description = "The acting user id.", DefaultValueFactory = _ => DemoTenantSeed.HrManager.Value };
        var reason = new Option<string>("--reason") { Description = "The rejection reason id.", Required = true };

        var rules = new Command("rules", "Lists the tenant's rejection reasons and their actions.");
        AddCommon(rules, cli);
        rules.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var list = await services.GetRequiredService<IRejectionRuleEditor>().ListAsync(cli.TenantOf(parse), token).ConfigureAwait(false);
            return new { rules = list.Select(r => new { reasonId = r.ReasonId, name = r.Name, version = r.Version, actions = r.Actions.Select(a => a.Kind) }) };
        }, ct));

        var preview = new Command("preview", "Shows what rejecting an application with a reason would do.") { new Argument<string>("reference") };
        preview.Options.Add(reason);
        preview.Options.Add(actor);
        AddCommon(preview, cli);
        preview.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var tenant = cli.TenantOf(parse);
            var application = await FindAsync(services, tenant, parse.GetValue<string>("reference"), token).ConfigureAwait(false);
            var outcome = await services.GetRequiredService<IRejectionAutomation>().PreviewAsync(tenant, application.Id, parse.GetValue(reason)!, new UserId(parse.GetValue(actor)!), token).ConfigureAwait(false);
            return Describe(outcome);
        }, ct));

        var noActions = new Option<bool>("--no-actions") { Description = "Reject without running the reason's actions." };
        var reject = new Command("reject", "Rejects an application with a reason and queues its actions.") { new Argument<string>("reference") };
        reject.Options.Add(reason);
        reject.Options.Add(actor);
        reject.Options.Add(noActions);
        AddCommon(reject, cli);
        reject.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var tenant = cli.TenantOf(parse);
            var application = await FindAsync(services, tenant, parse.GetValue<string>("reference"), token).ConfigureAwait(false);
            var outcome = await services.GetRequiredService<IRejectionAutomation>().RejectAsync(new RejectionRequest
            {
                Tenant = tenant,
                Application = application.Id,
                ReasonId = parse.GetValue(reason)!,
                Actor = new UserId(parse.GetValue(actor)!),
                WithActions = !parse.GetValue(noActions),
            }, token).ConfigureAwait(false);
            return Describe(outcome);
        }, ct));

        var index = new Option<int?>("--index") { Description = "One action's index (default: every pending action)." };
        var cancel = new Command("cancel", "Cancels a rejection's pending actions.") { new Argument<string>("rejection") };
        cancel.Options.Add(index);
        cancel.Options.Add(actor);
        AddCommon(cancel, cli);
        cancel.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var result = await services.GetRequiredService<IRejectionAutomation>().CancelAsync(cli.TenantOf(parse), parse.GetValue<string>("rejection")!, parse.GetValue(index), new UserId(parse.GetValue(actor)!), token).ConfigureAwait(false);
            return new { status = result.Status, cancelled = result.Cancelled.Select(Row), actions = result.Remaining.Select(Row) };
        }, ct));

        var dispatch = new Command("dispatch", "Runs every due action now.");
        AddCommon(dispatch, cli);
        dispatch.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
            (object?)await services.GetRequiredService<IRejectionDispatcher>().DispatchDueAsync(token).ConfigureAwait(false), ct));

        var outbox = new Command("outbox", "Lists the tenant's pending actions with their due times.");
        AddCommon(outbox, cli);
        outbox.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var pending = await services.GetRequiredService<IRejectionOutboxStore>().ListByStateAsync(cli.TenantOf(parse), AutomatedActionState.Pending, 1000, token).ConfigureAwait(false);
            return new { outbox = pending.Select(Row) };
        }, ct));

        automation.Subcommands.Add(rules);
        automation.Subcommands.Add(preview);
        automation.Subcommands.Add(reject);
        automation.Subcommands.Add(cancel);
        automation.Subcommands.Add(dispatch);
        automation.Subcommands.Add(outbox);
        root.Subcommands.Add(automation);
    }

    private static void AddCommon(Command command, CliContext cli)
    {
        command.Options.Add(cli.Db);
        command.Options.Add(cli.Tenant);
    }

    private static async Task<ApplicationInfo> FindAsync(IServiceProvider services, TenantId tenant, string? reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw new CliUsageException("An application reference is required.");
        }

        return await services.GetRequiredService<IApplicationDirectory>().FindByReferenceAsync(tenant, new ApplicationReference(reference), cancellationToken).ConfigureAwait(false)
            ?? throw new CliUsageException($"No application {reference} in tenant {tenant}.");
    }

    private static object Describe(RejectionOutcome outcome) => new
    {
        status = outcome.Status,
        rejectionId = outcome.RejectionId,
        detail = outcome.Detail,
        cancelUntil = outcome.CancelUntil,
        plan = outcome.Plan?.Actions.Select(a => new
        {
            index = a.Index,
            kind = a.Kind,
            state = a.State,
            dueAt = a.DueAt,
            summary = a.Summary,
            skipReason = a.SkipReason,
            detail = a.Detail,
            email = a.Email,
        }),
        actions = outcome.Actions.Select(Row),
    };

    private static object Row(OutboxAction a) => new { rejectionId = a.RejectionId, index = a.ActionIndex, kind = a.Kind, state = a.State, dueAt = a.DueAt, detail = a.Detail };
}
