using System.Diagnostics;
using System.Globalization;

namespace Recruiting.Benchmarks.Boards;

/// <summary>
/// A Stopwatch/CPU-time companion of <see cref="CsvImportBenchmark"/> for the absolute target (≥ 50,000 rows/s with the
/// in-memory intake) on a loaded machine, and for "memory flat": for each size it imports the Shift_JIS file once to
/// warm up, then three times, printing wall and CPU rows/s, bytes allocated per row and the peak managed heap seen
/// while importing (sampled every 10 ms). A peak that does not grow from 100,000 to 200,000 rows shows the import
/// streams the file instead of buffering it.
/// <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- --boards-csv-harness 100000 200000</c>
/// </summary>
public static class CsvImportHarness
{
    public const string Switch = "--boards-csv-harness";

    public static void Run(IReadOnlyList<string> args)
    {
        // Sizes, then optionally one case alone (for a profiler): --boards-csv-harness 100000 Import_InMemoryLedger
        var only = args.FirstOrDefault(a => !char.IsAsciiDigit(a[0]));
        var numbers = args.Where(a => char.IsAsciiDigit(a[0])).Select(a => int.Parse(a, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        var sizes = numbers.Length == 0 ? [100_000, 200_000] : numbers;
        foreach (var rows in sizes)
        {
            var benchmark = new CsvImportBenchmark { Rows = rows };
            benchmark.Setup();
            try
            {
                if (only is null or "ReadOnly")
                {
                    Measure(benchmark, rows, "ReadOnly (decode + parse + map)", b => b.ReadOnly());
                }

                if (only is null or "Import_InMemoryLedger")
                {
                    Measure(benchmark, rows, "Import_InMemoryLedger", b => b.Import_InMemoryLedger());
                }

                if (only is null or "Import_SqliteLedger")
                {
                    Measure(benchmark, rows, "Import_SqliteLedger", b => b.Import_SqliteLedger());
                }
            }
            finally
            {
                benchmark.Cleanup();
            }
        }
    }

    private static void Measure(CsvImportBenchmark benchmark, int rows, string name, Func<CsvImportBenchmark, Task<int>> work)
    {
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < 4; i++)
        {
            benchmark.NewTenant();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseHeap = GC.GetTotalMemory(false);
            var peak = baseHeap;
            using var sampler = new Timer(_ => Max(ref peak, GC.GetTotalMemory(false)), null, 0, 10);
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            work(benchmark).GetAwaiter().GetResult();
            clock.Stop();
            Max(ref peak, GC.GetTotalMemory(false));
            process.Refresh();
            var cpuUsed = process.TotalProcessorTime - cpu;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (i == 0)
            {
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// CsvImportHarness {rows,7} rows {name,-32} wall {clock.Elapsed.TotalSeconds,6:F2} s = {rows / clock.Elapsed.TotalSeconds,9:N0} rows/s | CPU {cpuUsed.TotalSeconds,6:F2} s = {rows / cpuUsed.TotalSeconds,9:N0} rows/s | allocated {bytes / (double)rows,6:N0} B/row | peak heap {Interlocked.Read(ref peak) / 1048576.0,6:F1} MiB (before {baseHeap / 1048576.0:F1})"));
        }
    }

    private static void Max(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
