using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Recruiting.Connectors.Boards;
using Recruiting.Connectors.Boards.CsvExport;
using Recruiting.Connectors.Boards.Html;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds connectors, the automatic runner and the scheduler to board import.</summary>
public static class BoardImportBuilderExtensions
{
    /// <summary>
    /// Adds the configurable HTML connector for a board: the definition's pages and selectors, a named
    /// <see cref="HttpClient"/> (<c>Recruiting.Boards:{board}</c>, so hosts can add handlers and proxies) and the board's
    /// Polly pipeline configured by <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The board import builder.</param>
    /// <param name="board">The board's registered service name.</param>
    /// <param name="definition">The board definition (copied; its board name becomes <paramref name="board"/>).</param>
    /// <param name="configure">Configures the connector's options (base address, retries, rate limit …).</param>
    /// <returns>The builder of the board's <see cref="HttpClient"/>.</returns>
    /// <exception cref="HtmlBoardDefinitionException">The definition is incomplete.</exception>
    public static IHttpClientBuilder AddHtmlConnector(this BoardImportBuilder builder, string board, HtmlBoardDefinition definition, Action<BoardConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return BoardConnectorRegistration.AddHtmlConnector(builder.Services, board, definition, configure);
    }

    /// <summary>Adds a connector reading a board's CSV export (logging in through its site), with the board's named client and pipeline.</summary>
    /// <param name="builder">The board import builder.</param>
    /// <param name="board">The board's registered service name.</param>
    /// <param name="definition">The export definition.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder of the board's <see cref="HttpClient"/>.</returns>
    /// <exception cref="HtmlBoardDefinitionException">The definition is incomplete.</exception>
    public static IHttpClientBuilder AddCsvExportConnector(this BoardImportBuilder builder, string board, CsvExportDefinition definition, Action<BoardConnectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(definition);
        var problems = definition.Validate();
        if (problems.Count > 0)
        {
            throw new HtmlBoardDefinitionException($"The CSV export definition of '{board}' is incomplete: " + string.Join(" ", problems));
        }

        var site = HtmlBoardDefinition.Parse(definition.Site.ToJson());
        site.Board = board;
        var client = BoardConnectorRegistration.AddBoardClient(builder.Services, board, configure);
        builder.Services.AddSingleton<IBoardConnector>(sp => new CsvExportBoardConnector(
            new HtmlBoardConnector(site, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<BoardResiliencePipelines>(), sp.GetRequiredService<IOptionsMonitor<BoardConnectorOptions>>(), sp.GetRequiredService<TimeProvider>()),
            definition,
            sp.GetRequiredService<IBoardRegistry>().Find(board)?.CsvColumns ?? BoardCsvColumns.Default,
            sp.GetRequiredService<IOptions<BoardImportOptions>>().Value.Csv));
        return client;
    }

    /// <summary>Adds the automatic import runner (<see cref="IBoardImportRunner"/>: runs started by hand or by the scheduler).</summary>
    /// <param name="builder">The board import builder.</param>
    /// <param name="configure">Configures the runner.</param>
    /// <returns>The builder.</returns>
    public static BoardImportBuilder AddImportRunner(this BoardImportBuilder builder, Action<BoardRunnerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<BoardRunnerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BoardRunnerOptions>, BoardRunnerOptionsValidator>());
        BoardConnectorRegistration.AddBoardHttp(services);
        services.TryAddSingleton<IBoardImportRunner, BoardImportRunner>();
        return builder;
    }

    /// <summary>
    /// Adds the runner and the scheduler: three runs a day (by default) inside windows of the tenant's time zone, each
    /// account at its own spread-out minute, driven by a hosted service on the SDK's <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="builder">The board import builder.</param>
    /// <param name="configure">Configures the schedule.</param>
    /// <param name="configureRunner">Configures the runner.</param>
    /// <returns>The builder.</returns>
    public static BoardImportBuilder AddImportScheduler(this BoardImportBuilder builder, Action<BoardScheduleOptions>? configure = null, Action<BoardRunnerOptions>? configureRunner = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddImportRunner(configureRunner);
        var services = builder.Services;
        var options = services.AddOptions<BoardScheduleOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BoardScheduleOptions>, BoardScheduleOptionsValidator>());
        services.TryAddSingleton<BoardScheduler>();
        services.TryAddSingleton<BoardSchedulerService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BoardSchedulerService>(sp => sp.GetRequiredService<BoardSchedulerService>()));
        return builder;
    }
}

/// <summary>Validates <see cref="BoardRunnerOptions"/>.</summary>
internal sealed class BoardRunnerOptionsValidator : IValidateOptions<BoardRunnerOptions>
{
    public ValidateOptionsResult Validate(string? name, BoardRunnerOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "BoardRunnerOptions: " + p));
    }
}

/// <summary>Validates <see cref="BoardScheduleOptions"/>.</summary>
internal sealed class BoardScheduleOptionsValidator : IValidateOptions<BoardScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, BoardScheduleOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => "BoardScheduleOptions: " + p));
    }
}
