using System.Text.Json;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.IntegrationTests.Cli;

/// <summary>Runs the console sample's CLI in-process and parses its one JSON document.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, JsonElement Json, string Stdout)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr);
        var text = stdout.ToString();
        using var document = JsonDocument.Parse(text);
        return (exit, document.RootElement.Clone(), text);
    }
}
