using static Recruiting.Automation.Tests.AutomationHarness;

namespace Recruiting.Automation.Tests.Execution;

public sealed class BulkRejectionTests : IDisposable
{
    private readonly AutomationHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Plans_grouped_by_reason_and_reports_problems()
    {
        await _h.SaveRuleAsync(FullRule());
        await _h.SaveRuleAsync(Rule("overqualified", new AddTagsAction { Tags = ["overqualified"] }));
        var a = _h.AddApplication("A One");
        var b = _h.AddApplication("B Two");
        var c = _h.AddApplication("C Three");

        var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter,
            [new(a.Id, "no-experience"), new(b.Id, "overqualified"), new(c.Id, "no-experience"), new(new ApplicationId("ghost"), "no-experience"), new(a.Id, "nope")]);

        plan.Groups.Select(g => (g.ReasonId, g.Plans.Count)).Should().BeEquivalentTo(new[] { ("no-experience", 2), ("overqualified", 1) });
        plan.Groups.Single(g => g.ReasonId == "no-experience").Plans.Should().OnlyContain(p => p.Actions.Count == 5 && p.CancelUntil == p.PlannedAt);
        plan.Problems.Select(p => p.Status).Should().BeEquivalentTo([RejectionStatus.UnknownApplication, RejectionStatus.UnknownReason]);
        (await _h.Outbox.FindActiveAsync(Tenant, a.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Confirm_with_actions_runs_them_without_a_cancel_window_and_there_is_no_undo()
    {
        await _h.SaveRuleAsync(FullRule());
        var a = _h.AddApplication("A One");
        var b = _h.AddApplication("B Two");
        var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience"), new(b.Id, "no-experience")]);

        var result = await _h.Automation.ConfirmBulkAsync(plan, withActions: true);
        var cancel = await _h.Automation.CancelAsync(Tenant, result.Outcomes[0].RejectionId!, null, Recruiter);
        var report = await _h.Dispatcher.DispatchDueAsync();

        result.Rejected.Should().Be(2);
        cancel.Status.Should().Be(CancelStatus.NotCancellable);
        report.Done.Should().Be(10);
        _h.Host.Emails.Should().HaveCount(2);
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        _h.Host.Applications[(Tenant, b.Id)].Status.Should().Be(ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task Confirm_without_actions_only_rejects()
    {
        await _h.SaveRuleAsync(FullRule());
        var a = _h.AddApplication();
        var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience")]);

        var result = await _h.Automation.ConfirmBulkAsync(plan, withActions: false);
        var report = await _h.Dispatcher.DispatchDueAsync();

        result.Outcomes.Should().ContainSingle().Which.Actions.Should().BeEmpty();
        report.Claimed.Should().Be(0);
        _h.Host.EventsOf<CandidateRejected>().Should().ContainSingle(e => !e.WithActions);
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task A_reason_deleted_or_edited_before_confirmation_is_reported_per_item()
    {
        await _h.SaveRuleAsync(FullRule());
        await _h.SaveRuleAsync(Rule("overqualified", new AddTagsAction { Tags = ["x"] }));
        await _h.SaveRuleAsync(Rule("keep", new AddTagsAction { Tags = ["y"] }));
        var a = _h.AddApplication("A One");
        var b = _h.AddApplication("B Two");
        var c = _h.AddApplication("C Three");
        var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience"), new(b.Id, "overqualified"), new(c.Id, "keep")]);
        await _h.Rules.DeleteAsync(Tenant, Admin, "no-experience");
        await _h.SaveRuleAsync(Rule("overqualified", new AddTagsAction { Tags = ["changed"] }));

        var result = await _h.Automation.ConfirmBulkAsync(plan, withActions: true);

        result.Outcomes.Single(o => o.Application == a.Id).Status.Should().Be(RejectionStatus.UnknownReason);
        result.Outcomes.Single(o => o.Application == b.Id).Status.Should().Be(RejectionStatus.ReasonChanged);
        result.Outcomes.Single(o => o.Application == c.Id).Status.Should().Be(RejectionStatus.Rejected);
        _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Active);
    }

    [Fact]
    public async Task An_application_already_rejected_is_a_duplicate_in_the_bulk()
    {
        await _h.SaveRuleAsync(FullRule());
        var a = _h.AddApplication("A One");
        var b = _h.AddApplication("B Two");
        await _h.RejectAsync(a, "no-experience");
        var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience"), new(b.Id, "no-experience")]);

        var result = await _h.Automation.ConfirmBulkAsync(plan, withActions: true);

        result.Outcomes.Select(o => o.Status).Should().Equal(RejectionStatus.Duplicate, RejectionStatus.Rejected);
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await _h.Dispatcher.DispatchDueAsync();
        _h.Host.Emails.Should().HaveCount(2);
    }
    [Fact]
    public async Task Confirm_reuses_the_previewed_content_and_moves_its_times_to_the_confirmation()
    {
        await _h.SaveRuleAsync(FullRule());
        var a = _h.AddApplication("A One");
        var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience")]);
        _h.Time.Advance(TimeSpan.FromHours(1));
        var confirmedAt = _h.Time.GetUtcNow();

        var result = await _h.Automation.ConfirmBulkAsync(plan, withActions: true);

        var confirmed = result.Outcomes.Should().ContainSingle().Which.Plan!;
        confirmed.PlannedAt.Should().Be(confirmedAt);
        confirmed.Actions[0].Email.Should().BeSameAs(plan.Groups[0].Plans[0].Actions[0].Email, "the previewed e-mail is reused, not rendered again");
        var stored = await _h.Outbox.ListActionsAsync(Tenant, result.Outcomes[0].RejectionId!);
        stored.Should().HaveCount(5).And.OnlyContain(x => x.DueAt == confirmedAt);
        ((TaskPayload)ActionPayload.Deserialize(stored[2].Payload)).DueAt.Should().Be(confirmedAt.AddDays(3));
    }

    [Fact]
    public async Task A_candidate_changed_before_confirmation_is_planned_again()
    {
        await _h.SaveRuleAsync(FullRule());
        var a = _h.AddApplication("A One");
        var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience")]);
        var candidate = _h.Host.Candidates[(Tenant, a.Candidate)];
        _h.Host.Candidates[(Tenant, a.Candidate)] = candidate with { Profile = candidate.Profile with { Name = new PersonName("Renamed Person") } };

        var result = await _h.Automation.ConfirmBulkAsync(plan, withActions: true);

        result.Outcomes.Should().ContainSingle().Which.Plan!.Actions[0].Email!.HtmlBody.Should().Contain("Renamed Person");
    }
}
