using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recruiting.Testing;

namespace Recruiting.ClientAccess.Tests.DependencyInjection;

public sealed class AddClientAccessTests
{
    private static ServiceProvider Build(Action<ClientAccessOptions> configure, bool twice = false)
    {
        var host = new InMemoryHost();
        var services = TestServices.Create(host);
        var builder = services.AddRecruiting().UseSqliteStorage(Path.Combine(Path.GetTempPath(), "never-opened-" + Guid.NewGuid().ToString("N") + ".db")).AddClientAccess(configure);
        if (twice)
        {
            builder.AddClientAccess(_ => { });
        }

        return services.BuildServiceProvider();
    }

    [Fact]
    public void MissingAccessLink_FailsValidation()
    {
        using var provider = Build(_ => { });

        var act = () => provider.GetRequiredService<IOptions<ClientAccessOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*AccessLinkBase*");
    }

    [Fact]
    public void BadLinkRegionAndLifetime_AreAllReported()
    {
        using var provider = Build(o =>
        {
            o.AccessLinkBase = new Uri("ftp://ats.example/accept");
            o.PhoneRegions.Add("XX");
            o.InvitationLifetime = TimeSpan.FromSeconds(1);
        });

        var act = () => provider.GetRequiredService<IOptions<ClientAccessOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(3);
    }

    [Fact]
    public void ValidOptions_ResolveEveryServiceOnce_AndHandlersAreNotDuplicated()
    {
        using var provider = Build(o => o.AccessLinkBase = new Uri("https://ats.example/accept"), twice: true);

        provider.GetRequiredService<ClientPortal>().Should().NotBeNull();
        provider.GetRequiredService<ClientAdministration>().Should().NotBeNull();
        provider.GetRequiredService<InterviewNotifications>().Should().NotBeNull();
        provider.GetServices<IClientAccessHandler>().Should().HaveCount(5);
    }

    [Fact]
    public async Task Meter_CountsDecisions()
    {
        using var host = new ClientAccessTestHost().Seed();
        var client = await host.AddClientAsync(ClientAccessTestHost.Tenant, "c1", hide: true, new JobId("job-1"));
        long decisions = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RecruitingTelemetry.ClientAccess && instrument.Name == "recruiting.clientaccess.decisions")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref decisions, value));
        listener.Start();

        await host.Portal.AuthorizeAsync(ClientAccessTestHost.PrincipalOf(client), new VacancyResource(new JobId("job-1")));

        decisions.Should().BeGreaterThanOrEqualTo(1);
    }
}
