using System.Text.Json;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.Cli;

public sealed class CliContractTests : IDisposable
{
    private readonly TestTempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Demo_PrintsOneJsonSummary_WithTheStoreAndEverySection()
    {
        var db = _directory.File("demo.db");

        var (exit, json, _) = await CliRunner.RunAsync("demo", "--db", db);

        exit.Should().Be(0);
        json.GetProperty("store").GetProperty("path").GetString().Should().Be(db);
        json.GetProperty("store").GetProperty("schemaVersion").GetInt32().Should().BeGreaterThan(0);
        foreach (var section in new[] { "boards", "mail", "automation", "clientAccess", "references" })
        {
            json.TryGetProperty(section, out _).Should().BeTrue($"the demo summary has a '{section}' section");
        }

        File.Exists(db).Should().BeTrue();
        File.Exists(_directory.File("demo.ats.db")).Should().BeTrue("the mini ATS keeps its own database beside the SDK store");
    }

    [Fact]
    public async Task Demo_RunsAgainOnTheSameDatabase()
    {
        var db = _directory.File("demo.db");
        (await CliRunner.RunAsync("demo", "--db", db)).ExitCode.Should().Be(0);
        (await CliRunner.RunAsync("demo", "--db", db)).ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("demo", "--no-such-option")]
    public async Task UnknownVerbsAndOptions_Exit2_WithAnError(params string[] args)
    {
        var (exit, json, _) = await CliRunner.RunAsync(args);

        exit.Should().Be(2);
        json.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task AStoreThatIsNotARecruitingDatabase_Exits2_WithTheTypedReason_AndIsNotChanged()
    {
        var db = _directory.File("notes.db");
        await File.WriteAllTextAsync(db, "this is not a database");

        var (exit, json, _) = await CliRunner.RunAsync("demo", "--db", db);

        exit.Should().Be(2);
        json.GetProperty("error").GetString().Should().StartWith("notARecruitingDatabase");
        (await File.ReadAllTextAsync(db)).Should().Be("this is not a database");
    }

    [Fact]
    public void Json_UsesCamelCase_CamelCaseEnums_IsoDates_AndWritesNulls()
    {
        var text = Recruiting.Samples.Console.Cli.CliJson.Serialize(new { Kind = DocumentKind.CoverLetter, At = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(9)), Missing = (string?)null, Name = "履歴書" });
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("kind").GetString().Should().Be("coverLetter");
        json.RootElement.GetProperty("at").GetString().Should().Be("2026-11-23T18:00:00+09:00");
        json.RootElement.GetProperty("missing").ValueKind.Should().Be(JsonValueKind.Null);
        text.Should().Contain("履歴書");
    }
}
