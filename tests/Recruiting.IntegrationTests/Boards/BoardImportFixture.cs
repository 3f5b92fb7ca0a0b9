using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;
using Recruiting.Connectors.Boards.Html;
using Recruiting.Samples.BoardSimulator;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.Boards;

/// <summary>The board simulator on loopback, a real SQLite store in a temp folder, the in-memory host, and the runner wired as a host wires it.</summary>
internal sealed class BoardImportFixture : IAsyncDisposable
{
    public const string Board = BoardNames.MynaviTenshoku;
    public static readonly TenantId Tenant = new("t1");

    private readonly TestTempDirectory _directory = new();

    private BoardImportFixture(BoardSimulator simulator, InMemoryHost host, FakeTimeProvider time, ServiceProvider provider)
    {
        Simulator = simulator;
        Host = host;
        Time = time;
        Provider = provider;
    }

    public BoardSimulator Simulator { get; }

    public InMemoryHost Host { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; private set; }

    public IBoardImportRunner Runner => Provider.GetRequiredService<IBoardImportRunner>();

    public static async Task<BoardImportFixture> CreateAsync(
        BoardSimulatorOptions? simulatorOptions = null,
        Action<BoardConnectorOptions>? connector = null,
        Action<BoardRunnerOptions>? runner = null,
        Action<BoardScheduleOptions>? schedule = null,
        bool csvExport = false,
        bool mapEverything = true)
    {
        var simulator = new BoardSimulator(simulatorOptions ?? new BoardSimulatorOptions { Accounts = 2, ApplicantsPerAccount = 45 });
        var address = await simulator.StartAsync();
        var host = new InMemoryHost();
        host.AddTenant(Tenant.Value, "Asia/Tokyo", "hr@t1.example");
        host.AddJob(Tenant, "job-1", "営業");
        var time = new FakeTimeProvider(TestServices.Start);
        var fixture = new BoardImportFixture(simulator, host, time, null!);
        fixture.Provider = fixture.Build(address, connector, runner, schedule, csvExport);
        await fixture.AddAccountAsync("default", "acct001");
        if (mapEverything)
        {
            var settings = fixture.Provider.GetRequiredService<IBoardSettingsStore>();
            await settings.SetMappingAsync(Tenant, new PostingMapping(Board, null, PostingMatch.Any, new JobId("job-1")));
            await settings.AddActivePostingAsync(Tenant, new ActivePosting(Board, null, PostingMatch.Any));
        }

        return fixture;
    }

    private ServiceProvider Build(Uri address, Action<BoardConnectorOptions>? connector, Action<BoardRunnerOptions>? runner, Action<BoardScheduleOptions>? schedule, bool csvExport)
    {
        var services = TestServices.Create(Host, Time);
        var boards = services.AddRecruiting().UseSqliteStorage(o =>
        {
            o.Path = _directory.File("recruiting.db");
            o.KeysDirectory = _directory.File("keys");
        }).AddBoardImport();
        void Configure(BoardConnectorOptions o)
        {
            o.BaseAddress = address;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RequestsPerSecond = 0;
            connector?.Invoke(o);
        }

        if (csvExport)
        {
            boards.AddCsvExportConnector(Board, Connectors.Boards.CsvExport.CsvExportDefinition.Simulator(), Configure);
        }
        else
        {
            boards.AddHtmlConnector(Board, HtmlBoardDefinition.LoadBuiltIn("simulator"), Configure);
        }

        boards.AddImportScheduler(schedule, runner);
        return services.BuildServiceProvider();
    }

    public async Task<BoardAccount> AddAccountAsync(string name, string loginId, string? password = null)
    {
        var result = await Provider.GetRequiredService<IBoardAccounts>().SaveAsync(Tenant, new BoardAccountInput
        {
            Board = Board,
            Name = name,
            LoginId = loginId,
            Password = password ?? BoardSimulatorOptions.PasswordOf(loginId),
        });
        result.Problems.Should().BeEmpty();
        return result.Account!;
    }

    public Task<BoardRunResult> RunAsync(string account = "default", CancellationToken cancellationToken = default)
        => Runner.RunAsync(Tenant, Board, account, cancellationToken).AsTask();

    public Task<BoardRunnerState?> StateAsync(string account = "default")
        => Provider.GetRequiredService<IBoardRunnerStore>().GetAsync(Tenant, Board, account).AsTask();

    public int DistinctIntakes => Host.Intakes.Select(i => i.Request.Source.ExternalId).Distinct().Count();

    /// <summary>Applicants of a simulated account the runner must import: posting published, or ended within 7 days of the fake now.</summary>
    public int Importable(string loginId)
    {
        var account = Simulator.Account(loginId);
        var now = Time.GetUtcNow();
        return account.Applicants.Count(a => a.Posting.Published || a.Posting.EndedAt is not { } end || now <= new DateTimeOffset(end.Date, TimeSpan.FromHours(9)) + TimeSpan.FromDays(7));
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Simulator.DisposeAsync();
        _directory.Dispose();
    }
}
