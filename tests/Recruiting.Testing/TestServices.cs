using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Recruiting.Testing;

/// <summary>Builds a service provider the way a host would, with an in-memory host and a fake clock.</summary>
public static class TestServices
{
    /// <summary>The instant fake clocks start at: 2026-11-23 09:00 UTC (18:00 in Tokyo).</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static ServiceCollection Create(InMemoryHost host, FakeTimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(Start));
        host.Register(services);
        return services;
    }
}
