using Microsoft.Extensions.DependencyInjection;
using Recruiting.Testing;

namespace Recruiting.Abstractions.Tests.Notifications;

public class EventPublisherTests
{
    private sealed class ThrowingSink : IRecruitingEventSink
    {
        public ValueTask PublishAsync(RecruitingEvent recruitingEvent, CancellationToken cancellationToken = default) => throw new InvalidOperationException("sink down");
    }

    [Fact]
    public async Task Publish_ReachesEverySink_EvenWhenOneThrows()
    {
        var host = new InMemoryHost();
        var services = TestServices.Create(host);
        services.AddSingleton<IRecruitingEventSink, ThrowingSink>();
        services.AddRecruiting();
        using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<EventPublisher>();
        var evt = new MailQuarantined(new TenantId("t"), TestServices.Start, "q1", "noReference", null);

        await publisher.PublishAsync(evt);

        host.Events.Should().ContainSingle().Which.Should().Be(evt);
    }
}
