using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;
using Recruiting.Connectors.Boards.Html;
using Recruiting.Samples.BoardSimulator;
using Simulator = Recruiting.Samples.BoardSimulator.BoardSimulator;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.Boards;

/// <summary>
/// The <c>boards</c> part of <c>demo</c>: starts the board simulator in process on 127.0.0.1, registers the demo
/// tenant's マイナビ転職 account on it, puts its postings on the allow-list (all but one), runs an automatic import,
/// runs again to show nothing is imported twice, and reports the history and the account's health.
/// </summary>
internal sealed class BoardsDemoStep : IDemoStep
{
    /// <summary>The board the demo imports from (served by the simulator).</summary>
    public const string Board = BoardNames.MynaviTenshoku;

    public string Section => "boards";

    /// <summary>Registers the simulator's HTML connector and the runner; the base address is set once the simulator runs.</summary>
    public static void Register(BoardImportBuilder boards)
    {
        boards.Services.AddSingleton<DemoSimulatorAddress>();
        boards.AddHtmlConnector(Board, HtmlBoardDefinition.LoadBuiltIn("simulator"), _ => { });
        boards.Services.AddSingleton<IConfigureOptions<BoardConnectorOptions>, DemoConnectorOptions>();
        boards.AddImportRunner();
        boards.Services.AddSingleton<IDemoStep, BoardsDemoStep>();
    }

    public async Task<object?> RunAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow().ToOffset(TimeSpan.FromHours(9));
        var simulator = new Simulator(new BoardSimulatorOptions
        {
            Accounts = 1,
            ApplicantsPerAccount = 25,
            PageSize = 10,
            NewestApplication = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset).AddHours(-1),
            BoardName = Board,
        });
        await using (simulator.ConfigureAwait(false))
        {
            var address = await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            services.GetRequiredService<DemoSimulatorAddress>().Set(address, services.GetRequiredService<IOptionsMonitorCache<BoardConnectorOptions>>());
            var simulated = simulator.Accounts[0];

            // 外部サービスアカウント管理: the demo account logs in to the simulator.
            var saved = await services.GetRequiredService<IBoardAccounts>().SaveAsync(tenant, new BoardAccountInput
            {
                Board = Board,
                Name = BoardsDemoSeed.AccountName,
                LoginId = simulated.LoginId,
                Password = simulated.Password,
                Memo = "Board simulator on 127.0.0.1",
            }, cancellationToken).ConfigureAwait(false);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException("Saving the demo board account failed: " + string.Join(" ", saved.Problems));
            }

            // 有効求人設定: every posting but the last published one (its applicants are counted, not imported).
            // 応募者ファイル取り込み設定 (every posting → the demo job) is seeded by BoardsDemoSeed.
            var settings = services.GetRequiredService<IBoardSettingsStore>();
            var published = simulated.Postings.Where(p => p.Published).ToList();
            foreach (var posting in simulated.Postings.Where(p => p != published[^1]))
            {
                await settings.AddActivePostingAsync(tenant, new ActivePosting(Board, BoardsDemoSeed.AccountName, PostingMatch.ById(posting.Id)), cancellationToken).ConfigureAwait(false);
            }

            var runner = services.GetRequiredService<IBoardImportRunner>();
            var first = await runner.RunAsync(tenant, Board, BoardsDemoSeed.AccountName, cancellationToken).ConfigureAwait(false);
            var second = await runner.RunAsync(tenant, Board, BoardsDemoSeed.AccountName, cancellationToken).ConfigureAwait(false);

            var history = await services.GetRequiredService<IBoardImportHistoryStore>()
                .ListAsync(tenant, new ImportRunQuery(Board, BoardsDemoSeed.AccountName, 10), cancellationToken).ConfigureAwait(false);
            var state = await services.GetRequiredService<IBoardRunnerStore>().GetAsync(tenant, Board, BoardsDemoSeed.AccountName, cancellationToken).ConfigureAwait(false);
            return new
            {
                board = Board,
                account = BoardsDemoSeed.AccountName,
                firstRun = Summary(first),
                secondRun = Summary(second),
                history = history.Select(r => new
                {
                    runId = r.Id,
                    trigger = r.Trigger,
                    status = r.Status,
                    startedAt = r.StartedAt,
                    endedAt = r.EndedAt,
                    seen = r.Counts.Seen,
                    imported = r.Counts.Imported,
                    duplicates = r.Counts.Duplicates,
                    notOnAllowList = r.Counts.NotOnAllowList,
                    failed = r.Counts.Failed,
                    errors = r.Errors.Select(e => new { code = e.Code, message = e.Message }).ToList(),
                }).ToList(),
                health = new
                {
                    status = state?.Health ?? BoardHealth.Healthy,
                    detail = state?.HealthDetail,
                    watermark = state?.WatermarkAppliedAt,
                },
            };
        }
    }

    private static object Summary(BoardRunResult result) => new
    {
        status = result.Status,
        imported = result.Run?.Counts.Imported ?? 0,
        duplicates = result.Run?.Counts.Duplicates ?? 0,
        notOnAllowList = result.Run?.Counts.NotOnAllowList ?? 0,
        seen = result.Run?.Counts.Seen ?? 0,
        failed = result.Run?.Counts.Failed ?? 0,
    };

    /// <summary>Where the simulator of this demo listens (set once it started; the connector's options are rebuilt then).</summary>
    internal sealed class DemoSimulatorAddress
    {
        public Uri? Address { get; private set; }

        public void Set(Uri address, IOptionsMonitorCache<BoardConnectorOptions> cache)
        {
            Address = address;
            cache.TryRemove(Board);
        }
    }

    /// <summary>Points the demo board's connector at the simulator; no rate limit on loopback.</summary>
    internal sealed class DemoConnectorOptions(DemoSimulatorAddress address) : IConfigureNamedOptions<BoardConnectorOptions>
    {
        public void Configure(string? name, BoardConnectorOptions options)
        {
            if (name == Board)
            {
                options.BaseAddress = address.Address;
                options.RequestsPerSecond = 0;
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            }
        }

        public void Configure(BoardConnectorOptions options) => Configure(Options.DefaultName, options);
    }
}
