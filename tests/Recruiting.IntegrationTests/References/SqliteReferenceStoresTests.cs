using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.References;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.References;

public sealed class SqliteReferenceStoresTests : IDisposable
{
    private static readonly TenantId Tenant = new("acme");
    private readonly TestTempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly ServiceProvider _services;
    private readonly IReferenceCheckStore _store;

    public SqliteReferenceStoresTests()
    {
        var services = TestServices.Create(new InMemoryHost(), _time);
        services.AddRecruiting().UseSqliteStorage(o =>
        {
            o.Path = _temp.File("store.db");
            o.KeysDirectory = _temp.File("keys");
        });
        _services = services.BuildServiceProvider();
        _store = _services.GetRequiredService<IReferenceCheckStore>();
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private ReferenceCheckRecord Record(string id, string key, string providerId) => new()
    {
        Tenant = Tenant,
        CheckId = id,
        Key = new IdempotencyKey(key),
        Provider = "http",
        ProviderCheckId = providerId,
        Candidate = new CandidateId("c-" + id),
        Application = new ApplicationId("a-" + id),
        Job = new JobId("job-1"),
        SubAccount = "main",
        Language = "sv",
        TemplateId = "tpl",
        CandidateContact = ContactChannel.Both,
        RefereeContact = ContactChannel.Sms,
        State = ReferenceCheckState.Requested,
        Requested = 2,
        Sequence = 1,
        ProviderUpdatedAt = _time.GetUtcNow(),
        CreatedAt = _time.GetUtcNow(),
        UpdatedAt = _time.GetUtcNow(),
        CandidateUrl = new Uri("https://provider.test/c/1"),
    };

    private ProviderCheckStatus Status(ReferenceCheckState state, int answered, long sequence, int minutes) => new()
    {
        ProviderCheckId = "p1",
        CheckId = "rc1",
        State = state,
        Requested = 2,
        Answered = answered,
        Sequence = sequence,
        UpdatedAt = TestServices.Start.AddMinutes(minutes),
    };

    [Fact]
    public async Task Adding_the_same_check_or_key_twice_keeps_the_first()
    {
        var first = await _store.AddAsync(Record("rc1", "k1", "p1"));
        var again = await _store.AddAsync(Record("rc1", "k1", "p1") with { TemplateId = "other" });
        var sameKey = await _store.AddAsync(Record("rc2", "k1", "p2"));

        first.Added.Should().BeTrue();
        first.Record.Should().BeEquivalentTo(Record("rc1", "k1", "p1"));
        again.Added.Should().BeFalse();
        again.Record.TemplateId.Should().Be("tpl");
        sameKey.Added.Should().BeFalse();
        sameKey.Record.CheckId.Should().Be("rc1");
        (await _store.FindByProviderIdAsync(Tenant, "http", "p1"))!.CheckId.Should().Be("rc1");
        (await _store.GetAsync(new TenantId("other"), "rc1")).Should().BeNull();
    }

    [Fact]
    public async Task Status_updates_apply_only_when_newer()
    {
        await _store.AddAsync(Record("rc1", "k1", "p1"));

        (await _store.ApplyStatusAsync(Tenant, "rc1", Status(ReferenceCheckState.InProgress, 1, 3, 3), _time.GetUtcNow()))!.State.Should().Be(ReferenceCheckState.InProgress);
        (await _store.ApplyStatusAsync(Tenant, "rc1", Status(ReferenceCheckState.RefereesNamed, 0, 2, 2), _time.GetUtcNow())).Should().BeNull("an older sequence");
        (await _store.ApplyStatusAsync(Tenant, "rc1", Status(ReferenceCheckState.InProgress, 1, 3, 3), _time.GetUtcNow())).Should().BeNull("the same status again");
        (await _store.ApplyStatusAsync(Tenant, "rc1", Status(ReferenceCheckState.InProgress, 1, 3, 4), _time.GetUtcNow())).Should().NotBeNull("same sequence, later update");
        var done = await _store.ApplyStatusAsync(Tenant, "rc1", Status(ReferenceCheckState.Completed, 2, 4, 5), _time.GetUtcNow());

        done.Should().Match<ReferenceCheckRecord>(r => r.State == ReferenceCheckState.Completed && r.Answered == 2 && r.Sequence == 4 && r.CandidateUrl == null);
        (await _store.GetAsync(Tenant, "rc1"))!.ProviderUpdatedAt.Should().Be(TestServices.Start.AddMinutes(5));
    }

    [Fact]
    public async Task Open_checks_are_running_ones_and_completed_ones_without_a_report_and_a_report_is_marked_once()
    {
        await _store.AddAsync(Record("rc1", "k1", "p1"));
        await _store.AddAsync(Record("rc2", "k2", "p2"));
        await _store.AddAsync(Record("rc3", "k3", "p3") with { State = ReferenceCheckState.Cancelled });
        await _store.ApplyStatusAsync(Tenant, "rc2", Status(ReferenceCheckState.Completed, 2, 9, 9) with { ProviderCheckId = "p2", CheckId = "rc2" }, _time.GetUtcNow());

        (await _store.ListOpenAsync(Tenant).ToListAsync()).Select(r => r.CheckId).Should().Equal("rc1", "rc2");
        (await _store.MarkReportFiledAsync(Tenant, "rc2", new DocumentId("doc-1"), _time.GetUtcNow())).Should().BeTrue();
        (await _store.MarkReportFiledAsync(Tenant, "rc2", new DocumentId("doc-2"), _time.GetUtcNow())).Should().BeFalse();
        (await _store.GetAsync(Tenant, "rc2"))!.ReportDocument.Should().Be(new DocumentId("doc-1"));
        (await _store.ListOpenAsync(Tenant).ToListAsync()).Select(r => r.CheckId).Should().Equal("rc1");
        (await _store.ListAsync(Tenant, new JobId("job-1")).ToListAsync()).Should().HaveCount(3);
        (await _store.ListAsync(Tenant, new JobId("job-2")).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Provider_settings_round_trip_per_tenant()
    {
        var settings = _services.GetRequiredService<IReferenceProviderSettingsStore>();
        var saved = new ReferenceProviderSettings { Tenant = Tenant, BaseAddress = new Uri("https://provider.test/api/"), DefaultSubAccount = "main", CallbackUrl = new Uri("https://ats.test/hooks/acme"), ReferenceAssignment = new JobId("job-ref") };
        await settings.SaveAsync(saved);
        await settings.SaveAsync(saved with { Tenant = new TenantId("other"), DefaultSubAccount = null, CallbackUrl = null, ReferenceAssignment = null });

        (await settings.GetAsync(Tenant)).Should().Be(saved);
        (await settings.GetAsync(new TenantId("other")))!.DefaultSubAccount.Should().BeNull();
        (await settings.GetAsync(new TenantId("nobody"))).Should().BeNull();
    }
}
