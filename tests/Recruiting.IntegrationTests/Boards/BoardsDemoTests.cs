using Recruiting.IntegrationTests.Cli;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.Boards;

public sealed class BoardsDemoTests : IDisposable
{
    private readonly TestTempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Demo_ImportsFromTheSimulator_ThenImportsNothingTwice()
    {
        var (exit, json, _) = await CliRunner.RunAsync("demo", "--db", _directory.File("demo.db"));

        exit.Should().Be(0);
        var boards = json.GetProperty("boards");
        var first = boards.GetProperty("firstRun");
        first.GetProperty("imported").GetInt32().Should().BePositive();
        first.GetProperty("notOnAllowList").GetInt32().Should().BePositive("one published posting is left off the allow-list and one posting ended long ago");
        first.GetProperty("duplicates").GetInt32().Should().Be(0);
        var second = boards.GetProperty("secondRun");
        second.GetProperty("imported").GetInt32().Should().Be(0);
        second.GetProperty("status").GetString().Should().Be("completed");
        var history = boards.GetProperty("history");
        history.GetArrayLength().Should().Be(2);
        history[1].GetProperty("imported").GetInt32().Should().Be(first.GetProperty("imported").GetInt32());
        history[1].GetProperty("trigger").GetString().Should().Be("automatic");
        boards.GetProperty("health").GetProperty("status").GetString().Should().Be("healthy");
        DateTimeOffset.Parse(boards.GetProperty("health").GetProperty("watermark").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Should().NotBe(default);
    }
}
