using Recruiting.Testing;

namespace Recruiting.Automation.Tests.Planning;

public sealed class RejectionPlannerTests
{
    private static readonly DateTimeOffset Now = TestServices.Start;
    private static readonly TenantId Tenant = new("acme");

    private readonly RejectionPlanner _planner = new(new TemplateRenderer(), new RejectionAutomationOptions());

    private static UserInfo User(string id, bool active = true, params string[] permissions) => new()
    {
        Id = new UserId(id),
        Tenant = Tenant,
        Email = id + "@acme.example",
        DisplayName = id.ToUpperInvariant(),
        Permissions = new HashSet<string>(permissions.Length == 0 ? AutomationHarness.AllActionPermissions : permissions, StringComparer.Ordinal),
        IsActive = active,
    };

    private static PlanningInput Input(RejectionReasonRule rule, UserInfo? actor = null, CandidateProfile? profile = null, bool withJob = true, bool bulk = false, params UserInfo[] members)
    {
        var candidate = new Candidate(new CandidateId("c1"), Tenant, profile ?? new CandidateProfile { Name = new PersonName("Hana Sato"), Emails = ["hana@example.jp"], Language = "ja-JP" });
        var job = new JobInfo(new JobId("dev"), Tenant, "Backend Developer");
        return new PlanningInput
        {
            Tenant = new TenantInfo { Id = Tenant, Name = "Acme", TimeZoneId = "Asia/Tokyo", DefaultLanguage = "en" },
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"),
            Rule = rule with { Version = 4 },
            Actor = actor ?? User("recruiter"),
            Application = new ApplicationInfo { Id = new ApplicationId("a1"), Tenant = Tenant, Reference = new ApplicationReference("2024-000101"), Candidate = candidate.Id, Job = withJob ? job.Id : null },
            Candidate = candidate,
            Job = withJob ? job : null,
            Members = members.ToDictionary(m => m.Id, m => (UserInfo?)m),
            Jobs = new Dictionary<JobId, JobInfo?> { [job.Id] = job },
            Pools = new Dictionary<TalentPoolId, TalentPoolInfo?> { [AutomationHarness.Pool] = new(AutomationHarness.Pool, "Silver") },
            Now = Now,
            Bulk = bulk,
        };
    }

    [Fact]
    public void Plans_every_action_in_rule_order_after_the_cancel_window()
    {
        var plan = _planner.Plan(Input(AutomationHarness.FullRule(), members: User("hr")));

        plan.Actions.Select(a => a.Kind).Should().Equal(AutomatedActionKind.Email, AutomatedActionKind.Note, AutomatedActionKind.Task, AutomatedActionKind.Tags, AutomatedActionKind.AssignPool);
        plan.Actions.Should().OnlyContain(a => a.State == AutomatedActionState.Pending && a.DueAt == Now.AddSeconds(10));
        plan.CancelUntil.Should().Be(Now.AddSeconds(10));
        plan.Actions[0].RuleId.Should().Be("rejection:no-experience:v4:0");
        plan.RuleVersion.Should().Be(4);
    }

    [Fact]
    public void Renders_the_email_in_the_candidates_language_from_the_acting_user()
    {
        var plan = _planner.Plan(Input(AutomationHarness.FullRule(), members: User("hr")));

        var email = plan.Actions[0].Email!;
        email.Language.Should().Be("ja");
        email.Subject.Should().Be("Backend Developerへのご応募について");
        email.HtmlBody.Should().Contain("Hana Sato 様");
        email.From.Should().Be("recruiter@acme.example");
        email.To.Should().Equal("hana@example.jp");
    }

    [Theory]
    [InlineData("ja", "ja")]
    [InlineData("JA-jp", "ja")]
    [InlineData("fr", "en")]
    [InlineData(null, "en")]
    public void Picks_the_variant_by_language_then_tenant_language(string? language, string expected)
    {
        var variants = AutomationHarness.Email().Templates;

        RejectionPlanner.PickVariant(variants, language, "en").Language.Should().Be(expected);
    }

    [Fact]
    public void Falls_back_to_the_first_variant()
    {
        RejectionPlanner.PickVariant([new EmailTemplateVariant("de", "s", "b"), new EmailTemplateVariant("fr", "s", "b")], "ja", "en").Language.Should().Be("de");
    }

    [Fact]
    public void Skips_actions_whose_feature_the_actor_lacks()
    {
        var limited = User("limited", true, Permissions.Reject, Permissions.AddNotes);

        var plan = _planner.Plan(Input(AutomationHarness.FullRule(), limited, members: User("hr")));

        plan.Actions[0].State.Should().Be(AutomatedActionState.Skipped);
        plan.Actions[0].SkipReason.Should().Be(ActionSkipReason.PermissionDenied);
        plan.Actions[0].Detail.Should().Contain(Permissions.SendEmail);
        plan.Actions[0].Email.Should().BeNull();
        plan.Actions[1].State.Should().Be(AutomatedActionState.Pending);
        plan.Actions.Skip(2).Should().OnlyContain(a => a.SkipReason == ActionSkipReason.PermissionDenied);
    }

    [Fact]
    public void A_fixed_sender_who_has_left_skips_the_email_with_the_reason()
    {
        var rule = AutomationHarness.Rule("r", AutomationHarness.Email(fixedSender: new UserId("gone")), new AddNoteAction { Text = "n" });

        var plan = _planner.Plan(Input(rule, members: User("gone", active: false)));

        plan.Actions[0].SkipReason.Should().Be(ActionSkipReason.MemberLeft);
        plan.Actions[1].State.Should().Be(AutomatedActionState.Pending);
    }

    [Fact]
    public void An_unknown_task_assignee_skips_the_task()
    {
        var rule = AutomationHarness.Rule("r", new AddTaskAction { Title = "t", Assignee = new UserId("nobody"), DueAfter = TimeSpan.FromDays(1) });

        _planner.Plan(Input(rule)).Actions[0].SkipReason.Should().Be(ActionSkipReason.UnknownMember);
    }

    [Fact]
    public void A_candidate_without_email_skips_the_email_only()
    {
        var plan = _planner.Plan(Input(AutomationHarness.FullRule(), profile: new CandidateProfile { Name = new PersonName("No Mail") }, members: User("hr")));

        plan.Actions[0].SkipReason.Should().Be(ActionSkipReason.NoEmailAddress);
        plan.Actions.Skip(1).Should().OnlyContain(a => a.State == AutomatedActionState.Pending);
    }

    [Fact]
    public void A_template_error_at_render_time_skips_with_the_error()
    {
        // Valid when saved (the sample model has a job); this application is unsolicited.
        var plan = _planner.Plan(Input(AutomationHarness.FullRule(), withJob: false, members: User("hr")));

        plan.Actions[0].SkipReason.Should().Be(ActionSkipReason.TemplateError);
        plan.Actions[0].Detail.Should().Contain("title is undefined");
        plan.Actions[1].State.Should().Be(AutomatedActionState.Pending);
    }

    [Fact]
    public void Delayed_and_working_hours_emails_are_due_later()
    {
        var rule = AutomationHarness.Rule("r", AutomationHarness.Email(SendTimingMode.AfterDelay, TimeSpan.FromDays(2)), AutomationHarness.Email(SendTimingMode.NextWorkingHours));

        var plan = _planner.Plan(Input(rule));

        plan.Actions[0].DueAt.Should().Be(Now.AddDays(2));
        // Now is 18:00 in Tokyo on a Monday: the next slot is Tuesday 09:00 JST.
        plan.Actions[1].DueAt.Should().Be(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Task_due_dates_are_relative_or_fixed()
    {
        var fixedDue = new DateTimeOffset(2026, 12, 24, 12, 0, 0, TimeSpan.Zero);
        var rule = AutomationHarness.Rule("r", new AddTaskAction { Title = "a", DueAfter = TimeSpan.FromDays(3) }, new AddTaskAction { Title = "b", DueAt = fixedDue });

        var plan = _planner.Plan(Input(rule));

        TaskPayloadOf(plan.Actions[0]).DueAt.Should().Be(Now.AddDays(3));
        TaskPayloadOf(plan.Actions[1]).DueAt.Should().Be(fixedDue);
        TaskPayloadOf(plan.Actions[0]).Assignee.Should().Be(new UserId("recruiter"));
    }

    [Fact]
    public void Followers_who_left_are_left_out_and_only_all_left_skips()
    {
        var some = AutomationHarness.Rule("r", new AddFollowersAction { Followers = [new UserId("hr"), new UserId("gone")] });
        var all = AutomationHarness.Rule("r", new AddFollowersAction { Followers = [new UserId("gone")] });

        var partial = _planner.Plan(Input(some, members: [User("hr"), User("gone", active: false)])).Actions[0];
        var none = _planner.Plan(Input(all, members: User("gone", active: false))).Actions[0];

        partial.State.Should().Be(AutomatedActionState.Pending);
        ((FollowersPayload)ActionPayload.Deserialize(partial.Payload)).Followers.Should().Equal(new UserId("hr"));
        partial.Detail.Should().Contain("gone");
        none.SkipReason.Should().Be(ActionSkipReason.MemberLeft);
    }

    [Fact]
    public void A_job_deleted_since_the_rule_was_saved_skips_the_assignment()
    {
        var rule = AutomationHarness.Rule("r", new AssignToJobAction { Job = new JobId("deleted") }, new AssignToJobAction { Job = new JobId("dev") });

        var plan = _planner.Plan(Input(rule));

        plan.Actions[0].SkipReason.Should().Be(ActionSkipReason.UnknownJob);
        plan.Actions[1].State.Should().Be(AutomatedActionState.Pending);
    }

    [Fact]
    public void A_bulk_has_no_cancel_window()
    {
        var plan = _planner.Plan(Input(AutomationHarness.FullRule(), bulk: true, members: User("hr")));

        plan.CancelUntil.Should().Be(Now);
        plan.Actions[1].DueAt.Should().Be(Now);
    }

    [Fact]
    public void Payloads_round_trip_through_json()
    {
        var plan = _planner.Plan(Input(AutomationHarness.FullRule(), members: User("hr")));

        foreach (var action in plan.Actions)
        {
            var payload = ActionPayload.Deserialize(action.Payload);
            payload.Candidate.Should().Be(new CandidateId("c1"));
            payload.Actor.Should().Be(new UserId("recruiter"));
        }

        ((EmailPayload)ActionPayload.Deserialize(plan.Actions[0].Payload)).Email.Should().BeEquivalentTo(plan.Actions[0].Email);
    }

    private static TaskPayload TaskPayloadOf(PlannedAction action) => (TaskPayload)ActionPayload.Deserialize(action.Payload);
}
