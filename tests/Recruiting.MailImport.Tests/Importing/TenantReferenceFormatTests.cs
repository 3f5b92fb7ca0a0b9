using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.MailImport.Importing;
using Recruiting.MailImport.Subjects;
using Recruiting.Testing;

namespace Recruiting.MailImport.Tests.Importing;

/// <summary>
/// Per-tenant reference formats through the real importer on the SQLite store: tenant <c>luhn</c> uses the default format with a
/// Luhn check digit (application 2024-0001238), tenant <c>bw</c> uses the pattern <c>BW-\d{5}</c> (application BW-58213).
/// </summary>
public sealed class TenantReferenceFormatTests : IDisposable
{
    private static readonly TenantId Luhn = new("luhn");
    private static readonly TenantId Bw = new("bw");
    private readonly TestTempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly InMemoryHost _host = new();
    private readonly ServiceProvider _services;
    private readonly ITenantMailSettingsStore _settings;
    private readonly IMailImporter _importer;

    public TenantReferenceFormatTests()
    {
        _host.AddTenant("luhn", "Europe/Berlin");
        _host.AddTenant("bw", "Europe/Berlin");
        var luhnHr = _host.AddUser(Luhn, "u-l", "hr@luhn.example", roles: [Roles.HrManager]);
        var bwHr = _host.AddUser(Bw, "u-b", "hr@bw.example", roles: [Roles.HrManager]);
        var luhnCandidate = _host.AddCandidate(Luhn, "c-l", new CandidateProfile { Name = new PersonName("Max Mustermann") });
        var bwCandidate = _host.AddCandidate(Bw, "c-b", new CandidateProfile { Name = new PersonName("Erika Musterfrau") });
        _host.AddApplication(Luhn, "a-l", "2024-0001238", luhnCandidate.Id, null, [luhnHr.Id]);
        _host.AddApplication(Luhn, "a-l2", "2024-000124", luhnCandidate.Id, null, [luhnHr.Id]);
        _host.AddApplication(Bw, "a-b", "BW-58213", bwCandidate.Id, null, [bwHr.Id]);
        _host.AddApplication(Bw, "a-b2", "2024-000777", bwCandidate.Id, null, [bwHr.Id]);

        var services = TestServices.Create(_host, _time);
        services.AddRecruiting().UseSqliteStorage(_dir.File("recruiting.db")).AddMailImport(o => o.DefaultSenderVerification = SenderVerification.AllowList);
        _services = services.BuildServiceProvider();
        _settings = _services.GetRequiredService<ITenantMailSettingsStore>();
        _importer = _services.GetRequiredService<IMailImporter>();
        Save(LuhnSettings(new TenantReferenceFormat { Checksum = ReferenceChecksum.Luhn }));
        Save(BwSettings(new TenantReferenceFormat { Pattern = @"BW-\d{5}", MinLength = 8, MaxLength = 8 }));
    }

    public void Dispose()
    {
        _services.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Two_tenants_read_references_in_their_own_formats()
    {
        var luhn = await ImportAsync("import@luhn.example", "hr@luhn.example", "2024-0001238 WG: Re: Ihre Bewerbung", "l-ok");
        var luhnTypo = await ImportAsync("import@luhn.example", "hr@luhn.example", "2024-0001328 WG: Re: Ihre Bewerbung", "l-typo");
        var luhnNoCheckDigit = await ImportAsync("import@luhn.example", "hr@luhn.example", "2024-000124 Re: Interview", "l-plain");
        var bw = await ImportAsync("import@bw.example", "hr@bw.example", "Fwd: [BW-58213] Re: Interview", "b-ok");
        var bwDefaultFormat = await ImportAsync("import@bw.example", "hr@bw.example", "2024-000777 Re: Interview", "b-default");

        luhn.Status.Should().Be(ImportStatus.Imported);
        luhn.Tenant.Should().Be(Luhn);
        luhn.Reference.Should().Be(new ApplicationReference("2024-0001238"));
        luhnTypo.Status.Should().Be(ImportStatus.Quarantined);
        luhnTypo.Reason.Should().Be(MailImportReason.MalformedReference, "the swapped digits break the Luhn check digit");
        luhnNoCheckDigit.Reason.Should().Be(MailImportReason.MalformedReference, "2024-000124 fails the Luhn check although it is an application of the tenant");
        bw.Status.Should().Be(ImportStatus.Imported);
        bw.Tenant.Should().Be(Bw);
        bw.Reference.Should().Be(new ApplicationReference("BW-58213"));
        bwDefaultFormat.Status.Should().Be(ImportStatus.Quarantined);
        bwDefaultFormat.Reason.Should().Be(MailImportReason.MalformedReference, "the tenant's pattern replaces the default format");
        _host.History.Select(h => (h.Tenant, h.Entry.Application.Value)).Should().BeEquivalentTo([(Luhn, "a-l"), (Bw, "a-b")]);
    }

    [Fact]
    public async Task A_tenant_without_a_format_uses_the_importer_wide_options()
    {
        Save(LuhnSettings(null));

        var plain = await ImportAsync("import@luhn.example", "hr@luhn.example", "2024-000124 Re: Interview", "l-plain");
        var bw = await ImportAsync("import@bw.example", "hr@bw.example", "BW-58213 Re: Interview", "b-ok");

        plain.Status.Should().Be(ImportStatus.Imported, "without a check digit 2024-000124 is a valid reference");
        plain.Reference.Should().Be(new ApplicationReference("2024-000124"));
        bw.Status.Should().Be(ImportStatus.Imported);
    }

    [Fact]
    public async Task A_settings_change_takes_effect_on_the_next_import()
    {
        var before = await ImportAsync("import@bw.example", "hr@bw.example", "2024-000777 Re: Interview", "b-1");
        Save(BwSettings(new TenantReferenceFormat { Pattern = @"\d{4}-\d{6}" }));
        var after = await ImportAsync("import@bw.example", "hr@bw.example", "2024-000777 Re: Interview", "b-2");
        var oldFormat = await ImportAsync("import@bw.example", "hr@bw.example", "BW-58213 Re: Interview", "b-3");

        before.Reason.Should().Be(MailImportReason.MalformedReference);
        after.Status.Should().Be(ImportStatus.Imported);
        after.Reference.Should().Be(new ApplicationReference("2024-000777"));
        oldFormat.Status.Should().Be(ImportStatus.Quarantined);
        oldFormat.Reason.Should().Be(MailImportReason.MalformedReference);

        // The quarantined mail is imported once the format that fits it is back.
        Save(BwSettings(new TenantReferenceFormat { Pattern = @"BW-\d{5}" }));
        var replayed = await _importer.ReplayAsync(oldFormat.QuarantineId!);
        replayed!.Status.Should().Be(ImportStatus.Imported);
        replayed.Reference.Should().Be(new ApplicationReference("BW-58213"));
    }

    [Fact]
    public async Task An_invalid_format_is_refused_when_saved_with_every_problem_listed()
    {
        var save = async () => await _settings.SaveAsync(BwSettings(new TenantReferenceFormat { Pattern = @"BW-(\d{5}", MinLength = 9, MaxLength = 3 }));

        var refused = (await save.Should().ThrowAsync<InvalidTenantMailSettingsException>()).Which;
        refused.Code.Should().Be("invalidMailSettings");
        refused.Tenant.Should().Be(Bw);
        refused.Problems.Should().HaveCount(2);
        refused.Problems.Should().Contain(p => p.StartsWith("ReferenceFormat.Pattern is not a valid regular expression", StringComparison.Ordinal));
        refused.Problems.Should().Contain(p => p.Contains("MinLength (9) must not exceed MaxLength (3)", StringComparison.Ordinal));
        (await _settings.GetAsync(Bw))!.ReferenceFormat!.Pattern.Should().Be(@"BW-\d{5}", "the refused save changed nothing");

        var empty = async () => await _settings.SaveAsync(BwSettings(new TenantReferenceFormat { Pattern = @"\d*" }));
        (await empty.Should().ThrowAsync<InvalidTenantMailSettingsException>()).Which.Problems.Should().ContainSingle().Which.Should().Contain("must not match an empty reference");
        var checksum = async () => await _settings.SaveAsync(BwSettings(new TenantReferenceFormat { Checksum = (ReferenceChecksum)42 }));
        await checksum.Should().ThrowAsync<InvalidTenantMailSettingsException>().WithMessage("*Checksum '42' is not a known rule*");
    }

    [Fact]
    public async Task The_format_round_trips_through_the_store()
    {
        Save(LuhnSettings(new TenantReferenceFormat { Pattern = @"\d{4}-\d{7}", MinLength = 12, MaxLength = 12, Checksum = ReferenceChecksum.Mod11 }));

        var luhn = await _settings.FindByImportAddressAsync("IMPORT@luhn.example");
        var bw = await _settings.GetAsync(Bw);

        luhn!.ReferenceFormat.Should().Be(new TenantReferenceFormat { Pattern = @"\d{4}-\d{7}", MinLength = 12, MaxLength = 12, Checksum = ReferenceChecksum.Mod11 });
        bw!.ReferenceFormat.Should().Be(new TenantReferenceFormat { Pattern = @"BW-\d{5}", MinLength = 8, MaxLength = 8 });
        Save(LuhnSettings(new TenantReferenceFormat()));
        (await _settings.GetAsync(Luhn))!.ReferenceFormat.Should().BeNull("an empty format is the importer's format");
    }

    [Fact]
    public async Task A_tenant_format_that_conflicts_with_the_importer_options_quarantines_instead_of_failing()
    {
        Save(LuhnSettings(new TenantReferenceFormat { MinLength = 40 }));

        var outcome = await ImportAsync("import@luhn.example", "hr@luhn.example", "2024-0001238 Re: Interview", "l-conflict");

        outcome.Status.Should().Be(ImportStatus.Quarantined);
        outcome.Reason.Should().Be(MailImportReason.MalformedReference);
        outcome.Detail.Should().Contain("MinReferenceLength (40) must not exceed MaxReferenceLength (32)");
    }

    private static TenantMailSettings LuhnSettings(TenantReferenceFormat? format)
        => new() { Tenant = Luhn, ImportAddresses = ["import@luhn.example"], AllowedSenders = ["luhn.example"], ReferenceFormat = format };

    private static TenantMailSettings BwSettings(TenantReferenceFormat? format)
        => new() { Tenant = Bw, ImportAddresses = ["import@bw.example"], AllowedSenders = ["bw.example"], ReferenceFormat = format };

    private void Save(TenantMailSettings settings) => _settings.SaveAsync(settings).AsTask().GetAwaiter().GetResult();

    private async Task<ImportOutcome> ImportAsync(string importAddress, string from, string subject, string id)
    {
        var eml = $"""
            From: HR <{from}>
            To: Import <{importAddress}>
            Date: Sat, 21 Nov 2026 10:15:00 +0100
            Subject: {subject}
            Message-ID: <{id}@example.test>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Please file this reply.

            """.ReplaceLineEndings("\r\n");
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(eml));
        return await _importer.ImportAsync(stream);
    }
}
