using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;
using Recruiting.Connectors.Boards.Html;
using Recruiting.Samples.BoardSimulator;

namespace Recruiting.Benchmarks.Boards;

/// <summary>
/// The targets, side by side in one run: a full automatic run importing 10,000 applicants over 100 accounts
/// of the board simulator on loopback (rate limiting off) against the floor, HttpClient + AngleSharp logging in and
/// fetching and parsing the same pages and nothing else (target: <c>FullRun</c> ≤ 1.15 × <c>Floor</c>). The same run
/// with an in-memory ledger gives the ledger's share (<c>FullRun</c> − <c>FullRunInMemoryLedger</c>); a rerun with
/// nothing new shows the watermark's effect (target: ≤ 5 % of <c>FullRun</c>).
/// Like for like: both sides fetch the same pages one request at a time on one session per account (the SDK skips the
/// detail pages of applicants it will not import). The SDK overlaps its own work with the board's: it imports a page's
/// ledger batch and host calls while it reads the next page, and asks for the next detail page before the current one
/// has arrived (the request goes out once the page before is in, never two at once), so it parses one page while the
/// board builds the next. A free core shortens its wall time more than its CPU time: compare both.
/// The rerun asks the board for the watermark's day only (the definition's <c>applicants.since</c>); its login (two
/// requests) and first list page are work every implementation does.
/// Sizes: BOARD_BENCH_ACCOUNTS (default 100) × BOARD_BENCH_APPLICANTS (default 100).
/// <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- --filter '*BoardRunBenchmark*' --inProcess</c>
/// (the job comes from the command line: an <c>[InProcess]</c> attribute here would run every benchmark twice).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(3)]
[InvocationCount(1)]
public partial class BoardRunBenchmark
{
    private static readonly TenantId Tenant = new("bench");
    private const string Board = BoardNames.Type;

    private readonly int _accounts = Env("BOARD_BENCH_ACCOUNTS", 100);
    private readonly int _applicants = Env("BOARD_BENCH_APPLICANTS", 100);
    private BoardSimulator _simulator = null!;
    private Uri _address = null!;
    private ServiceProvider? _provider;
    private string? _directory;

    private static int Env(string name, int fallback)
        => int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    [GlobalSetup]
    public void Setup()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _simulator = new BoardSimulator(new BoardSimulatorOptions { Accounts = _accounts, ApplicantsPerAccount = _applicants, PageSize = 50, PostingsPerAccount = 3 });
        _address = _simulator.StartAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(FullRun))]
    public void FreshStore() => _provider = CreateAsync(inMemoryLedger: false).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(FullRunInMemoryLedger))]
    public void FreshStoreInMemoryLedger() => _provider = CreateAsync(inMemoryLedger: true).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(RerunNothingNew))]
    public void StoreAfterAFullRun()
    {
        _provider = CreateAsync(inMemoryLedger: false).GetAwaiter().GetResult();
        RunAllAsync(_provider).GetAwaiter().GetResult();
    }

    [IterationCleanup(Targets = [nameof(FullRun), nameof(FullRunInMemoryLedger), nameof(RerunNothingNew)])]
    public void DropStore()
    {
        _provider?.Dispose();
        _provider = null;
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
            _directory = null;
        }
    }

    /// <summary>The floor: log in, read the posting list, every list page and every detail page, parse them with AngleSharp.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Floor()
    {
        var parsed = 0;
        var parser = new HtmlParser();
        var sjis = Encoding.GetEncoding(932);
        foreach (var account in _simulator.Accounts)
        {
            // No automatic redirects: the login's redirect carries the session cookie and its landing page is not fetched, as
            // the simulator's definition tells the SDK (login.stopAtSuccessRedirect); no other page of the run redirects.
            using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = _address };
            var login = await client.GetStringAsync("/login");
            var csrf = Csrf().Match(login).Groups[1].Value;
            using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = csrf, ["return"] = "/console", ["login_id"] = account.LoginId, ["password"] = account.Password }))
            {
                using var _ = await client.PostAsync("/login", form);
            }

            var postings = parser.ParseDocument(await client.GetStringAsync("/console/postings"));
            parsed += postings.QuerySelectorAll("table.postings tr.posting").Length;
            string? next = "/console/applicants";
            while (next is not null)
            {
                var list = parser.ParseDocument(await client.GetStringAsync(next));
                foreach (var row in list.QuerySelectorAll("table.applicants tr.applicant"))
                {
                    var href = row.QuerySelector("a.detail-link")!.GetAttribute("href")!;
                    var detail = parser.ParseDocument(sjis.GetString(await client.GetByteArrayAsync(href)));
                    parsed += detail.QuerySelector("dl.profile dd.name") is null ? 0 : 1;
                }

                next = list.QuerySelector("nav.pager a.next")?.GetAttribute("href");
            }
        }

        return parsed;
    }

    /// <summary>The SDK: the runner on every account (SQLite store, ledger, pipeline, in-memory host intake).</summary>
    [Benchmark]
    public Task<int> FullRun() => RunAllAsync(_provider!);

    /// <summary>The same with the ledger in memory: the difference to <see cref="FullRun"/> is the ledger's share.</summary>
    [Benchmark]
    public Task<int> FullRunInMemoryLedger() => RunAllAsync(_provider!);

    /// <summary>A rerun with nothing new: one list page per account.</summary>
    [Benchmark]
    public Task<int> RerunNothingNew() => RunAllAsync(_provider!);

    private async Task<int> RunAllAsync(IServiceProvider provider)
    {
        var runner = provider.GetRequiredService<IBoardImportRunner>();
        var imported = 0;
        foreach (var account in _simulator.Accounts)
        {
            var result = await runner.RunAsync(Tenant, Board, account.LoginId);
            if (result.Status != BoardRunStatus.Completed)
            {
                throw new InvalidOperationException($"Run of {account.LoginId} ended {result.Status}: {result.HealthDetail}");
            }

            imported += result.Run!.Counts.Imported;
        }

        return imported;
    }

    private async Task<ServiceProvider> CreateAsync(bool inMemoryLedger)
    {
        _directory = Directory.CreateTempSubdirectory("recruiting-bench-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var host = new BenchHost();
        services.AddSingleton<IApplicantIntake>(host);
        services.AddSingleton<INotifier>(host);
        if (inMemoryLedger)
        {
            services.AddSingleton<IIdempotencyLedger, InMemoryLedger>();
        }

        var boards = services.AddRecruiting().UseSqliteStorage(o =>
        {
            o.Path = Path.Combine(_directory, "recruiting.db");
            o.KeysDirectory = Path.Combine(_directory, "keys");
        }).AddBoardImport();
        boards.AddHtmlConnector(Board, HtmlBoardDefinition.LoadBuiltIn("simulator"), o =>
        {
            o.BaseAddress = _address;
            o.RequestsPerSecond = 0;
        });
        boards.AddImportRunner(o => o.DownloadAttachments = false);
        var provider = services.BuildServiceProvider();

        var accounts = provider.GetRequiredService<IBoardAccounts>();
        foreach (var account in _simulator.Accounts)
        {
            await accounts.SaveAsync(Tenant, new BoardAccountInput { Board = Board, Name = account.LoginId, LoginId = account.LoginId, Password = account.Password });
        }

        var settings = provider.GetRequiredService<IBoardSettingsStore>();
        await settings.SetMappingAsync(Tenant, new PostingMapping(Board, null, PostingMatch.Any, new JobId("job")));
        await settings.AddActivePostingAsync(Tenant, new ActivePosting(Board, null, PostingMatch.Any));
        return provider;
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex Csrf();

    private sealed class BenchHost : IApplicantIntake, INotifier
    {
        private readonly ConcurrentDictionary<string, IntakeResult> _byKey = new(StringComparer.Ordinal);
        private int _next;

        public ValueTask<IntakeResult> ImportApplicantAsync(TenantId tenant, ApplicantIntakeRequest request, IdempotencyKey key, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(_byKey.GetOrAdd(key.Value, _ =>
            {
                var n = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
                return new IntakeResult(new ApplicationId("app-" + n), new CandidateId("cand-" + n));
            }));

        public ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class InMemoryLedger : IIdempotencyLedger
    {
        private readonly ConcurrentDictionary<(TenantId, IdempotencyKey), LedgerEntry> _entries = new();

        public ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(_entries.GetOrAdd((tenant, key), _ => new LedgerEntry(tenant, key, operation, LedgerState.Pending, payload, null, DateTimeOffset.UnixEpoch, null)));

        public ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default)
        {
            _entries[(tenant, key)] = _entries[(tenant, key)] with { State = LedgerState.Done, Result = result };
            return ValueTask.CompletedTask;
        }

        public ValueTask<LedgerEntry?> GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(_entries.TryGetValue((tenant, key), out var entry) ? entry : null);

        public async IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            foreach (var entry in _entries.Values.Where(e => e.State == LedgerState.Pending && e.Operation == operation && (tenant is null || e.Tenant == tenant)))
            {
                yield return entry;
            }
        }
    }
}
