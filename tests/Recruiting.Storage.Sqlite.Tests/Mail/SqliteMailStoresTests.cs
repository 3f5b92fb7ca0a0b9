using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.MailImport;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Mail;

public sealed class SqliteMailStoresTests : IDisposable
{
    private static readonly TenantId Acme = new("acme");
    private static readonly TenantId Beta = new("beta");
    private readonly TestTempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _dir.Dispose();
    }

    private ServiceProvider Open()
    {
        var services = TestServices.Create(new InMemoryHost(), _time);
        services.AddRecruiting().UseSqliteStorage(_dir.File("recruiting.db"));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    [Fact]
    public async Task Settings_round_trip_and_import_addresses_resolve_case_insensitively()
    {
        var store = Open().GetRequiredService<ITenantMailSettingsStore>();
        await store.SaveAsync(new TenantMailSettings { Tenant = Acme, ImportAddresses = ["import@acme.example", "replies@acme.example"], SenderVerification = SenderVerification.AllowList, AllowedSenders = ["acme.example", "boss@partner.example"] });
        await store.SaveAsync(new TenantMailSettings { Tenant = Beta, ImportAddresses = ["import@beta.example"] });

        var found = await Open().GetRequiredService<ITenantMailSettingsStore>().FindByImportAddressAsync("Replies@ACME.example");

        found.Should().NotBeNull();
        found!.Tenant.Should().Be(Acme);
        found.ImportAddresses.Should().BeEquivalentTo("import@acme.example", "replies@acme.example");
        found.SenderVerification.Should().Be(SenderVerification.AllowList);
        found.AllowedSenders.Should().Equal("acme.example", "boss@partner.example");
        (await store.GetAsync(Beta))!.SenderVerification.Should().BeNull();
        (await store.FindByImportAddressAsync("nobody@acme.example")).Should().BeNull();
        var tenants = new List<TenantId>();
        await foreach (var t in store.ListTenantsAsync())
        {
            tenants.Add(t);
        }

        tenants.Should().Equal(Acme, Beta);
    }

    [Fact]
    public async Task An_import_address_belongs_to_one_tenant_only()
    {
        var store = Open().GetRequiredService<ITenantMailSettingsStore>();
        await store.SaveAsync(new TenantMailSettings { Tenant = Acme, ImportAddresses = ["import@acme.example"] });

        var steal = async () => await store.SaveAsync(new TenantMailSettings { Tenant = Beta, ImportAddresses = ["IMPORT@acme.example"] });

        await steal.Should().ThrowAsync<ArgumentException>().WithMessage("*already belongs to tenant 'acme'*");
        (await store.FindByImportAddressAsync("import@acme.example"))!.Tenant.Should().Be(Acme);
        (await store.GetAsync(Beta)).Should().BeNull("the failed save changed nothing");
    }

    [Fact]
    public async Task Quarantine_keeps_the_raw_bytes_streamed_and_dedupes_held_messages()
    {
        var store = Open().GetRequiredService<IMailQuarantineStore>();
        var raw = RandomNumberGenerator.GetBytes(300_000);
        var request = new QuarantineRequest
        {
            Tenant = Acme,
            MessageKey = "mail/acme/mid/x@y",
            Reason = MailImportReason.UnknownReference,
            Detail = "no application 2024-000777",
            Reference = "2024-000777",
            From = "hr@acme.example",
            Subject = new string('s', 5000),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(raw)),
            ReceivedAt = _time.GetUtcNow(),
        };

        var first = await store.AddAsync(request, new MemoryStream(raw));
        var again = await store.AddAsync(request with { Reason = MailImportReason.OtherTenant, Detail = "moved" }, new MemoryStream(raw));

        first.Created.Should().BeTrue();
        again.Created.Should().BeFalse();
        again.Mail.Id.Should().Be(first.Mail.Id);
        again.Mail.Attempts.Should().Be(2);
        again.Mail.Request.Reason.Should().Be(MailImportReason.OtherTenant);
        first.Mail.Length.Should().Be(raw.Length);
        first.Mail.Request.Subject.Should().HaveLength(1000);

        var reopened = Open().GetRequiredService<IMailQuarantineStore>();
        await using (var stream = await reopened.OpenRawAsync(first.Mail.Id))
        {
            using var copy = new MemoryStream();
            await stream!.CopyToAsync(copy);
            copy.ToArray().Should().Equal(raw);
        }

        (await reopened.OpenRawAsync("q-unknown")).Should().BeNull();
        var held = new List<QuarantinedMail>();
        await foreach (var mail in reopened.ListAsync(Acme, QuarantineState.Held))
        {
            held.Add(mail);
        }

        held.Should().ContainSingle().Which.Request.Reference.Should().Be("2024-000777");
    }

    [Fact]
    public async Task Released_record_is_kept_and_a_new_quarantine_of_the_same_message_is_a_new_record()
    {
        var store = Open().GetRequiredService<IMailQuarantineStore>();
        var request = new QuarantineRequest { Tenant = null, MessageKey = "k", Reason = MailImportReason.UnknownRecipient, Sha256 = "00", ReceivedAt = _time.GetUtcNow() };
        var first = await store.AddAsync(request, new MemoryStream([1, 2, 3]));

        (await store.ReleaseAsync(first.Mail.Id, "hist-1", _time.GetUtcNow().AddMinutes(5))).Should().BeTrue();
        (await store.ReleaseAsync(first.Mail.Id, "hist-2", _time.GetUtcNow())).Should().BeFalse();
        var second = await store.AddAsync(request, new MemoryStream([1, 2, 3]));

        second.Created.Should().BeTrue();
        var released = await store.GetAsync(first.Mail.Id);
        released!.State.Should().Be(QuarantineState.Released);
        released.HistoryEntry.Should().Be("hist-1");
        released.ReleasedAt.Should().Be(_time.GetUtcNow().AddMinutes(5));
        released.Request.Tenant.Should().BeNull();
    }

    [Fact]
    public async Task Checkpoints_survive_a_restart()
    {
        var store = Open().GetRequiredService<IMailboxCheckpointStore>();
        (await store.GetAsync("imap:a")).Should().BeNull();
        await store.SaveAsync("imap:a", new MailboxCheckpoint(uint.MaxValue, 42, _time.GetUtcNow()));
        await store.SaveAsync("imap:a", new MailboxCheckpoint(uint.MaxValue, 43, _time.GetUtcNow()));

        var reopened = await Open().GetRequiredService<IMailboxCheckpointStore>().GetAsync("imap:a");

        reopened.Should().Be(new MailboxCheckpoint(uint.MaxValue, 43, _time.GetUtcNow()));
    }
}
