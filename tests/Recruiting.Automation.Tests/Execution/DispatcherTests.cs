using static Recruiting.Automation.Tests.AutomationHarness;

namespace Recruiting.Automation.Tests.Execution;

public sealed class DispatcherTests : IDisposable
{
    private readonly AutomationHarness _h = new(o => o.MaxRetryAttempts = 2);

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_port_that_fails_after_applying_is_retried_with_the_same_key_and_applies_once()
    {
        await _h.SaveRuleAsync(FullRule());
        var outcome = await _h.RejectAsync(_h.AddApplication(), "no-experience");
        var thrown = 0;
        _h.Host.AfterApply = (operation, _) => operation == "email" && thrown++ == 0 ? new TimeoutException("connection reset after send") : null;

        _h.Time.Advance(TimeSpan.FromSeconds(10));
        var report = await _h.Dispatcher.DispatchDueAsync();

        thrown.Should().BeGreaterThan(0);
        report.Done.Should().Be(5);
        _h.Host.Emails.Should().ContainSingle();
        _h.Host.RepeatedKeys.Should().BeGreaterThan(0);
        (await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!))[0].State.Should().Be(AutomatedActionState.Done);
    }

    [Fact]
    public async Task A_crash_between_the_host_call_and_the_mark_neither_loses_nor_doubles()
    {
        await _h.SaveRuleAsync(FullRule());
        var outcome = await _h.RejectAsync(_h.AddApplication(), "no-experience");
        // The process dies right after the host sent the mail: the call never returns to mark it done.
        _h.Host.AfterApply = (operation, _) => operation == "email" ? new OperationCanceledException("process killed") : null;
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        var dying = async () => await _h.Dispatcher.DispatchDueAsync();
        await dying.Should().ThrowAsync<OperationCanceledException>();
        _h.Host.Emails.Should().ContainSingle();
        (await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!))[0].State.Should().Be(AutomatedActionState.Running);

        // A new process on the same file: before the lease expires nothing is replayed, after it the action is.
        _h.Host.AfterApply = null;
        using var restarted = _h.Restart(o => o.MaxRetryAttempts = 2);
        (await restarted.Dispatcher.DispatchDueAsync()).Claimed.Should().Be(0);
        _h.Time.Advance(RejectionAutomationDefaults.ClaimLease);
        var report = await restarted.Dispatcher.DispatchDueAsync();

        report.Done.Should().Be(5);
        _h.Host.Emails.Should().ContainSingle();
        _h.Host.Emails[0].Key.Should().Be(IdempotencyKey.Create("rejection", outcome.RejectionId!, "0"));
        (await restarted.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!)).Should().OnlyContain(a => a.State == AutomatedActionState.Done);
        _h.Host.History.Count(h => h.Entry.Entry.Title == "Automatic rejection e-mail sent").Should().Be(1);
    }

    [Fact]
    public async Task A_permanent_failure_ends_failed_with_the_error_on_the_history()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();
        var outcome = await _h.RejectAsync(application, "no-experience");
        var calls = 0;
        _h.Host.BeforeApply = (operation, _) => operation == "email" ? new InvalidOperationException($"SMTP 554 rejected ({++calls})") : null;

        _h.Time.Advance(TimeSpan.FromSeconds(10));
        var report = await _h.Dispatcher.DispatchDueAsync();

        calls.Should().Be(3, "one try and two retries");
        report.Failed.Should().Be(1);
        report.Done.Should().Be(4);
        var failed = (await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!))[0];
        failed.State.Should().Be(AutomatedActionState.Failed);
        failed.Detail.Should().Contain("SMTP 554 rejected (3)");
        var record = _h.Host.History.Single(h => h.Entry.Entry.Title.StartsWith("Automatic rejection e-mail failed", StringComparison.Ordinal)).Entry.Entry;
        record.Properties["error"].Should().Contain("SMTP 554");
        _h.Host.EventsOf<AutomatedActionExecuted>().Should().Contain(e => e.State == AutomatedActionState.Failed && e.Detail!.Contains("554"));
        (await _h.Dispatcher.DispatchDueAsync()).Claimed.Should().Be(0, "a failed action is final");
    }

    [Fact]
    public async Task Host_status_that_could_not_be_set_is_written_later_by_the_dispatcher()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();
        _h.Host.BeforeApply = (operation, _) => operation == "setStatus" ? new TimeoutException("host down") : null;

        var outcome = await _h.RejectAsync(application, "no-experience");

        outcome.Status.Should().Be(RejectionStatus.Rejected);
        outcome.HostSynced.Should().BeFalse();
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Active);

        _h.Host.BeforeApply = null;
        _h.Time.Advance(RejectionAutomationDefaults.ClaimLease);
        var report = await _h.Dispatcher.DispatchDueAsync();

        report.Resynced.Should().Be(1);
        report.Done.Should().Be(5);
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        (await _h.Outbox.GetRejectionAsync(Tenant, outcome.RejectionId!))!.HostSynced.Should().BeTrue();
    }

    [Fact]
    public async Task Unreject_cancels_the_delayed_email_with_the_cause_and_keeps_what_ran()
    {
        await _h.SaveRuleAsync(Rule("r", new AddNoteAction { Text = "n" }, Email(SendTimingMode.AfterDelay, TimeSpan.FromDays(2))));
        var application = _h.AddApplication();
        var outcome = await _h.RejectAsync(application, "r");
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await _h.Dispatcher.DispatchDueAsync();

        var result = await _h.Automation.UnrejectAsync(Tenant, application.Id, UnrejectCause.MovedBack);
        _h.Time.Advance(TimeSpan.FromDays(3));
        await _h.Dispatcher.DispatchDueAsync();

        result.RejectionId.Should().Be(outcome.RejectionId);
        result.Cancelled.Should().ContainSingle().Which.ActionIndex.Should().Be(1);
        _h.Host.Emails.Should().BeEmpty();
        _h.Host.Notes.Should().ContainSingle();
        var actions = await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!);
        actions[0].State.Should().Be(AutomatedActionState.Done);
        actions[1].State.Should().Be(AutomatedActionState.Cancelled);
        actions[1].Detail.Should().Be("movedBack");
        _h.Host.History.Should().Contain(h => h.Entry.Entry.Title == "Automatic rejection e-mail cancelled: movedBack");
        (await _h.Outbox.FindActiveAsync(Tenant, application.Id)).Should().BeNull();
        (await _h.Automation.UnrejectAsync(Tenant, application.Id, UnrejectCause.Unrejected)).RejectionId.Should().BeNull();

        // It can be rejected again afterwards.
        (await _h.RejectAsync(application, "r")).Status.Should().Be(RejectionStatus.Rejected);
    }

    [Fact]
    public async Task An_application_moved_back_without_telling_the_sdk_gets_no_email()
    {
        await _h.SaveRuleAsync(Rule("r", Email(SendTimingMode.AfterDelay, TimeSpan.FromDays(1))));
        var application = _h.AddApplication();
        var outcome = await _h.RejectAsync(application, "r");
        _h.Host.Applications[(Tenant, application.Id)] = _h.Host.Applications[(Tenant, application.Id)] with { Status = ApplicationStatus.Active };

        _h.Time.Advance(TimeSpan.FromDays(1));
        var report = await _h.Dispatcher.DispatchDueAsync();

        report.Cancelled.Should().Be(1);
        _h.Host.Emails.Should().BeEmpty();
        (await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!))[0].Detail.Should().Be("applicationNotRejected");
    }

    [Fact]
    public async Task The_delayed_email_waits_in_the_outbox_with_its_due_time()
    {
        await _h.SaveRuleAsync(Rule("r", Email(SendTimingMode.AfterDelay, TimeSpan.FromDays(2))));
        await _h.RejectAsync(_h.AddApplication(), "r");

        _h.Time.Advance(TimeSpan.FromDays(1));
        await _h.Dispatcher.DispatchDueAsync();
        var pending = await _h.Outbox.ListByStateAsync(Tenant, AutomatedActionState.Pending, 10);

        pending.Should().ContainSingle().Which.DueAt.Should().Be(TestServices.Start.AddDays(2));
        _h.Host.Emails.Should().BeEmpty();
        _h.Time.Advance(TimeSpan.FromDays(1));
        (await _h.Dispatcher.DispatchDueAsync()).Done.Should().Be(1);
    }

    [Fact]
    public async Task Drains_more_than_one_batch()
    {
        using var small = new AutomationHarness(o => o.BatchSize = 3);
        await small.SaveRuleAsync(FullRule());
        for (var i = 0; i < 3; i++)
        {
            await small.RejectAsync(small.AddApplication($"N{i} X"), "no-experience");
        }

        small.Time.Advance(TimeSpan.FromSeconds(10));
        var report = await small.Dispatcher.DispatchDueAsync();

        report.Done.Should().Be(15);
        small.Host.Emails.Should().HaveCount(3);
    }
}
