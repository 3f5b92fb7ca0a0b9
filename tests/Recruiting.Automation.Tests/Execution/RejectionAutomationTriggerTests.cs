using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Automation.Tests.Execution;

/// <summary>A rejection recorded elsewhere (a hiring client's move to a rejected stage) runs the reason's automation once.</summary>
public sealed class RejectionAutomationTriggerTests : IDisposable
{
    private readonly AutomationHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private IRejectionAutomationTrigger Trigger => _harness.Provider.GetRequiredService<IRejectionAutomationTrigger>();

    private RejectionRecorded Recorded(ApplicationInfo application, UserId? owner, string id = "client-rej-1")
        => new(AutomationHarness.Tenant, id, application.Id, "no-experience", owner, new ActionOrigin(false, null, owner), _harness.Time.GetUtcNow());

    [Fact]
    public async Task ARecordedRejection_QueuesTheReasonsActions_AsTheOwner_Once()
    {
        await _harness.SaveRuleAsync(AutomationHarness.FullRule());
        var application = _harness.AddApplication();

        var first = await Trigger.OnRejectedAsync(Recorded(application, AutomationHarness.Recruiter));
        var again = await Trigger.OnRejectedAsync(Recorded(application, AutomationHarness.Recruiter));

        first.Should().BeTrue();
        again.Should().BeFalse("the same recorded rejection queues nothing twice");
        var actions = (await _harness.Outbox.ListByStateAsync(AutomationHarness.Tenant, AutomatedActionState.Pending, 100)).Where(a => a.Application == application.Id).ToList();
        actions.Should().HaveCount(5);
        _harness.Host.Applications[(AutomationHarness.Tenant, application.Id)].Status.Should().Be(ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task ARejectionWithoutOwner_RunsNothing()
    {
        await _harness.SaveRuleAsync(AutomationHarness.FullRule());
        var application = _harness.AddApplication();

        (await Trigger.OnRejectedAsync(Recorded(application, owner: null))).Should().BeFalse();
        (await _harness.Outbox.ListByStateAsync(AutomationHarness.Tenant, AutomatedActionState.Pending, 100)).Should().BeEmpty();
    }
}
