using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recruiting.Automation;
using Recruiting.Testing;

namespace Recruiting.Benchmarks.Automation;

/// <summary>
/// A plain Stopwatch + CPU-time run of the issue-7 targets, phase by phase (the BenchmarkDotNet class measures the
/// same operations; this one also reports CPU time, which is robust on a loaded machine):
/// <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- automation-timing [rounds]</c>.
/// </summary>
internal static class RejectionAutomationTiming
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 3;
        Console.WriteLine($"issue 7 targets: plan+enqueue 10,000 applications × 5 actions < 1 s; dispatcher ≥ 5,000 actions/s ({Environment.ProcessorCount} cores)");
        for (var round = 0; round <= rounds; round++)
        {
            var label = round == 0 ? "warm-up" : $"round {round}";
            using (var bulk = new RejectionAutomationBenchmark.Setup(10_000))
            {
                var total = Measure.Start();
                var plan = await bulk.Automation.PlanBulkAsync(RejectionAutomationBenchmark.Tenant, RejectionAutomationBenchmark.Actor, bulk.Items);
                var planned = total.Split();
                var result = await bulk.Automation.ConfirmBulkAsync(plan, withActions: true);
                var confirmed = total.Split();
                if (result.Rejected != 10_000)
                {
                    throw new InvalidOperationException($"Rejected {result.Rejected} of 10,000.");
                }

                Console.WriteLine($"{label}: plan+enqueue 10,000×5: {total.Total}  [plan {planned}; confirm {confirmed}; of which store.RecordAsync {bulk.Store.Record} / {bulk.Store.RecordCpu}, other store calls {bulk.Store.Other}]");
            }

            using (var drain = new RejectionAutomationBenchmark.Setup(2_000))
            {
                var plan = await drain.Automation.PlanBulkAsync(RejectionAutomationBenchmark.Tenant, RejectionAutomationBenchmark.Actor, drain.Items);
                await drain.Automation.ConfirmBulkAsync(plan, withActions: true);
                var sync = Measure.Start();
                var synced = drain.SyncHost();
                Console.WriteLine($"{label}: deferred host sync of {synced:N0} rejections (status + 5 queued records + 6 events each): {sync.Total}");
                drain.Store.Reset();
                var m = Measure.Start();
                var report = await drain.Dispatcher.DispatchDueAsync();
                var (wall, cpu) = m.Elapsed();
                if (report.Done != 10_000)
                {
                    throw new InvalidOperationException($"Drained {report.Done} of 10,000.");
                }

                Console.WriteLine($"{label}: dispatcher drained {report.Done:N0} due actions (+{report.Resynced} host syncs): {m.Total} = {report.Done / wall.TotalSeconds:N0} actions/s wall, {report.Done / cpu.TotalSeconds:N0} actions/CPU-s  [store: claim {drain.Store.Claim}, complete {drain.Store.Complete}, other {drain.Store.Other}]");
            }
        }
    }

    private sealed class Measure
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly TimeSpan _thread0 = ThreadCpu();
        private readonly long _bytes0 = GC.GetTotalAllocatedBytes(precise: false);
        private readonly int _gen0 = GC.CollectionCount(0);
        private readonly int _gen2 = GC.CollectionCount(2);
        private TimeSpan _lastWall;
        private TimeSpan _lastCpu;
        private long _lastBytes;

        public string Total => Format(Elapsed(), GC.GetTotalAllocatedBytes(precise: false) - _bytes0)
            + $", GCs gen0 {GC.CollectionCount(0) - _gen0} gen2 {GC.CollectionCount(2) - _gen2}"
            + (OperatingSystem.IsLinux() ? $", this thread {(ThreadCpu() - _thread0).TotalMilliseconds:N0} ms CPU" : string.Empty);

        public static Measure Start() => new();

        public (TimeSpan Wall, TimeSpan Cpu) Elapsed() => (_wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - _cpu0);

        public string Split()
        {
            var (wall, cpu) = Elapsed();
            var bytes = GC.GetTotalAllocatedBytes(precise: false) - _bytes0;
            var text = Format((wall - _lastWall, cpu - _lastCpu), bytes - _lastBytes);
            (_lastWall, _lastCpu, _lastBytes) = (wall, cpu, bytes);
            return text;
        }

        /// <summary>CPU time of the calling thread (Linux; 10 ms ticks): the process figure also counts the runtime's background JIT and GC threads.</summary>
        private static TimeSpan ThreadCpu()
        {
            if (!OperatingSystem.IsLinux())
            {
                return TimeSpan.Zero;
            }

            // Fields 14 and 15 (utime, stime) after the command name in parentheses.
            var stat = File.ReadAllText("/proc/thread-self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }

        private static string Format((TimeSpan Wall, TimeSpan Cpu) t, long bytes) => $"{t.Wall.TotalMilliseconds:N0} ms wall / {t.Cpu.TotalMilliseconds:N0} ms CPU / {bytes / 1048576.0:N0} MB allocated";
    }
}
