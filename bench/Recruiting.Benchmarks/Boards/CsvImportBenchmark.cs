using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;

namespace Recruiting.Benchmarks.Boards;

/// <summary>
/// A Shift_JIS board export of <see cref="Rows"/> rows imported through <see cref="IBoardFileImporter"/> into an
/// in-memory intake (the issue's target: 100,000 rows at ≥ 50,000 rows/s, memory flat). <c>ReadOnly</c> is the floor
/// (decode + parse + map, no import); <c>Import_InMemoryLedger</c> is the pipeline with an in-memory ledger;
/// <c>Import_SqliteLedger</c> is the same with the embedded SQLite ledger (two commits per row). Each iteration uses a
/// fresh tenant so every row is new. The peak managed heap seen while importing is printed at the end.
/// <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- --filter '*CsvImportBenchmark*' --inProcess</c>
/// (1 warm-up and 3 measured imports of the whole file; the job comes from the command line: a job of the class's own
/// would be run besides it, with BenchmarkDotNet's default iteration count, and time out in process).
/// <see cref="CsvImportHarness"/> prints CPU-time rows/s and the peak heap at 100,000 and 200,000 rows.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(3)]
[InvocationCount(1)]
public class CsvImportBenchmark
{
    private readonly string _directory = Directory.CreateTempSubdirectory("csv-bench-").FullName;
    private readonly Dictionary<string, long> _peaks = [];
    private string _file = string.Empty;
    private ServiceProvider _inMemory = null!;
    private ServiceProvider _sqlite = null!;
    private int _tenantSequence;
    private TenantId _tenant;

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _file = Path.Combine(_directory, "export.csv");
        WriteShiftJisExport(_file, Rows);
        _inMemory = Build(Path.Combine(_directory, "memory.db"), inMemoryLedger: true);
        _sqlite = Build(Path.Combine(_directory, "sqlite.db"), inMemoryLedger: false);
    }

    [IterationSetup]
    public void NewTenant()
    {
        // A fresh tenant per iteration: the ledger is keyed by tenant, so every row is new again.
        _tenant = new TenantId($"bench-{Interlocked.Increment(ref _tenantSequence)}");
        ((InMemoryLedger)_inMemory.GetRequiredService<IIdempotencyLedger>()).Clear();
        foreach (var provider in new[] { _inMemory, _sqlite })
        {
            var saved = provider.GetRequiredService<IBoardAccounts>().SaveAsync(_tenant, new BoardAccountInput { Board = "マイナビ転職", LoginId = "bench", Password = "bench" }).AsTask().GetAwaiter().GetResult();
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", saved.Problems));
            }

            provider.GetRequiredService<IBoardSettingsStore>().SetMappingAsync(_tenant, new PostingMapping("マイナビ転職", null, PostingMatch.Any, new JobId("job-bench"))).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<int> ReadOnly()
    {
        await using var stream = File.OpenRead(_file);
        var open = await new BoardCsvReader().OpenAsync(stream, BoardCsvColumns.Default, null, TimeZoneInfo.Utc);
        var count = 0;
        await using (open.File!)
        {
            await foreach (var record in open.File!.ReadRecordsAsync())
            {
                count += record.Applicant is null ? 0 : 1;
            }
        }

        return Check(count);
    }

    [Benchmark]
    public Task<int> Import_InMemoryLedger() => ImportAsync(_inMemory, nameof(Import_InMemoryLedger));

    [Benchmark]
    public Task<int> Import_SqliteLedger() => ImportAsync(_sqlite, nameof(Import_SqliteLedger));

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (name, peak) in _peaks)
        {
            Console.WriteLine($"// CsvImportBenchmark peak managed heap while importing {Rows} rows ({name}): {peak / (1024.0 * 1024.0):F1} MiB; file {new FileInfo(_file).Length / (1024.0 * 1024.0):F1} MiB");
        }

        _inMemory.Dispose();
        _sqlite.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<int> ImportAsync(ServiceProvider provider, string name)
    {
        var peak = 0L;
        using var sampler = new Timer(_ => InterlockedMax(ref peak, GC.GetTotalMemory(false)), null, 0, 20);
        await using var stream = File.OpenRead(_file);
        var result = await provider.GetRequiredService<IBoardFileImporter>().ImportFileAsync(_tenant, "マイナビ転職", "default", stream);
        InterlockedMax(ref peak, GC.GetTotalMemory(false));
        lock (_peaks)
        {
            _peaks[name] = Math.Max(_peaks.GetValueOrDefault(name), peak);
        }

        if (result.Error is not null || result.Rejected.Count > 0)
        {
            throw new InvalidOperationException($"Import failed: {result.Error?.Message} {result.Rejected.Count} rejected");
        }

        return Check(result.Imported);
    }

    private int Check(int count) => count == Rows ? count : throw new InvalidOperationException($"Expected {Rows} rows, got {count}.");

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static ServiceProvider Build(string database, bool inMemoryLedger)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IApplicantIntake, CountingIntake>();
        if (inMemoryLedger)
        {
            services.AddSingleton<IIdempotencyLedger, InMemoryLedger>();
        }

        services.AddRecruiting().UseSqliteStorage(database).AddBoardImport(o => o.HistoryFlushInterval = 5000);
        return services.BuildServiceProvider();
    }

    /// <summary>A board export as マイナビ転職 might write it: CRLF, Shift_JIS, quoted fields, one multi-line PR every 10 rows.</summary>
    private static void WriteShiftJisExport(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, Encoding.GetEncoding(932));
        writer.NewLine = "\r\n";
        writer.WriteLine("応募ID,応募日時,氏名,フリガナ,生年月日,性別,電話番号,メールアドレス,応募職種,希望勤務地,自己PR");
        string[] families = ["山田", "佐藤", "鈴木", "髙橋", "田中", "渡辺", "伊藤", "中村"];
        string[] givens = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜"];
        for (var i = 1; i <= rows; i++)
        {
            var family = families[i % families.Length];
            var given = givens[i % givens.Length];
            var pr = i % 10 == 0 ? "\"前職では営業を担当。\r\n\"\"数字\"\"に強いです。\"" : "よろしくお願いします";
            writer.WriteLine($"M-{i:D7},2026/11/{1 + (i % 28):D2} {i % 24:D2}:{i % 60:D2},{family}　{given},ヤマダ　タロウ,19{70 + (i % 30)}/0{1 + (i % 9)}/1{i % 10},{(i % 2 == 0 ? "女性" : "男性")},090-{i % 10000:D4}-{i % 7919:D4},user{i}@example.jp,営業スタッフ{i % 20},東京都,{pr}");
        }
    }

    /// <summary>A host that creates nothing and keeps nothing: the intake side costs almost nothing, so the figure is the SDK's.</summary>
    private sealed class CountingIntake : IApplicantIntake
    {
        private int _next;

        public ValueTask<IntakeResult> ImportApplicantAsync(TenantId tenant, ApplicantIntakeRequest request, IdempotencyKey key, CancellationToken cancellationToken = default)
        {
            var n = Interlocked.Increment(ref _next);
            return ValueTask.FromResult(new IntakeResult(new ApplicationId($"a{n}"), new CandidateId($"c{n}")));
        }
    }

    /// <summary>The pending/done ledger in a dictionary.</summary>
    private sealed class InMemoryLedger(TimeProvider time) : IIdempotencyLedger
    {
        private readonly ConcurrentDictionary<(TenantId, IdempotencyKey), LedgerEntry> _entries = new();

        public void Clear() => _entries.Clear();

        public ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(_entries.GetOrAdd((tenant, key), _ => new LedgerEntry(tenant, key, operation, LedgerState.Pending, payload, null, time.GetUtcNow(), null)));

        public ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default)
        {
            _entries.AddOrUpdate((tenant, key), _ => throw new InvalidOperationException("never begun"), (_, e) => e with { State = LedgerState.Done, Result = result, Payload = null, CompletedAt = time.GetUtcNow() });
            return ValueTask.CompletedTask;
        }

        public ValueTask<LedgerEntry?> GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(_entries.TryGetValue((tenant, key), out var e) ? e : null);

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
