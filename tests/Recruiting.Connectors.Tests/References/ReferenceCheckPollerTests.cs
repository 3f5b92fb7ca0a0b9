using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Recruiting.References;
using Recruiting.Testing;

namespace Recruiting.Connectors.Tests.References;

public sealed class ReferenceCheckPollerTests
{
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly MemorySettingsStore _settings = new();
    private readonly RecordingService _service = new();

    public ReferenceCheckPollerTests()
    {
        foreach (var tenant in new[] { "b-tenant", "a-tenant", "broken" })
        {
            _settings.Values[new TenantId(tenant)] = new ReferenceProviderSettings { Tenant = new TenantId(tenant), BaseAddress = new Uri("https://provider.test/") };
        }
    }

    private ReferenceCheckPoller Poller(TimeSpan? interval)
        => new(_service, _settings, Options.Create(new ReferenceCheckOptions { PollInterval = interval }), _time, NullLogger<ReferenceCheckPoller>.Instance);

    [Fact]
    public async Task Every_configured_tenant_is_polled_and_one_failing_tenant_does_not_stop_the_others()
    {
        await Poller(TimeSpan.FromMinutes(5)).PollAllAsync(CancellationToken.None);
        _service.Polled.Should().Equal("a-tenant", "b-tenant", "broken");
    }

    [Fact]
    public async Task The_hosted_service_polls_on_each_interval_of_the_clock()
    {
        using var poller = Poller(TimeSpan.FromMinutes(5));
        await poller.StartAsync(CancellationToken.None);
        _service.Polled.Should().BeEmpty();

        _time.Advance(TimeSpan.FromMinutes(5));
        await _service.Round.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await poller.StopAsync(CancellationToken.None);

        _service.Polled.Should().StartWith(["a-tenant", "b-tenant", "broken"]);
    }

    [Fact]
    public async Task Without_an_interval_the_hosted_service_does_nothing()
    {
        using var poller = Poller(null);
        await poller.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await poller.StopAsync(CancellationToken.None);
        _service.Polled.Should().BeEmpty();
    }

    private sealed class RecordingService : IReferenceCheckService
    {
        private readonly object _gate = new();
        private readonly List<string> _polled = [];

        public TaskCompletionSource Round { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Polled
        {
            get
            {
                lock (_gate)
                {
                    return _polled.ToList();
                }
            }
        }

        public ValueTask<ReferencePollResult> PollAsync(TenantId tenant, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                _polled.Add(tenant.Value);
                if (_polled.Count == 3)
                {
                    Round.TrySetResult();
                }
            }

            return tenant.Value == "broken" ? throw new InvalidOperationException("store gone") : ValueTask.FromResult(new ReferencePollResult(0, 0, 0, 0));
        }

        public ValueTask ConfigureTenantAsync(ReferenceProviderSettings settings, string apiKey, string webhookSecret, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<ReferenceRequestResult> RequestAsync(TenantId tenant, ReferenceCheckRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<ReferenceCheckView>> ListAsync(TenantId tenant, JobId? job = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<ReferenceCallbackResult> HandleCallbackAsync(TenantId tenant, ReferenceCallbackRequest callback, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
