using System.Text;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Samples.Console.Ats;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.SampleHost;

/// <summary>The sample host's ports on a real SQLite file, including the idempotency contract every port promises.</summary>
public sealed class MiniAtsTests : IDisposable
{
    private static readonly TenantId Demo = new("demo");
    private readonly TestTempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly MiniAts _ats;

    public MiniAtsTests() => _ats = new MiniAts(_directory.File("recruiting.ats.db"), _time);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task NewDatabase_IsSeededWithTheDemoTenant()
    {
        await _ats.EnsureCreatedAsync();

        _ats.Seeded.Should().BeTrue();
        var tenant = await _ats.GetTenantAsync(Demo);
        tenant!.TimeZoneId.Should().Be("Asia/Tokyo");
        for (var n = 101; n <= 120; n++)
        {
            var application = await _ats.FindByReferenceAsync(Demo, new ApplicationReference($"2024-000{n}"));
            application.Should().NotBeNull();
            application!.ResponsibleUsers.Should().Equal(DemoTenantSeed.HrManager);
        }

        (await _ats.FindByReferenceAsync(Demo, new ApplicationReference("2024-000121"))).Should().BeNull();
        (await _ats.FindByReferenceAsync(new TenantId("other"), new ApplicationReference("2024-000101"))).Should().BeNull();
        (await _ats.FindByEmailAsync(Demo, "HR@demo.example"))!.Id.Should().Be(DemoTenantSeed.HrManager);
        (await _ats.GetJobAsync(Demo, DemoTenantSeed.DemoJob))!.Stages.Should().Contain(s => s.IsRejected);
        var candidate = await _ats.GetCandidateAsync(Demo, new CandidateId("cand-demo-101"));
        candidate!.Profile.Name.Phonetic.Should().Be("ヤマダ タロウ");
    }

    [Fact]
    public async Task Reopening_DoesNotSeedTwice()
    {
        await _ats.EnsureCreatedAsync();
        var again = new MiniAts(_ats.Path, _time);
        await again.EnsureCreatedAsync();
        again.Seeded.Should().BeFalse();
    }

    [Fact]
    public async Task Intake_WithARepeatedKey_ReturnsTheFirstResult_AndCreatesNothing()
    {
        var request = new ApplicantIntakeRequest
        {
            Profile = new CandidateProfile { Name = new PersonName("山田 太郎", "山田", "太郎", "ヤマダ タロウ"), Emails = ["taro..yamada.@docomo.ne.jp"] },
            Job = DemoTenantSeed.DemoJob,
            Source = new ApplicantSource("マイナビ転職", "default", "A-1"),
            Documents = [Upload("履歴書.pdf", "%PDF-1.4 résumé")],
        };
        var key = IdempotencyKey.Create("board", "マイナビ転職", "default", "A-1");

        var first = await _ats.ImportApplicantAsync(Demo, request, key);
        var second = await _ats.ImportApplicantAsync(Demo, request, key);

        second.Should().Be(first);
        var application = await _ats.GetApplicationAsync(Demo, first.Application);
        application!.Stage.Should().Be(new StageId("new"));
        (await _ats.GetCandidateAsync(Demo, first.Candidate))!.Profile.Emails.Should().Equal("taro..yamada.@docomo.ne.jp");
        var documents = await _ats.ListDocumentsAsync(Demo, first.Application).ToListAsync();
        documents.Should().ContainSingle().Which.FileName.Should().Be("履歴書.pdf");
        Directory.GetFiles(_ats.FilesDirectory, "*", SearchOption.AllDirectories).Should().HaveCount(1, "the repeated call's spooled copy is removed");
    }

    [Fact]
    public async Task History_AndDocuments_AreIdempotent_AndStreamed()
    {
        var application = new ApplicationId("app-demo-101");
        var entry = new HistoryEntry { Kind = HistoryEntryKind.EmailReceived, Title = "Re: Interview", TextBody = "Thanks!", OccurredAt = TestServices.Start, Properties = new Dictionary<string, string> { ["from"] = "taro@example.jp" } };

        var id1 = await _ats.AppendAsync(Demo, application, entry, IdempotencyKey.Create("mail", "m1"));
        var id2 = await _ats.AppendAsync(Demo, application, entry, IdempotencyKey.Create("mail", "m1"));
        var content = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(content);
        var doc = await _ats.AddDocumentAsync(Demo, application, new DocumentUpload
        {
            FileName = "cv.pdf",
            ContentType = "application/pdf",
            Kind = DocumentKind.Cv,
            OpenRead = _ => ValueTask.FromResult<Stream>(new MemoryStream(content)),
        }, IdempotencyKey.Create("mail", "m1", "0"));

        id2.Should().Be(id1);
        var history = await _ats.ListAsync(Demo, application).ToListAsync();
        history.Should().ContainSingle().Which.Entry.Properties["from"].Should().Be("taro@example.jp");
        await using var stored = (await _ats.OpenDocumentAsync(Demo, doc))!;
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        copy.ToArray().Should().Equal(content);
    }

    [Fact]
    public async Task ACrashAfterTheCommit_ThenARetry_AppliesTheEffectOnce()
    {
        var application = new ApplicationId("app-demo-102");
        var key = IdempotencyKey.Create("rejection", "r1", "1");
        _ats.AfterCommit = (_, _) => new IOException("process killed");

        var crashed = () => _ats.AddNoteAsync(Demo, application, new NoteRequest("Rejected: skills", DemoTenantSeed.Recruiter, Origin: ActionOrigin.FromRule("rule-1")), key).AsTask();
        await crashed.Should().ThrowAsync<IOException>();

        _ats.AfterCommit = null;
        var retried = await _ats.AddNoteAsync(Demo, application, new NoteRequest("Rejected: skills", DemoTenantSeed.Recruiter, Origin: ActionOrigin.FromRule("rule-1")), key);

        await using var connection = await _ats.OpenAsync(default);
        using var count = MiniAts.Cmd(connection, null, "SELECT count(*), max(automated), max(rule_id), max(id) FROM ats_notes WHERE application = 'app-demo-102';");
        using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).Should().Be(1);
        reader.GetInt64(1).Should().Be(1);
        reader.GetString(2).Should().Be("rule-1");
        reader.GetString(3).Should().Be(retried.Value);
    }

    [Fact]
    public async Task Commands_ChangeTheApplication_AndCarryTheAutomatedMarker()
    {
        var application = new ApplicationId("app-demo-103");
        var candidate = new CandidateId("cand-demo-103");
        var origin = ActionOrigin.FromRule("rule-7", DemoTenantSeed.Recruiter);

        await _ats.SetStatusAsync(Demo, application, ApplicationStatus.Rejected, "skills", origin, IdempotencyKey.Create("t", "1"));
        await _ats.MoveToStageAsync(Demo, application, new StageId("rejected"), origin, IdempotencyKey.Create("t", "2"));
        await _ats.AddTagsAsync(Demo, candidate, ["silver", "java"], origin, IdempotencyKey.Create("t", "3"));
        await _ats.AddFollowersAsync(Demo, application, [DemoTenantSeed.HrManager], origin, IdempotencyKey.Create("t", "4"));
        await _ats.AssignToTalentPoolAsync(Demo, candidate, DemoTenantSeed.DemoPool, origin, IdempotencyKey.Create("t", "5"));
        var assigned = await _ats.AssignToJobAsync(Demo, candidate, new JobId("job-references"), origin, IdempotencyKey.Create("t", "6"));
        var again = await _ats.AssignToJobAsync(Demo, candidate, new JobId("job-references"), origin, IdempotencyKey.Create("t", "7"));
        await _ats.AddTaskAsync(Demo, application, new TaskRequest("Call back", DemoTenantSeed.Recruiter, TestServices.Start.AddDays(3), Origin: origin), IdempotencyKey.Create("t", "8"));
        var receipt = await _ats.SendEmailAsync(Demo, new EmailMessage { From = "recruiter@demo.example", To = ["taro.yamada@example.jp"], Subject = "Your application", TextBody = "…", Origin = origin, Application = application }, IdempotencyKey.Create("t", "9"));
        await _ats.SendSmsAsync(Demo, new SmsMessage("090-1234-5678", "Hello", application, origin), IdempotencyKey.Create("t", "10"));

        var updated = await _ats.GetApplicationAsync(Demo, application);
        updated!.Status.Should().Be(ApplicationStatus.Rejected);
        updated.Stage.Should().Be(new StageId("rejected"));
        again.Should().Be(assigned, "a candidate has one application per job");
        (await _ats.GetApplicationAsync(Demo, assigned))!.Job.Should().Be(new JobId("job-references"));
        var messages = await _ats.ListMessagesAsync(Demo).ToListAsync();
        messages.Should().HaveCount(2).And.OnlyContain(m => m.Automated && m.RuleId == "rule-7");
        messages[0].Id.Should().Be(receipt.MessageId);
        var history = await _ats.ListAsync(Demo, application).ToListAsync();
        history.Should().HaveCount(2).And.OnlyContain(h => h.Entry.Origin.Automated);
    }

    [Fact]
    public async Task Events_AreRecorded()
    {
        await _ats.PublishAsync(new MailQuarantined(Demo, TestServices.Start, "q-1", "unknownReference", "2024-999999"));
        var events = await _ats.ListEventsAsync(Demo).ToListAsync();
        events.Should().ContainSingle().Which.Type.Should().Be(nameof(MailQuarantined));
        events[0].Payload.Should().Contain("\"reason\": \"unknownReference\"");
    }

    private static DocumentUpload Upload(string name, string content) => new()
    {
        FileName = name,
        ContentType = "application/pdf",
        Kind = DocumentKind.Cv,
        OpenRead = _ => ValueTask.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(content))),
    };
}
