using Microsoft.Extensions.DependencyInjection;
using Recruiting.Connectors.Boards;
using Recruiting.Connectors.Boards.Html;
using Recruiting.Samples.BoardSimulator;

namespace Recruiting.Connectors.Tests.Boards.Html;

/// <summary>An HTML connector on the built-in simulator definition, wired the way the SDK registers it, with fast retries.</summary>
internal sealed class SimulatorConnector : IAsyncDisposable
{
    public const string Board = "マイナビ転職";

    private SimulatorConnector(ServiceProvider services, HtmlBoardConnector connector, RequestProbe? probe)
    {
        Services = services;
        Connector = connector;
        Probe = probe;
    }

    /// <summary>Gets the probe counting the connector's requests in flight, when asked for.</summary>
    public RequestProbe? Probe { get; }

    public ServiceProvider Services { get; }

    public HtmlBoardConnector Connector { get; }

    public static SimulatorConnector Create(Uri baseAddress, Action<BoardConnectorOptions>? configure = null, HtmlBoardDefinition? definition = null, TimeProvider? time = null, bool probe = false)
    {
        var services = new ServiceCollection();
        var requests = probe ? new RequestProbe() : null;
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var client = BoardConnectorRegistration.AddHtmlConnector(services, Board, definition ?? HtmlBoardDefinition.LoadBuiltIn("simulator"), o =>
        {
            o.BaseAddress = baseAddress;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RequestsPerSecond = 0;
            configure?.Invoke(o);
        });
        if (requests is not null)
        {
            client.AddHttpMessageHandler(() => new RequestProbeHandler(requests));
        }

        var provider = services.BuildServiceProvider();
        return new SimulatorConnector(provider, (HtmlBoardConnector)provider.GetServices<IBoardConnector>().Single(), requests);
    }

    public static BoardCredentials Credentials(string loginId, string? password = null)
        => new(new TenantId("t1"), Board, "default", loginId, password ?? BoardSimulatorOptions.PasswordOf(loginId));

    public async Task<List<BoardApplicant>> ReadAllAsync(BoardSession session, BoardWatermark? since = null)
    {
        var all = new List<BoardApplicant>();
        string? page = null;
        do
        {
            var result = await Connector.ListApplicantsAsync(session, since, page);
            all.AddRange(result.Applicants);
            page = result.NextPage;
        }
        while (page is not null);
        return all;
    }

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}

/// <summary>Counts the requests a connector sends and the most of them in flight at once (from sending to the whole answer read).</summary>
internal sealed class RequestProbe
{
    private int _inFlight;
    private int _most;
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public int MostInFlight => Volatile.Read(ref _most);

    public void Begin()
    {
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        int most;
        while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
        }
    }

    public void End() => Interlocked.Decrement(ref _inFlight);
}

/// <summary>The probe in the connector's handler chain: a request counts as in flight until its answer's body is read to the end.</summary>
internal sealed class RequestProbeHandler(RequestProbe probe) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        probe.Begin();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            probe.End();
            throw;
        }

        // The body is buffered here, and the request ends only then: the connector reads it under its gate as well.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        probe.End();
        return response;
    }
}
