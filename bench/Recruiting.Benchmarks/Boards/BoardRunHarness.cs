using System.Diagnostics;
using System.Globalization;

namespace Recruiting.Benchmarks.Boards;

/// <summary>
/// A Stopwatch/CPU-time companion of <see cref="BoardRunBenchmark"/> (same simulator, same sizes, same code) for a
/// loaded machine: each case runs once to warm up and then <c>rounds</c> times, interleaved (floor, full run, full run
/// with the in-memory ledger, rerun), printing wall and CPU time of the process (the simulator runs in it for every
/// case alike), the megabytes allocated and the GCs per generation, and the ratios to the floor.
/// <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- --boards-run-harness [rounds]</c>
/// For a profiler: <c>--boards-run-harness [rounds] RerunNothingNew</c> runs one case alone, <c>BOARD_BENCH_REPEAT=10</c>
/// repeats its work inside each measured round, and each round prints its window in CLOCK_MONOTONIC seconds
/// (<c>perf record -k mono</c>, then <c>perf script --time start,end</c>).
/// </summary>
public static class BoardRunHarness
{
    public const string Switch = "--boards-run-harness";

    public static void Run(IReadOnlyList<string> args)
    {
        var rounds = args.Count > 0 ? int.Parse(args[0], NumberStyles.None, CultureInfo.InvariantCulture) : 3;
        var only = args.Count > 1 ? args[1] : null; // one case alone (for a profiler)
        var benchmark = new BoardRunBenchmark();
        benchmark.Setup();
        var totals = new Dictionary<string, (double Wall, double Cpu)>();
        try
        {
            for (var round = 0; round <= rounds; round++)
            {
                Measure(benchmark, round, totals, only, "Floor", null, b => b.Floor());
                Measure(benchmark, round, totals, only, "FullRun", b => b.FreshStore(), b => b.FullRun());
                Measure(benchmark, round, totals, only, "FullRunInMemoryLedger", b => b.FreshStoreInMemoryLedger(), b => b.FullRunInMemoryLedger());
                Measure(benchmark, round, totals, only, "RerunNothingNew", b => b.StoreAfterAFullRun(), b => b.RerunNothingNew());
            }
        }
        finally
        {
            benchmark.Cleanup();
        }

        if (only is not null)
        {
            return;
        }

        var floor = totals["Floor"];
        foreach (var (name, (wall, cpu)) in totals)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// BoardRunHarness mean of {rounds}: {name,-22} wall {wall / rounds,6:F2} s ({wall / floor.Wall,5:F2}x floor) | CPU {cpu / rounds,6:F2} s ({cpu / floor.Cpu,5:F2}x floor)"));
        }

        var full = totals["FullRun"];
        var memory = totals["FullRunInMemoryLedger"];
        var rerun = totals["RerunNothingNew"];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// BoardRunHarness ledger share of the full run: wall {(full.Wall - memory.Wall) / full.Wall:P1}, CPU {(full.Cpu - memory.Cpu) / full.Cpu:P1}; rerun / full run: wall {rerun.Wall / full.Wall:P1}, CPU {rerun.Cpu / full.Cpu:P1}"));
    }

    private static void Measure(BoardRunBenchmark benchmark, int round, Dictionary<string, (double Wall, double Cpu)> totals, string? only, string name, Action<BoardRunBenchmark>? setup, Func<BoardRunBenchmark, Task<int>> work)
    {
        if (only is not null && only != name)
        {
            return;
        }

        setup?.Invoke(benchmark);
        try
        {
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var repeat = only is not null && Environment.GetEnvironmentVariable("BOARD_BENCH_REPEAT") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1;
            var clock = Stopwatch.StartNew();
            var start = Stopwatch.GetTimestamp();
            var result = 0;
            for (var i = 0; i < repeat; i++)
            {
                result = work(benchmark).GetAwaiter().GetResult();
            }

            clock.Stop();
            if (only is not null)
            {
                // CLOCK_MONOTONIC seconds, for `perf record -k mono` / `perf script --time`.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// BoardRunHarness window {start / (double)Stopwatch.Frequency:F6},{Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:F6}"));
            }

            process.Refresh();
            var used = (process.TotalProcessorTime - cpu).TotalSeconds;
            var megabytes = (GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1_048_576.0;
            var gcs = $"{GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// BoardRunHarness round {round} {name,-22} wall {clock.Elapsed.TotalSeconds,6:F2} s | CPU {used,6:F2} s | allocated {megabytes,7:F0} MB | GCs (gen0/1/2) {gcs} | result {result}"));
            if (round > 0)
            {
                var (wall, total) = totals.GetValueOrDefault(name);
                totals[name] = (wall + clock.Elapsed.TotalSeconds, total + used);
            }
        }
        finally
        {
            if (setup is not null)
            {
                benchmark.DropStore();
            }
        }
    }
}
