using static Recruiting.Automation.Tests.AutomationHarness;

namespace Recruiting.Automation.Tests.Execution;

/// <summary>
/// A confirmed bulk records its rejections and actions in one transaction and leaves the host side (status, "queued"
/// records, events) to the dispatcher, as an outbox step that is claimed, keyed and marked like an action.
/// </summary>
public sealed class DeferredHostSyncTests : IDisposable
{
    private readonly AutomationHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static int QueuedRecords(InMemoryHost host, ApplicationInfo application)
        => host.History.Count(h => h.Entry.Application == application.Id && h.Entry.Entry.Properties.TryGetValue("state", out var state) && state == "pending");

    private async Task<(ApplicationInfo A, ApplicationInfo B, BulkRejectionResult Result)> ConfirmBulkOfTwoAsync(AutomationHarness h)
    {
        await h.SaveRuleAsync(FullRule());
        var a = h.AddApplication("A One");
        var b = h.AddApplication("B Two");
        var plan = await h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience"), new(b.Id, "no-experience")]);
        return (a, b, await h.Automation.ConfirmBulkAsync(plan, withActions: true));
    }

    [Fact]
    public async Task A_bulk_is_recorded_at_once_and_its_host_side_is_written_by_the_next_dispatch_before_its_actions()
    {
        var (a, b, result) = await ConfirmBulkOfTwoAsync(_h);

        result.Rejected.Should().Be(2);
        result.Outcomes.Should().OnlyContain(o => !o.HostSynced && o.Actions.Count == 5);
        (await _h.Outbox.ListActionsAsync(Tenant, result.Outcomes[0].RejectionId!)).Should().HaveCount(5);
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Active, "the host side is the dispatcher's step");
        _h.Host.History.Should().BeEmpty();

        var report = await _h.Dispatcher.DispatchDueAsync();

        report.Resynced.Should().Be(2);
        report.Done.Should().Be(10);
        foreach (var application in new[] { a, b })
        {
            _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Rejected);
            QueuedRecords(_h.Host, application).Should().Be(5);
            var titles = _h.Host.History.Where(h => h.Entry.Application == application.Id).Select(h => h.Entry.Entry.Title).ToList();
            titles.FindIndex(t => t.StartsWith("Automatic rejection e-mail queued", StringComparison.Ordinal))
                .Should().BeLessThan(titles.FindIndex(t => t == "Automatic rejection e-mail sent"), "the queued record precedes the sent one");
        }

        _h.Host.EventsOf<CandidateRejected>().Should().HaveCount(2);
        _h.Host.EventsOf<AutomatedActionExecuted>().Count(e => e.State == AutomatedActionState.Pending).Should().Be(10);
        foreach (var outcome in result.Outcomes)
        {
            (await _h.Outbox.GetRejectionAsync(Tenant, outcome.RejectionId!))!.HostSynced.Should().BeTrue();
        }

        var again = await _h.Dispatcher.DispatchDueAsync();
        again.Resynced.Should().Be(0);
        again.Claimed.Should().Be(0);
        _h.Host.EventsOf<CandidateRejected>().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_crash_between_recording_a_bulk_and_its_host_sync_syncs_once_after_restart()
    {
        var (a, b, _) = await ConfirmBulkOfTwoAsync(_h);
        // The process dies right after the transaction: nothing reached the host.

        using var restarted = _h.Restart();
        var report = await restarted.Dispatcher.DispatchDueAsync();

        report.Resynced.Should().Be(2);
        report.Done.Should().Be(10);
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        QueuedRecords(_h.Host, a).Should().Be(5);
        QueuedRecords(_h.Host, b).Should().Be(5);
        _h.Host.EventsOf<CandidateRejected>().Should().HaveCount(2);
        (await restarted.Dispatcher.DispatchDueAsync()).Resynced.Should().Be(0);
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_the_host_sync_is_replayed_after_the_lease_with_the_same_keys()
    {
        var (a, b, _) = await ConfirmBulkOfTwoAsync(_h);
        // The process dies after the host wrote the third "queued" record, before anything was marked.
        var written = 0;
        _h.Host.AfterApply = (operation, _) => operation == "history" && ++written == 3 ? new OperationCanceledException("process killed") : null;

        var dying = async () => await _h.Dispatcher.DispatchDueAsync();
        await dying.Should().ThrowAsync<OperationCanceledException>();
        // Whichever rejection was claimed first got its status and three of its five "queued" records.
        var first = _h.Host.Applications[(Tenant, a.Id)].Status == ApplicationStatus.Rejected ? a : b;
        var second = first == a ? b : a;
        _h.Host.Applications[(Tenant, first.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        _h.Host.Applications[(Tenant, second.Id)].Status.Should().Be(ApplicationStatus.Active);
        QueuedRecords(_h.Host, first).Should().Be(3);

        _h.Host.AfterApply = null;
        using var restarted = _h.Restart();
        // The dead process's claim holds until its lease ends (the actions themselves are not held back by it).
        (await restarted.Dispatcher.DispatchDueAsync()).Resynced.Should().Be(0);
        _h.Time.Advance(RejectionAutomationDefaults.ClaimLease);
        var report = await restarted.Dispatcher.DispatchDueAsync();

        report.Resynced.Should().Be(2);
        _h.Host.RepeatedKeys.Should().BeGreaterThan(0, "the replay repeated keys the host already had");
        QueuedRecords(_h.Host, a).Should().Be(5);
        QueuedRecords(_h.Host, b).Should().Be(5);
        _h.Host.Applications[(Tenant, second.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        _h.Host.Emails.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_failing_host_leaves_the_sync_claimed_and_it_is_retried_after_the_lease()
    {
        var (a, _, _) = await ConfirmBulkOfTwoAsync(_h);
        _h.Host.BeforeApply = (operation, _) => operation == "setStatus" ? new InvalidOperationException("host rejects the status") : null;

        var first = await _h.Dispatcher.DispatchDueAsync();

        first.Resynced.Should().Be(0);
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Active);
        _h.Host.BeforeApply = null;
        (await _h.Dispatcher.DispatchDueAsync()).Resynced.Should().Be(0, "claimed until the lease ends");
        _h.Time.Advance(RejectionAutomationDefaults.ClaimLease);
        (await _h.Dispatcher.DispatchDueAsync()).Resynced.Should().Be(2);
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task An_application_unrejected_before_the_host_sync_keeps_its_status_and_its_actions_are_cancelled()
    {
        var (a, b, _) = await ConfirmBulkOfTwoAsync(_h);

        var unreject = await _h.Automation.UnrejectAsync(Tenant, a.Id, UnrejectCause.MovedBack);
        var report = await _h.Dispatcher.DispatchDueAsync();

        unreject.Cancelled.Should().HaveCount(5);
        report.Resynced.Should().Be(2);
        report.Done.Should().Be(5, "only b's actions run");
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Active, "a late host sync must not reject it again");
        _h.Host.Applications[(Tenant, b.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        _h.Host.History.Count(h => h.Entry.Application == a.Id && h.Entry.Entry.Title.Contains("cancelled: movedBack", StringComparison.Ordinal)).Should().Be(5);
        _h.Host.Emails.Should().ContainSingle().Which.Message.Application.Should().Be(b.Id);
    }

    [Fact]
    public async Task One_rejection_is_synced_inline_and_the_dispatcher_does_not_write_it_again()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();

        var outcome = await _h.RejectAsync(application, "no-experience");
        _h.Time.Advance(RejectionAutomationDefaults.ClaimLease);
        var report = await _h.Dispatcher.DispatchDueAsync();

        outcome.HostSynced.Should().BeTrue();
        report.Resynced.Should().Be(0);
        QueuedRecords(_h.Host, application).Should().Be(5);
        _h.Host.RepeatedKeys.Should().Be(0);
    }
}
