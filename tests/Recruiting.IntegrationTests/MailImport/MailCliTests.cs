using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Recruiting.IntegrationTests.Cli;
using Recruiting.MailImport;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.MailImport;

public sealed class MailCliTests : IDisposable
{
    private readonly TestTempDirectory _dir = new();

    private string Db => _dir.File("recruiting.db");

    private static string DemoReply => Path.Combine(AppContext.BaseDirectory, "DemoData", "mail", "forwarded-reply.eml");

    public void Dispose() => _dir.Dispose();

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    [Theory]
    [InlineData("2024-000123 WG: Re: Ihre Bewerbung", "2024-000123", "WG: Re: Ihre Bewerbung", null)]
    [InlineData("TR : RE: 2024-000123 Disponibilités", "2024-000123", "Disponibilités", null)]
    [InlineData("@2024-000123 Re: x", null, null, "noReference")]
    [InlineData("Re: Ihre Bewerbung", null, null, "noReference")]
    public async Task Parse_subject_prints_reference_subject_and_reason(string subject, string? reference, string? rest, string? reason)
    {
        var (exit, json, _) = await CliRunner.RunAsync("mail", "parse-subject", subject);

        exit.Should().Be(0);
        Names(json).Should().Equal("reference", "subject", "reason");
        (json.GetProperty("reference").ValueKind == JsonValueKind.Null ? null : json.GetProperty("reference").GetString()).Should().Be(reference);
        (json.GetProperty("subject").ValueKind == JsonValueKind.Null ? null : json.GetProperty("subject").GetString()).Should().Be(rest);
        (json.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : json.GetProperty("reason").GetString()).Should().Be(reason);
    }

    [Fact]
    public async Task Parse_subject_reads_the_tenants_own_format_when_a_tenant_or_database_is_named()
    {
        await CliRunner.RunAsync("mail", "quarantine", "--db", Db); // creates and seeds the demo tenant
        var collection = TestServices.Create(new InMemoryHost(), new FakeTimeProvider(TestServices.Start));
        collection.AddRecruiting().UseSqliteStorage(Db).AddMailImport();
        await using (var services = collection.BuildServiceProvider())
        {
            var store = services.GetRequiredService<ITenantMailSettingsStore>();
            var demo = (await store.GetAsync(new TenantId("demo")))!;
            await store.SaveAsync(demo with { ReferenceFormat = new TenantReferenceFormat { Pattern = @"BW-\d{5}", MinLength = 8, MaxLength = 8 } });
        }

        var (pureExit, pure, _) = await CliRunner.RunAsync("mail", "parse-subject", "2024-000123 Re: x");
        var (exit, own, _) = await CliRunner.RunAsync("mail", "parse-subject", "BW-58213 Re: x", "--db", Db, "--tenant", "demo");
        var (_, notOwn, _) = await CliRunner.RunAsync("mail", "parse-subject", "2024-000123 Re: x", "--db", Db);
        var (unknownExit, unknown, _) = await CliRunner.RunAsync("mail", "parse-subject", "BW-58213 Re: x", "--db", Db, "--tenant", "nobody");

        pureExit.Should().Be(0);
        pure.GetProperty("reference").GetString().Should().Be("2024-000123");
        exit.Should().Be(0);
        Names(own).Should().Equal("reference", "subject", "reason");
        own.GetProperty("reference").GetString().Should().Be("BW-58213");
        own.GetProperty("subject").GetString().Should().Be("Re: x");
        own.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
        notOwn.GetProperty("reference").ValueKind.Should().Be(JsonValueKind.Null);
        notOwn.GetProperty("reason").GetString().Should().BeOneOf("noReference", "malformedReference");
        unknownExit.Should().Be(2);
        Names(unknown).Should().Equal("error");
    }

    [Fact]
    public async Task Import_prints_the_contract_shape_and_a_rerun_is_a_duplicate_of_the_same_entry()
    {
        var (exit, json, _) = await CliRunner.RunAsync("mail", "import", DemoReply, "--db", Db);

        exit.Should().Be(0);
        Names(json).Should().Equal("status", "reason", "reference", "historyEntryId", "original", "attachments");
        json.GetProperty("status").GetString().Should().Be("imported");
        json.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("reference").GetString().Should().Be("2024-000101");
        var original = json.GetProperty("original");
        Names(original).Should().Equal("from", "fromName", "subject", "date");
        original.GetProperty("from").GetString().Should().Be("anna.schmidt@candidate.example");
        original.GetProperty("date").GetString().Should().Be("2026-11-20T18:30:00+09:00");
        json.GetProperty("attachments").EnumerateArray().Select(a => (a.GetProperty("fileName").GetString(), a.GetProperty("kind").GetString()))
            .Should().Equal(("Lebenslauf_Anna_Schmidt.pdf", "cv"), ("Anschreiben_Anna_Schmidt.pdf", "coverLetter"));

        var (_, again, _) = await CliRunner.RunAsync("mail", "import", DemoReply, "--db", Db, "--tenant", "demo");

        again.GetProperty("status").GetString().Should().Be("duplicate");
        again.GetProperty("historyEntryId").GetString().Should().Be(json.GetProperty("historyEntryId").GetString());
    }

    [Fact]
    public async Task A_users_own_mail_from_the_demo_domain_is_imported_as_it_is()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Me", "me@demo.example"));
        message.To.Add(new MailboxAddress("Import", "import@demo.example"));
        message.Subject = "2024-000105 Notiz zum Telefonat";
        message.Body = new TextPart("plain") { Text = "Kandidatin hat angerufen." };
        var file = _dir.File("own.eml");
        await message.WriteToAsync(file);

        var (exit, json, _) = await CliRunner.RunAsync("mail", "import", file, "--db", Db);

        exit.Should().Be(0);
        json.GetProperty("status").GetString().Should().Be("imported");
        json.GetProperty("original").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("attachments").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_stranger_is_quarantined_listed_and_exit_code_stays_zero()
    {
        var raw = (await File.ReadAllTextAsync(DemoReply)).Replace("From: HR Demo <hr@demo.example>", "From: Mallory <mallory@evil.example>", StringComparison.Ordinal);
        var file = _dir.File("stranger.eml");
        await File.WriteAllTextAsync(file, raw);

        var (exit, json, _) = await CliRunner.RunAsync("mail", "import", file, "--db", Db);
        var (_, list, _) = await CliRunner.RunAsync("mail", "quarantine", "--db", Db);

        exit.Should().Be(0);
        json.GetProperty("status").GetString().Should().Be("quarantined");
        json.GetProperty("reason").GetString().Should().Be("senderNotAllowed");
        json.GetProperty("historyEntryId").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("reference").GetString().Should().Be("2024-000101");
        json.GetProperty("original").GetProperty("from").GetString().Should().Be("anna.schmidt@candidate.example");
        json.GetProperty("attachments").GetArrayLength().Should().Be(0);
        list.GetProperty("quarantined").EnumerateArray().Should().ContainSingle().Which.GetProperty("reason").GetString().Should().Be("senderNotAllowed");
    }

    [Fact]
    public async Task Missing_file_is_an_invocation_error()
    {
        var (exit, json, _) = await CliRunner.RunAsync("mail", "import", _dir.File("missing.eml"), "--db", Db);

        exit.Should().Be(2);
        json.GetProperty("error").GetString().Should().Contain("missing.eml");
        File.Exists(Db).Should().BeFalse("nothing started for an invocation error");
    }

    [Fact]
    public async Task Sanitize_prints_the_html_as_it_would_be_stored()
    {
        var file = _dir.File("x.html");
        await File.WriteAllTextAsync(file, "<p onclick=\"steal()\">Hallo <a href=\"javascript:alert(1)\">x</a> <a href=\"https://example.com/\">y</a><script>alert(2)</script><img src=\"http://tracker.example/p.gif\"></p>");

        var (exit, json, _) = await CliRunner.RunAsync("mail", "sanitize", file);

        exit.Should().Be(0);
        Names(json).Should().Equal("html");
        var html = json.GetProperty("html").GetString();
        html.Should().NotContainAny("onclick", "javascript:", "<script", "tracker.example");
        html.Should().Contain("https://example.com/").And.Contain("Hallo");
    }

    [Fact]
    public async Task Demo_mail_section_shows_the_imported_reply_and_its_history_entry()
    {
        var (exit, json, _) = await CliRunner.RunAsync("demo", "--db", Db);

        exit.Should().Be(0);
        var mail = json.GetProperty("mail");
        mail.GetProperty("status").GetString().Should().Be("imported");
        mail.GetProperty("reference").GetString().Should().Be("2024-000101");
        mail.GetProperty("original").GetProperty("from").GetString().Should().Be("anna.schmidt@candidate.example");
        mail.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Should().Equal("cv", "coverLetter");
        var entry = mail.GetProperty("historyEntry");
        entry.GetProperty("id").GetString().Should().Be(mail.GetProperty("historyEntryId").GetString());
        entry.GetProperty("textBody").GetString().Should().Contain("Lebenslauf");
        entry.GetProperty("htmlBody").GetString().Should().NotContain("tracker.example");
    }
}
