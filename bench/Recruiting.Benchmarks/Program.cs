using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Recruiting.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        if (args is ["automation-timing", ..])
        {
            Automation.RejectionAutomationTiming.RunAsync(args).GetAwaiter().GetResult();
            return;
        }

        if (args.Length > 0 && args[0] == Boards.CsvImportHarness.Switch)
        {
            Boards.CsvImportHarness.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == Boards.BoardRunHarness.Switch)
        {
            Boards.BoardRunHarness.Run(args[1..]);
            return;
        }

        var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }
}
