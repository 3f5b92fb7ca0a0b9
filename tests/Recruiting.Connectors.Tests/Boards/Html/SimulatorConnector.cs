using Microsoft.Extensions.DependencyInjection;
using Recruiting.Connectors.Boards;
using Recruiting.Connectors.Boards.Html;
using Recruiting.Samples.BoardSimulator;

namespace Recruiting.Connectors.Tests.Boards.Html;

/// <summary>An HTML connector on the built-in simulator definition, wired the way the SDK registers it, with fast retries.</summary>
internal sealed class SimulatorConnector : IAsyncDisposable
{
    public const string Board = "マイナビ転職";

    private SimulatorConnector(ServiceProvider services, HtmlBoardConnector connector)
    {
        Services = services;
        Connector = connector;
    }

    public ServiceProvider Services { get; }

    public HtmlBoardConnector Connector { get; }

    public static SimulatorConnector Create(Uri baseAddress, Action<BoardConnectorOptions>? configure = null, HtmlBoardDefinition? definition = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        BoardConnectorRegistration.AddHtmlConnector(services, Board, definition ?? HtmlBoardDefinition.LoadBuiltIn("simulator"), o =>
        {
            o.BaseAddress = baseAddress;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RequestsPerSecond = 0;
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        return new SimulatorConnector(provider, (HtmlBoardConnector)provider.GetServices<IBoardConnector>().Single());
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
