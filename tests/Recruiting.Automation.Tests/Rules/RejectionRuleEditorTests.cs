using static Recruiting.Automation.Tests.AutomationHarness;

namespace Recruiting.Automation.Tests.Rules;

public sealed class RejectionRuleEditorTests : IDisposable
{
    private readonly AutomationHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Saves_versions_and_keeps_the_old_ones()
    {
        var v1 = await _h.SaveRuleAsync(FullRule());
        var v2 = await _h.SaveRuleAsync(FullRule() with { Name = "Not enough experience" });

        v1.Version.Should().Be(1);
        v2.Version.Should().Be(2);
        v2.SavedBy.Should().Be(Admin);
        (await _h.Rules.GetAsync(Tenant, "no-experience"))!.Name.Should().Be("Not enough experience");
        var old = await _h.Provider.GetRequiredService<IRejectionRuleStore>().GetVersionAsync(Tenant, "no-experience", 1);
        old!.Name.Should().Be("no experience");
        old.Actions.Should().BeEquivalentTo(FullRule().Actions, o => o.RespectingRuntimeTypes());
    }

    [Theory]
    [InlineData(Permissions.ManageAutomaticActions)]
    [InlineData(Permissions.EditJobs)]
    public async Task Editing_needs_both_permissions(string only)
    {
        _h.Host.AddUser(Tenant, "half", "half@acme.example", [only]);

        var result = await _h.Rules.SaveAsync(Tenant, new UserId("half"), FullRule(), 0);

        result.Status.Should().Be(RuleSaveStatus.Forbidden);
        result.Errors.Should().ContainSingle().Which.Code.Should().Be(RuleErrorCode.PermissionMissing);
        (await _h.Rules.GetAsync(Tenant, "no-experience")).Should().BeNull();
        (await _h.Rules.DeleteAsync(Tenant, new UserId("half"), "no-experience")).Status.Should().Be(RuleSaveStatus.Forbidden);
    }

    [Fact]
    public async Task An_editor_who_left_is_forbidden()
    {
        _h.Host.AddUser(Tenant, "ex-admin", "x@acme.example", [Permissions.ManageAutomaticActions, Permissions.EditJobs], active: false);

        (await _h.Rules.SaveAsync(Tenant, new UserId("ex-admin"), FullRule(), 0)).Status.Should().Be(RuleSaveStatus.Forbidden);
    }

    [Fact]
    public async Task Reports_every_problem_and_saves_nothing()
    {
        var rule = Rule(
            "bad",
            Email(fixedSender: new UserId("nobody")),
            Email(fixedSender: Gone),
            new AssignToJobAction { Job = new JobId("no-such-job") },
            new AssignToTalentPoolAction { Pool = new TalentPoolId("no-such-pool") },
            new SendEmailAction { Templates = [new EmailTemplateVariant("en", "Hi {{candidate.name}", "<p>x</p>")] },
            new SendEmailAction { Templates = [new EmailTemplateVariant("en", "Hi", "<p>{{candidate.salary}}</p>")] },
            Email(SendTimingMode.AfterDelay, TimeSpan.FromDays(90)),
            Email(SendTimingMode.AfterDelay),
            new AddTaskAction { Title = "t", DueAfter = TimeSpan.FromDays(-1) },
            new AddTaskAction { Title = "t" },
            new AddTagsAction { Tags = [] },
            new AddFollowersAction { Followers = [Gone] });

        var result = await _h.Rules.SaveAsync(Tenant, Admin, rule, 0);

        result.Status.Should().Be(RuleSaveStatus.Invalid);
        result.Errors.Select(e => (e.ActionIndex, e.Code)).Should().BeEquivalentTo(new (int?, RuleErrorCode)[]
        {
            (0, RuleErrorCode.UnknownMember),
            (1, RuleErrorCode.MemberLeft),
            (2, RuleErrorCode.UnknownJob),
            (3, RuleErrorCode.UnknownPool),
            (4, RuleErrorCode.TemplateInvalid),
            (5, RuleErrorCode.TemplateInvalid),
            (6, RuleErrorCode.DelayOutOfRange),
            (7, RuleErrorCode.DelayOutOfRange),
            (8, RuleErrorCode.DelayOutOfRange),
            (9, RuleErrorCode.DueDateInvalid),
            (10, RuleErrorCode.EmptyList),
            (11, RuleErrorCode.MemberLeft),
        });
        (await _h.Rules.GetAsync(Tenant, "bad")).Should().BeNull();
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict()
    {
        await _h.SaveRuleAsync(FullRule());

        var result = await _h.Rules.SaveAsync(Tenant, Admin, FullRule() with { Name = "late" }, 0);

        result.Status.Should().Be(RuleSaveStatus.Conflict);
        (await _h.Rules.GetAsync(Tenant, "no-experience"))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task Deleted_reasons_disappear_but_their_versions_stay()
    {
        await _h.SaveRuleAsync(FullRule());
        await _h.SaveRuleAsync(Rule("other"));

        (await _h.Rules.DeleteAsync(Tenant, Admin, "no-experience")).Status.Should().Be(RuleSaveStatus.Saved);
        (await _h.Rules.DeleteAsync(Tenant, Admin, "no-experience")).Status.Should().Be(RuleSaveStatus.NotFound);

        (await _h.Rules.GetAsync(Tenant, "no-experience")).Should().BeNull();
        (await _h.Rules.ListAsync(Tenant)).Select(r => r.ReasonId).Should().Equal("other");
        (await _h.Provider.GetRequiredService<IRejectionRuleStore>().GetVersionAsync(Tenant, "no-experience", 1)).Should().NotBeNull();
        // Saving it again from scratch revives it with the next version.
        (await _h.Rules.SaveAsync(Tenant, Admin, FullRule(), 0)).Rule!.Version.Should().Be(3);
    }

    [Fact]
    public async Task Rules_are_per_tenant()
    {
        await _h.SaveRuleAsync(FullRule());

        (await _h.Rules.GetAsync(new TenantId("other"), "no-experience")).Should().BeNull();
    }
}
