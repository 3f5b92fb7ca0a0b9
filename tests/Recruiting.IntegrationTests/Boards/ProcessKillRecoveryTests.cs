using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.Boards;

/// <summary>
/// ARCHITECTURE.md principle 2 end to end: the sample host's process is killed right after the host committed an
/// applicant and before the SDK could mark it done; a rerun imports exactly the missing ones and duplicates nothing.
/// </summary>
public sealed class ProcessKillRecoveryTests : IDisposable
{
    private readonly TestTempDirectory _directory = new();

    static ProcessKillRecoveryTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CsvImport_KilledAfterTheThirdIntake_RerunImportsExactlyTheMissingOnes()
    {
        var db = _directory.File("crash.db");
        var csv = _directory.File("type.csv");
        var lines = new StringBuilder("応募ID,応募日時,氏名,フリガナ,メールアドレス,応募職種\r\n");
        for (var i = 1; i <= 10; i++)
        {
            lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"T-{i},2026/11/20 10:{i:D2},候補 {i}号,コウホ {i}ゴウ,candidate{i}@example.jp,エンジニア\r\n");
        }

        await File.WriteAllBytesAsync(csv, Encoding.GetEncoding(932).GetBytes(lines.ToString()));

        var crashed = await RunSampleAsync(["boards", "import-csv", csv, "--board", "type", "--db", db], crashAfter: "intake:3");
        crashed.ExitCode.Should().NotBe(0, "the process was killed mid-run");
        CountImported(db).Should().Be(3, "the host committed three applicants before the kill");

        var rerun = await RunSampleAsync(["boards", "import-csv", csv, "--board", "type", "--db", db]);
        rerun.ExitCode.Should().Be(0, rerun.Stderr);
        using (var json = JsonDocument.Parse(rerun.Stdout))
        {
            var imported = json.RootElement.GetProperty("imported").GetInt32();
            var duplicates = json.RootElement.GetProperty("duplicates").GetInt32();
            (imported + duplicates).Should().Be(10);
            imported.Should().BeGreaterThanOrEqualTo(7);
        }

        CountImported(db).Should().Be(10, "each applicant exists exactly once in the host");

        var third = await RunSampleAsync(["boards", "import-csv", csv, "--board", "type", "--db", db]);
        using var again = JsonDocument.Parse(third.Stdout);
        again.RootElement.GetProperty("imported").GetInt32().Should().Be(0);
        again.RootElement.GetProperty("duplicates").GetInt32().Should().Be(10);
        CountImported(db).Should().Be(10);
    }

    private static long CountImported(string db)
    {
        var ats = Recruiting.Samples.Console.SampleHost.AtsPathFor(db);
        using var connection = new SqliteConnection($"Data Source={ats};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM ats_applications WHERE source IS NOT NULL AND source <> 'seed';";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSampleAsync(string[] args, string? crashAfter = null)
    {
        var sample = typeof(Recruiting.Samples.Console.Cli.CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(sample);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("RECRUITING_SAMPLE_CRASH_AFTER");
        if (crashAfter is not null)
        {
            start.Environment["RECRUITING_SAMPLE_CRASH_AFTER"] = crashAfter;
        }

        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
