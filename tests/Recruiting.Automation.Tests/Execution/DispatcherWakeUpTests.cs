using Microsoft.Extensions.Hosting;
using static Recruiting.Automation.Tests.AutomationHarness;

namespace Recruiting.Automation.Tests.Execution;

/// <summary>
/// A confirmed bulk leaves its host side to the dispatcher; the hosted dispatcher is woken at once instead of at its
/// next poll, so the host shows the rejections without waiting. Time never advances here: without the wake-up the
/// poll timer (on the fake clock) never fires and the host side is never written.
/// </summary>
public sealed class DispatcherWakeUpTests : IDisposable
{
    private readonly AutomationHarness _h = new(o => o.PollInterval = TimeSpan.FromMinutes(5));

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_confirmed_bulk_wakes_the_hosted_dispatcher_before_its_next_poll()
    {
        await _h.SaveRuleAsync(FullRule());
        var a = _h.AddApplication("A One");
        var b = _h.AddApplication("B Two");
        var rejected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Host.EventPublished = e =>
        {
            if (e is CandidateRejected && _h.Host.EventsOf<CandidateRejected>().Count == 2)
            {
                rejected.TrySetResult();
            }
        };

        var service = _h.Provider.GetServices<IHostedService>().OfType<RejectionDispatcherService>().Single();
        await service.StartAsync(CancellationToken.None);
        try
        {
            var plan = await _h.Automation.PlanBulkAsync(Tenant, Recruiter, [new(a.Id, "no-experience"), new(b.Id, "no-experience")]);
            var result = await _h.Automation.ConfirmBulkAsync(plan, withActions: true);
            result.Outcomes.Should().OnlyContain(o => !o.HostSynced);

            // A generous guard against a hang, not a wait: the wake-up makes this complete at once.
            await rejected.Task.WaitAsync(TimeSpan.FromSeconds(30));
            _h.Host.Applications[(Tenant, a.Id)].Status.Should().Be(ApplicationStatus.Rejected);
            _h.Host.Applications[(Tenant, b.Id)].Status.Should().Be(ApplicationStatus.Rejected);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Signals_coalesce_and_a_signal_after_disposal_is_ignored()
    {
        var wakeUp = new DispatcherWakeUp();
        wakeUp.Signal();
        wakeUp.Signal();
        wakeUp.WaitAsync(CancellationToken.None).IsCompleted.Should().BeTrue();
        wakeUp.WaitAsync(CancellationToken.None).IsCompleted.Should().BeFalse("two signals before a wait make one wake-up");
        wakeUp.Dispose();
        wakeUp.Invoking(w => w.Signal()).Should().NotThrow();
    }
}
