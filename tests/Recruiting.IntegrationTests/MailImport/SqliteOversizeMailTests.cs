using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Recruiting.MailImport;
using Recruiting.MailImport.Importing;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.MailImport;

/// <summary>
/// On the SQLite store, a message over the size limit leaves only a small pointer in the quarantine table; the message itself
/// is a file in the oversize folder, and a replay after the limit is raised imports it from there.
/// </summary>
public sealed class SqliteOversizeMailTests : IDisposable
{
    private static readonly TenantId Demo = new("demo");
    private readonly TestTempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Oversize_message_is_a_file_plus_a_pointer_row_and_replays_from_the_file()
    {
        var host = new InMemoryHost();
        host.AddTenant("demo", "Europe/Berlin");
        var hr = host.AddUser(Demo, "u-hr", "hr@demo.example", roles: [Roles.HrManager]);
        var candidate = host.AddCandidate(Demo, "c-1", new CandidateProfile { Name = new PersonName("Max Mustermann") });
        host.AddApplication(Demo, "a-123", "2024-000123", candidate.Id, null, [hr.Id]);
        var oversize = _dir.File("oversize");
        var services = TestServices.Create(host, new FakeTimeProvider(TestServices.Start));
        services.AddRecruiting().UseSqliteStorage(_dir.File("recruiting.db")).AddMailImport(o =>
        {
            o.DefaultSenderVerification = SenderVerification.AllowList;
            o.MaxMessageBytes = 4096;
            o.OversizeDirectory = oversize;
        });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ITenantMailSettingsStore>().SaveAsync(new TenantMailSettings { Tenant = Demo, ImportAddresses = ["import@demo.example"], AllowedSenders = ["demo.example"] });

        var message = new MimeMessage { Subject = "2024-000123 Fwd: Re: Interview", MessageId = "big@demo.example" };
        message.From.Add(new MailboxAddress("HR", "hr@demo.example"));
        message.To.Add(new MailboxAddress(null, "import@demo.example"));
        message.Body = new TextPart("plain") { Text = "---------- Forwarded message ---------\nFrom: Max <max@candidate.example>\nDate: Tue, 5 Mar 2024 at 10:15\nSubject: Re: Interview\n\n" + new string('x', 20_000) };
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw);
        var bytes = raw.ToArray();
        var importer = provider.GetRequiredService<IMailImporter>();

        var quarantined = await importer.ImportAsync(Demo, new MemoryStream(bytes));

        quarantined.Reason.Should().Be(MailImportReason.TooLarge);
        var file = Directory.GetFiles(oversize).Should().ContainSingle().Subject;
        (await File.ReadAllBytesAsync(file)).Should().Equal(bytes);
        var store = provider.GetRequiredService<IMailQuarantineStore>();
        (await store.GetAsync(quarantined.QuarantineId!))!.Length.Should().BeLessThan(2048);

        provider.GetRequiredService<IOptions<MailImportOptions>>().Value.MaxMessageBytes = 1024 * 1024;
        var replayed = await importer.ReplayAsync(quarantined.QuarantineId!);

        replayed!.Status.Should().Be(ImportStatus.Imported);
        replayed.Original!.From.Should().Be("max@candidate.example");
        host.History.Should().ContainSingle();
        (await store.GetAsync(quarantined.QuarantineId!))!.State.Should().Be(QuarantineState.Released);
    }
}
