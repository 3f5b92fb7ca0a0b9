using System.Text.Json;
using Recruiting.IntegrationTests.Cli;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.References;

public sealed class ReferencesCliTests : IDisposable
{
    private readonly TestTempDirectory _directory = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Demo_requests_two_candidates_through_the_simulator_and_files_both_reports()
    {
        var db = _directory.File("demo.db");
        var (exit, json, _) = await CliRunner.RunAsync("demo", "--db", db);

        exit.Should().Be(0);
        var references = json.GetProperty("references");
        var checks = references.GetProperty("checks").EnumerateArray().ToList();
        checks.Should().HaveCount(2);
        foreach (var check in checks)
        {
            check.GetProperty("state").GetString().Should().Be("completed");
            check.GetProperty("requested").GetInt32().Should().Be(2);
            check.GetProperty("answered").GetInt32().Should().Be(2);
            check.GetProperty("reportFiled").GetBoolean().Should().BeTrue();
        }

        checks.Select(c => c.GetProperty("candidate").GetString()).Should().Equal("cand-demo-101", "cand-demo-102");
        references.GetProperty("progress").EnumerateArray().Select(p => string.Join(",", p.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("state").GetString()}:{c.GetProperty("answered").GetInt32()}")))
            .Should().Equal("requested:0,requested:0", "refereesNamed:0,refereesNamed:0", "inProgress:1,inProgress:1", "completed:2,completed:2");
        references.GetProperty("askedAgain").EnumerateArray().Should().OnlyContain(a => a.GetProperty("outcome").GetString() == "alreadyRequested");
        references.GetProperty("providerChecks").GetInt32().Should().Be(2);

        var (statusExit, status, _) = await CliRunner.RunAsync("references", "status", "--db", db, "--job", "job-demo");
        statusExit.Should().Be(0);
        var listed = status.GetProperty("checks").EnumerateArray().ToList();
        listed.Should().HaveCount(2).And.OnlyContain(c => c.GetProperty("state").GetString() == "completed" && c.GetProperty("reportFiled").GetBoolean() && c.GetProperty("candidateUrl").ValueKind == JsonValueKind.Null);
        listed.Select(c => c.GetProperty("application").GetString()).Should().Equal("app-demo-101", "app-demo-102");

        // A second demo on the same database creates nothing new and shows the checks as they are.
        var (againExit, again, _) = await CliRunner.RunAsync("demo", "--db", db);
        againExit.Should().Be(0);
        var second = again.GetProperty("references");
        second.GetProperty("providerChecks").GetInt32().Should().Be(0);
        second.GetProperty("checks").EnumerateArray().Should().HaveCount(2).And.OnlyContain(c => c.GetProperty("state").GetString() == "completed" && c.GetProperty("reportFiled").GetBoolean());
    }

    [Fact]
    public async Task Status_of_an_empty_store_lists_nothing_and_poll_of_an_unconfigured_tenant_does_nothing()
    {
        var db = _directory.File("empty.db");
        var (exit, json, _) = await CliRunner.RunAsync("references", "status", "--db", db);
        exit.Should().Be(0);
        json.GetProperty("checks").GetArrayLength().Should().Be(0);

        var (pollExit, poll, _) = await CliRunner.RunAsync("references", "poll", "--db", db);
        pollExit.Should().Be(0);
        poll.GetProperty("polled").GetInt32().Should().Be(0);
    }
}
