using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Recruiting.Connectors.Boards.Html;

namespace Recruiting.Connectors.Boards;

/// <summary>The registration core of board connectors: named options, the named <see cref="HttpClient"/> and the resilience pipelines.</summary>
internal static class BoardConnectorRegistration
{
    /// <summary>Adds what every board connector needs (once).</summary>
    public static void AddBoardHttp(IServiceCollection services)
    {
        services.AddHttpClient();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BoardResiliencePipelines>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BoardConnectorOptions>, BoardConnectorOptionsValidator>());
    }

    /// <summary>Adds a board's options and its named <see cref="HttpClient"/>.</summary>
    public static IHttpClientBuilder AddBoardClient(IServiceCollection services, string board, Action<BoardConnectorOptions>? configure)
    {
        AddBoardHttp(services);
        var options = services.AddOptions<BoardConnectorOptions>(board).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // No per-request logging of IHttpClientFactory: board addresses name applicants (personal data), a run reads
        // thousands of pages, and the SDK logs runs, failures and health itself. A host wanting it calls AddDefaultLogger().
        return services.AddHttpClient(HtmlBoardConnector.HttpClientName(board))
            .RemoveAllLoggers()
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan) // the pipeline's timeout rules
            .ConfigurePrimaryHttpMessageHandler(BoardSessionHandler.CreatePrimaryHandler)
            .AddHttpMessageHandler(() => new BoardSessionHandler());
    }

    /// <summary>Adds an HTML connector for a board from a definition (copied, with its board name set to <paramref name="board"/>).</summary>
    public static IHttpClientBuilder AddHtmlConnector(IServiceCollection services, string board, HtmlBoardDefinition definition, Action<BoardConnectorOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(board);
        ArgumentNullException.ThrowIfNull(definition);
        var copy = JsonSerializer.Deserialize<HtmlBoardDefinition>(definition.ToJson(), HtmlBoardDefinition.JsonOptions)!;
        copy.Board = board;
        var problems = copy.Validate();
        if (problems.Count > 0)
        {
            throw new HtmlBoardDefinitionException($"The board definition of '{board}' is incomplete: " + string.Join(" ", problems));
        }

        var client = AddBoardClient(services, board, configure);
        services.AddSingleton<IBoardConnector>(sp => new HtmlBoardConnector(
            copy,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<BoardResiliencePipelines>(),
            sp.GetRequiredService<IOptionsMonitor<BoardConnectorOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return client;
    }
}

/// <summary>Validates every named <see cref="BoardConnectorOptions"/>; the failure lists every problem.</summary>
internal sealed class BoardConnectorOptionsValidator : IValidateOptions<BoardConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, BoardConnectorOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => $"BoardConnectorOptions '{name}': {p}"));
    }
}
