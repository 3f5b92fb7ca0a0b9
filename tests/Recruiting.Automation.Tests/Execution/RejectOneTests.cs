using static Recruiting.Automation.Tests.AutomationHarness;

namespace Recruiting.Automation.Tests.Execution;

public sealed class RejectOneTests : IDisposable
{
    private readonly AutomationHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Preview_shows_the_plan_with_the_rendered_email_and_records_nothing()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();

        var preview = await _h.Automation.PreviewAsync(Tenant, application.Id, "no-experience", Recruiter);

        preview.Status.Should().Be(RejectionStatus.Planned);
        preview.Plan!.Actions.Should().HaveCount(5);
        preview.Plan.Actions[0].Email!.Subject.Should().Be("Your application for Backend Developer");
        preview.Plan.Actions[0].Email!.HtmlBody.Should().Contain("Dear Hana Sato").And.Contain("Acme K.K.");
        (await _h.Outbox.FindActiveAsync(Tenant, application.Id)).Should().BeNull();
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Active);
    }

    [Fact]
    public async Task Rejecting_records_queues_sets_status_and_runs_after_the_window()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();

        var outcome = await _h.RejectAsync(application, "no-experience");

        outcome.Status.Should().Be(RejectionStatus.Rejected);
        outcome.HostSynced.Should().BeTrue();
        outcome.CancelUntil.Should().Be(_h.Time.GetUtcNow().AddSeconds(10));
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        var stored = await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!);
        stored.Should().HaveCount(5).And.OnlyContain(a => a.State == AutomatedActionState.Pending);
        (await _h.Outbox.GetRejectionAsync(Tenant, outcome.RejectionId!))!.HostSynced.Should().BeTrue();
        _h.Host.EventsOf<CandidateRejected>().Should().ContainSingle(e => e.RejectionId == outcome.RejectionId && e.WithActions && e.Reason == "no-experience");
        HistoryTitles(application).Should().HaveCount(5).And.OnlyContain(t => t.Contains("queued"));

        // Inside the window nothing runs.
        (await _h.Dispatcher.DispatchDueAsync()).Claimed.Should().Be(0);
        _h.Host.Emails.Should().BeEmpty();

        _h.Time.Advance(TimeSpan.FromSeconds(10));
        var report = await _h.Dispatcher.DispatchDueAsync();

        report.Done.Should().Be(5);
        (await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!)).Should().OnlyContain(a => a.State == AutomatedActionState.Done);
        var mail = _h.Host.Emails.Should().ContainSingle().Subject;
        mail.Key.Should().Be(IdempotencyKey.Create("rejection", outcome.RejectionId!, "0"));
        mail.Message.From.Should().Be("recruiter@acme.example");
        mail.Message.To.Should().Equal("hana@example.jp");
        mail.Message.Application.Should().Be(application.Id);
        HistoryTitles(application).Should().Contain("Automatic rejection e-mail sent");
        var sent = _h.Host.History.Single(h => h.Entry.Entry.Title == "Automatic rejection e-mail sent").Entry.Entry;
        sent.Properties["messageId"].Should().NotBeNullOrEmpty();
        sent.Kind.Should().Be(HistoryEntryKind.DeliveryRecord);
        _h.Host.EventsOf<AutomatedActionExecuted>().Where(e => e.State == AutomatedActionState.Done).Should().HaveCount(5);
        _h.Host.EventsOf<AutomatedActionExecuted>().Where(e => e.State == AutomatedActionState.Running).Should().HaveCount(5);
    }

    [Fact]
    public async Task Every_effect_is_marked_automated_with_its_rule()
    {
        await _h.SaveRuleAsync(FullRule() with { Actions = [.. FullRule().Actions, new AddFollowersAction { Followers = [Hr] }, new AssignToJobAction { Job = OtherJob }] });
        var application = _h.AddApplication();
        var outcome = await _h.RejectAsync(application, "no-experience");
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        (await _h.Dispatcher.DispatchDueAsync()).Done.Should().Be(7);

        var expected = Enumerable.Range(0, 7).Select(i => $"rejection:no-experience:v1:{i}").ToArray();
        _h.Host.Emails.Single().Message.Origin.Should().Be(ActionOrigin.FromRule(expected[0], Recruiter));
        _h.Host.Notes.Single().Note.Origin.Should().Be(ActionOrigin.FromRule(expected[1], Recruiter));
        _h.Host.Notes.Single().Note.Author.Should().Be(Recruiter);
        _h.Host.Notes.Single().Note.Text.Should().Be("Rejected for no experience");
        var task = _h.Host.Tasks.Single().Task;
        task.Origin.Should().Be(ActionOrigin.FromRule(expected[2], Recruiter));
        task.Assignee.Should().Be(Hr);
        task.DueAt.Should().Be(TestServices.Start.AddDays(3));
        _h.Host.Tags.Select(t => t.Tag).Should().Equal("rejected", "silver");
        _h.Host.Tags.Should().OnlyContain(t => t.Origin == ActionOrigin.FromRule(expected[3], Recruiter));
        _h.Host.PoolAssignments.Single().Origin.Should().Be(ActionOrigin.FromRule(expected[4], Recruiter));
        _h.Host.Followers.Single().Origin.Should().Be(ActionOrigin.FromRule(expected[5], Recruiter));
        _h.Host.Applications.Values.Should().Contain(a => a.Job == OtherJob && a.Candidate == application.Candidate);
        _h.Host.History.Where(h => h.Entry.Application == application.Id).Should().OnlyContain(h => h.Entry.Entry.Origin.Automated);
        outcome.Plan!.Actions.Select(a => a.RuleId).Should().Equal(expected);
    }

    [Fact]
    public async Task Cancel_inside_the_window_stops_one_action_and_the_rest_runs()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();
        var outcome = await _h.RejectAsync(application, "no-experience");

        _h.Time.Advance(TimeSpan.FromSeconds(5));
        var cancel = await _h.Automation.CancelAsync(Tenant, outcome.RejectionId!, 0, Recruiter);
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await _h.Dispatcher.DispatchDueAsync();

        cancel.Status.Should().Be(CancelStatus.Cancelled);
        cancel.Cancelled.Should().ContainSingle().Which.ActionIndex.Should().Be(0);
        _h.Host.Emails.Should().BeEmpty();
        _h.Host.Notes.Should().ContainSingle();
        var actions = await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!);
        actions[0].State.Should().Be(AutomatedActionState.Cancelled);
        actions[0].Detail.Should().Contain("recruiter");
        _h.Host.EventsOf<AutomatedActionExecuted>().Should().Contain(e => e.ActionIndex == 0 && e.State == AutomatedActionState.Cancelled);
        HistoryTitles(application).Should().Contain(t => t.StartsWith("Automatic rejection e-mail cancelled", StringComparison.Ordinal));

        // What already ran cannot be cancelled.
        (await _h.Automation.CancelAsync(Tenant, outcome.RejectionId!, null, Recruiter)).Cancelled.Should().BeEmpty();
        (await _h.Automation.CancelAsync(Tenant, "rej_nope", null, Recruiter)).Status.Should().Be(CancelStatus.NotFound);
    }

    [Fact]
    public async Task Unknown_reason_records_nothing()
    {
        var application = _h.AddApplication();

        var outcome = await _h.RejectAsync(application, "no-such-reason");

        outcome.Status.Should().Be(RejectionStatus.UnknownReason);
        (await _h.Outbox.FindActiveAsync(Tenant, application.Id)).Should().BeNull();
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Active);
        _h.Host.EventsOf<CandidateRejected>().Should().BeEmpty();
    }

    [Fact]
    public async Task Reason_deleted_between_preview_and_confirm_records_nothing()
    {
        var rule = await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();
        var preview = await _h.Automation.PreviewAsync(Tenant, application.Id, "no-experience", Recruiter);
        await _h.Rules.DeleteAsync(Tenant, Admin, "no-experience");

        var outcome = await _h.RejectAsync(application, "no-experience", expectedVersion: preview.Plan!.RuleVersion);

        preview.Plan.RuleVersion.Should().Be(rule.Version);
        outcome.Status.Should().Be(RejectionStatus.UnknownReason);
        (await _h.Outbox.FindActiveAsync(Tenant, application.Id)).Should().BeNull();
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Active);
    }

    [Fact]
    public async Task Reason_edited_between_preview_and_confirm_asks_for_a_new_preview()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();
        var preview = await _h.Automation.PreviewAsync(Tenant, application.Id, "no-experience", Recruiter);
        await _h.SaveRuleAsync(Rule("no-experience", new AddNoteAction { Text = "changed" }));

        var outcome = await _h.RejectAsync(application, "no-experience", expectedVersion: preview.Plan!.RuleVersion);

        outcome.Status.Should().Be(RejectionStatus.ReasonChanged);
        (await _h.Outbox.FindActiveAsync(Tenant, application.Id)).Should().BeNull();
    }

    [Fact]
    public async Task A_member_who_left_is_skipped_with_the_reason_and_the_rejection_goes_on()
    {
        _h.Host.AddUser(Tenant, "leaver", "leaver@acme.example", AllActionPermissions);
        await _h.SaveRuleAsync(Rule("r", Email(fixedSender: new UserId("leaver")), new AddNoteAction { Text = "n" }));
        _h.Host.AddUser(Tenant, "leaver", "leaver@acme.example", AllActionPermissions, active: false);
        var application = _h.AddApplication();

        var outcome = await _h.RejectAsync(application, "r");
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await _h.Dispatcher.DispatchDueAsync();

        outcome.Status.Should().Be(RejectionStatus.Rejected);
        outcome.Actions[0].State.Should().Be(AutomatedActionState.Skipped);
        outcome.Actions[0].Detail.Should().StartWith("memberLeft:");
        _h.Host.Emails.Should().BeEmpty();
        _h.Host.Notes.Should().ContainSingle();
        _h.Host.EventsOf<AutomatedActionExecuted>().Should().Contain(e => e.ActionIndex == 0 && e.State == AutomatedActionState.Skipped && e.Detail!.StartsWith("memberLeft", StringComparison.Ordinal));
        HistoryTitles(application).Should().Contain(t => t.StartsWith("Automatic rejection e-mail skipped: memberLeft", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sender_who_leaves_during_the_delay_is_skipped_at_run_time()
    {
        await _h.SaveRuleAsync(Rule("r", Email(SendTimingMode.AfterDelay, TimeSpan.FromDays(2), fixedSender: Hr)));
        var application = _h.AddApplication();
        var outcome = await _h.RejectAsync(application, "r");
        _h.Host.AddUser(Tenant, Hr.Value, "hr@acme.example", AllActionPermissions, active: false);

        _h.Time.Advance(TimeSpan.FromDays(2));
        var report = await _h.Dispatcher.DispatchDueAsync();

        report.Skipped.Should().Be(1);
        _h.Host.Emails.Should().BeEmpty();
        (await _h.Outbox.ListActionsAsync(Tenant, outcome.RejectionId!))[0].Detail.Should().StartWith("memberLeft");
    }

    [Fact]
    public async Task Actions_whose_feature_the_actor_lacks_are_skipped_never_run()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();

        var outcome = await _h.RejectAsync(application, "no-experience", Limited);
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await _h.Dispatcher.DispatchDueAsync();

        outcome.Actions.Where(a => a.State == AutomatedActionState.Skipped).Select(a => a.ActionIndex).Should().Equal(0, 2, 3, 4);
        outcome.Actions[0].Detail.Should().Be($"permissionDenied: The acting user's role lacks the '{Permissions.SendEmail}' permission.");
        _h.Host.Emails.Should().BeEmpty();
        _h.Host.Tasks.Should().BeEmpty();
        _h.Host.Tags.Should().BeEmpty();
        _h.Host.Notes.Should().ContainSingle();
    }

    [Fact]
    public async Task An_actor_without_the_reject_permission_is_refused()
    {
        await _h.SaveRuleAsync(FullRule());
        _h.Host.AddUser(Tenant, "viewer", "viewer@acme.example", [Permissions.SendEmail]);
        var application = _h.AddApplication();

        (await _h.RejectAsync(application, "no-experience", new UserId("viewer"))).Status.Should().Be(RejectionStatus.NotAllowed);
        (await _h.RejectAsync(application, "no-experience", new UserId("nobody"))).Status.Should().Be(RejectionStatus.UnknownActor);
        (await _h.Automation.RejectAsync(new RejectionRequest { Tenant = Tenant, Application = new ApplicationId("nope"), ReasonId = "no-experience", Actor = Recruiter })).Status.Should().Be(RejectionStatus.UnknownApplication);
    }

    [Fact]
    public async Task A_template_error_at_render_time_skips_the_email_and_rejects()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication(unsolicited: true);

        var outcome = await _h.RejectAsync(application, "no-experience");

        outcome.Status.Should().Be(RejectionStatus.Rejected);
        outcome.Actions[0].State.Should().Be(AutomatedActionState.Skipped);
        outcome.Actions[0].Detail.Should().StartWith("templateError:");
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task A_candidate_without_email_gets_the_other_actions()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication(email: null);

        var outcome = await _h.RejectAsync(application, "no-experience");
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        var report = await _h.Dispatcher.DispatchDueAsync();

        outcome.Actions[0].Detail.Should().StartWith("noEmailAddress:");
        report.Done.Should().Be(4);
        _h.Host.Emails.Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_rejection_submitted_twice_queues_nothing_new()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();

        var first = await _h.RejectAsync(application, "no-experience", requestId: "click-1");
        var again = await _h.RejectAsync(application, "no-experience", requestId: "click-1");
        var doubleClick = await _h.RejectAsync(application, "no-experience");
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await _h.Dispatcher.DispatchDueAsync();
        await _h.Dispatcher.DispatchDueAsync();

        again.Status.Should().Be(RejectionStatus.Duplicate);
        again.RejectionId.Should().Be(first.RejectionId);
        doubleClick.Status.Should().Be(RejectionStatus.Duplicate);
        doubleClick.RejectionId.Should().Be(first.RejectionId);
        (await _h.Outbox.ListActionsAsync(Tenant, first.RejectionId!)).Should().HaveCount(5);
        _h.Host.Emails.Should().ContainSingle();
        _h.Host.Tasks.Should().ContainSingle();
        _h.Host.EventsOf<CandidateRejected>().Should().ContainSingle();
    }

    [Fact]
    public async Task Rejecting_without_actions_queues_none()
    {
        await _h.SaveRuleAsync(FullRule());
        var application = _h.AddApplication();

        var outcome = await _h.RejectAsync(application, "no-experience", withActions: false);

        outcome.Actions.Should().BeEmpty();
        _h.Host.EventsOf<CandidateRejected>().Should().ContainSingle(e => !e.WithActions);
        _h.Host.Applications[(Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Rejected);
    }

    private List<string> HistoryTitles(ApplicationInfo application)
        => _h.Host.History.Where(h => h.Entry.Application == application.Id).Select(h => h.Entry.Entry.Title).ToList();
}
