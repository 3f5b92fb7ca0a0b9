using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Recruiting.Automation.Tests.AutomationHarness;

namespace Recruiting.Automation.Tests.DependencyInjection;

public sealed class AddRejectionAutomationTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var options = new RejectionAutomationOptions();

        options.CancelWindow.Should().Be(TimeSpan.FromSeconds(10));
        options.WorkingDays.Should().HaveCount(5);
        options.MaxRetryAttempts.Should().Be(3);
    }

    [Theory]
    [InlineData("window")]
    [InlineData("hours")]
    [InlineData("batch")]
    [InlineData("delays")]
    public void Invalid_options_fail_on_start(string problem)
    {
        using var temp = new TestTempDirectory();
        var services = TestServices.Create(Seed(new InMemoryHost()));
        services.AddRecruiting().UseSqliteStorage(temp.File("r.db")).AddRejectionAutomation(o =>
        {
            switch (problem)
            {
                case "window": o.CancelWindow = TimeSpan.FromHours(2); break;
                case "hours": o.WorkingHoursEnd = new TimeOnly(8, 0); break;
                case "batch": o.BatchSize = 0; break;
                default: o.MinEmailDelay = TimeSpan.FromHours(23); o.MaxEmailDelay = TimeSpan.FromHours(2); break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void Registering_twice_is_harmless()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddRejectionAutomation().AddRejectionAutomation();

        services.Count(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(RejectionDispatcherService)).Should().Be(1);
        services.Count(s => s.ServiceType == typeof(IRejectionAutomation)).Should().Be(1);
    }

    [Fact]
    public async Task The_hosted_dispatcher_runs_due_actions_on_the_time_provider()
    {
        using var temp = new TestTempDirectory();
        var time = new FakeTimeProvider(TestServices.Start);
        var host = Seed(new InMemoryHost());
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        foreach (var descriptor in TestServices.Create(host, time))
        {
            builder.Services.Add(descriptor);
        }

        builder.Services.AddRecruiting().UseSqliteStorage(temp.File("r.db")).AddRejectionAutomation(o => o.PollInterval = TimeSpan.FromSeconds(1));
        using var app = builder.Build();
        var sent = new TaskCompletionSource();
        host.AfterApply = (operation, _) =>
        {
            if (operation == "email")
            {
                sent.TrySetResult();
            }

            return null;
        };

        await app.StartAsync();
        var rules = app.Services.GetRequiredService<IRejectionRuleEditor>();
        (await rules.SaveAsync(Tenant, Admin, FullRule(), 0)).Status.Should().Be(RuleSaveStatus.Saved);
        var candidate = host.AddCandidate(Tenant, "c", new CandidateProfile { Name = new PersonName("A B"), Emails = ["a@b.example"] });
        var application = host.AddApplication(Tenant, "a", "2024-000001", candidate.Id, Job);
        await app.Services.GetRequiredService<IRejectionAutomation>().RejectAsync(new RejectionRequest { Tenant = Tenant, Application = application.Id, ReasonId = "no-experience", Actor = Recruiter });

        for (var i = 0; i < 50 && !sent.Task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            try
            {
                // Waits on the signal (not a sleep): the timer's tick runs the dispatcher on the thread pool.
                await sent.Task.WaitAsync(TimeSpan.FromMilliseconds(200), TimeProvider.System);
            }
            catch (TimeoutException)
            {
            }
        }

        await app.StopAsync();
        sent.Task.IsCompleted.Should().BeTrue();
        host.Emails.Should().ContainSingle();
    }

    [Fact]
    public async Task Counts_actions_on_the_automation_meter()
    {
        var measurements = new List<(string Instrument, long Value, string? State)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RecruitingTelemetry.Automation)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? state = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "state")
                {
                    state = tag.Value as string;
                }
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, state));
            }
        });
        listener.Start();
        using var h = new AutomationHarness();
        await h.SaveRuleAsync(FullRule());
        await h.RejectAsync(h.AddApplication(), "no-experience");
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.Dispatcher.DispatchDueAsync();

        lock (measurements)
        {
            measurements.Should().Contain(m => m.Instrument == "recruiting.automation.rejections");
            measurements.Count(m => m.Instrument == "recruiting.automation.actions" && m.State == "done").Should().BeGreaterThanOrEqualTo(5);
            measurements.Count(m => m.Instrument == "recruiting.automation.actions" && m.State == "pending").Should().BeGreaterThanOrEqualTo(5);
        }
    }
}
