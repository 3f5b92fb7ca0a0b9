using System.Text.Json;
using Recruiting.IntegrationTests.Cli;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.Automation;

public sealed class AutomationCliTests : IDisposable
{
    private readonly TestTempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Demo_rejects_three_cancels_one_action_and_shows_the_delayed_email_in_the_outbox()
    {
        var (exit, json, _) = await CliRunner.RunAsync("demo", "--db", _directory.File("demo.db"));

        exit.Should().Be(0);
        var automation = json.GetProperty("automation");
        automation.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("status").GetString()).Should().Equal("rejected", "rejected", "rejected");
        var plan = automation.GetProperty("plan").EnumerateArray().ToList();
        plan.Should().HaveCount(3);
        plan[0].GetProperty("actions")[0].GetProperty("email").GetProperty("subject").GetString().Should().NotBeNullOrEmpty();
        plan.Count(p => p.GetProperty("bulk").GetBoolean()).Should().Be(2);

        var cancelled = automation.GetProperty("cancelled").EnumerateArray().Should().ContainSingle().Subject;
        cancelled.GetProperty("kind").GetString().Should().Be("email");
        cancelled.GetProperty("state").GetString().Should().Be("cancelled");

        automation.GetProperty("executed").EnumerateArray().Should().HaveCountGreaterThanOrEqualTo(4)
            .And.OnlyContain(e => e.GetProperty("state").GetString() == "done");

        var delayed = automation.GetProperty("outbox").EnumerateArray().Where(o => o.GetProperty("kind").GetString() == "email").ToList();
        delayed.Should().HaveCount(2);
        var bulkCancelUntil = plan.First(p => p.GetProperty("bulk").GetBoolean()).GetProperty("cancelUntil").GetDateTimeOffset();
        delayed.Should().OnlyContain(o => o.GetProperty("dueAt").GetDateTimeOffset() >= bulkCancelUntil.AddDays(2).AddSeconds(-1));
    }

    [Fact]
    public async Task Verbs_preview_reject_cancel_and_outbox()
    {
        var db = _directory.File("verbs.db");

        var (_, unknown, _) = await CliRunner.RunAsync("automation", "preview", "2024-000105", "--reason", "nope", "--db", db);
        var (_, preview, _) = await CliRunner.RunAsync("automation", "preview", "2024-000105", "--reason", "demo-no-experience", "--db", db);
        var (exit, reject, _) = await CliRunner.RunAsync("automation", "reject", "2024-000105", "--reason", "demo-no-experience", "--db", db);
        var (_, again, _) = await CliRunner.RunAsync("automation", "reject", "2024-000105", "--reason", "demo-no-experience", "--db", db);
        var rejectionId = reject.GetProperty("rejectionId").GetString()!;
        var (_, cancel, _) = await CliRunner.RunAsync("automation", "cancel", rejectionId, "--index", "0", "--db", db);
        var (_, outbox, _) = await CliRunner.RunAsync("automation", "outbox", "--db", db);
        var (missingExit, missing, _) = await CliRunner.RunAsync("automation", "reject", "2099-999999", "--reason", "demo-no-experience", "--db", db);

        unknown.GetProperty("status").GetString().Should().Be("unknownReason");
        preview.GetProperty("status").GetString().Should().Be("planned");
        preview.GetProperty("plan").GetArrayLength().Should().Be(5);
        exit.Should().Be(0);
        reject.GetProperty("status").GetString().Should().Be("rejected");
        again.GetProperty("status").GetString().Should().Be("duplicate");
        cancel.GetProperty("cancelled").GetArrayLength().Should().BeLessThanOrEqualTo(1);
        outbox.GetProperty("outbox").ValueKind.Should().Be(JsonValueKind.Array);
        missingExit.Should().Be(2);
        missing.GetProperty("error").GetString().Should().Contain("2099-999999");
    }
}
