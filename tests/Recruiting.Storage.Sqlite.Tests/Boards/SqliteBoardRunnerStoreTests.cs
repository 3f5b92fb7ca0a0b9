using Recruiting.Boards;
using Recruiting.Storage.Sqlite.Tests.Core;

namespace Recruiting.Storage.Sqlite.Tests.Boards;

public sealed class SqliteBoardRunnerStoreTests : IDisposable
{
    private static readonly TenantId Tenant = new("t1");
    private readonly SqliteTestStore _store = new();

    private IBoardRunnerStore Store => _store.Get<IBoardRunnerStore>();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Get_BeforeAnything_IsNull()
        => (await Store.GetAsync(Tenant, "type", "default")).Should().BeNull();

    [Fact]
    public async Task Watermark_OnlyMovesForward()
    {
        var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9));
        await Store.AdvanceWatermarkAsync(Tenant, "type", "default", at, "A2", 20);
        await Store.AdvanceWatermarkAsync(Tenant, "type", "default", at.AddMinutes(-5), "A1", 3);

        var state = await Store.GetAsync(Tenant, "type", "default");
        state!.WatermarkAppliedAt.Should().Be(at);
        state.WatermarkApplicantId.Should().Be("A2");
        state.LastFirstPageRows.Should().Be(20);
        (await Store.GetAsync(new TenantId("other"), "type", "default")).Should().BeNull("states are per tenant");
    }

    [Fact]
    public async Task Health_ReturnsThePrevious_AndKeepsDetailAndRevision()
    {
        var at = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        (await Store.SetHealthAsync(Tenant, "type", "a", BoardHealth.LayoutChanged, "dd.name", 3, at)).Should().Be(BoardHealth.Healthy);
        (await Store.SetHealthAsync(Tenant, "type", "a", BoardHealth.LayoutChanged, "dd.name", 3, at.AddHours(1))).Should().Be(BoardHealth.LayoutChanged);

        var state = await Store.GetAsync(Tenant, "type", "a");
        state!.Health.Should().Be(BoardHealth.LayoutChanged);
        state.HealthDetail.Should().Be("dd.name");
        state.HealthAccountRevision.Should().Be(3);
        state.HealthChangedAt.Should().Be(at, "the health did not change the second time");
        (await Store.ListAsync(Tenant)).Should().ContainSingle();
    }

    [Fact]
    public async Task Lease_IsExclusiveUntilReleasedOrExpired()
    {
        var now = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        (await Store.TryAcquireLeaseAsync(Tenant, "type", "a", "p1", now, TimeSpan.FromMinutes(10))).Should().BeTrue();
        (await Store.TryAcquireLeaseAsync(Tenant, "type", "a", "p2", now.AddMinutes(1), TimeSpan.FromMinutes(10))).Should().BeFalse();
        (await Store.TryAcquireLeaseAsync(Tenant, "type", "a", "p1", now.AddMinutes(1), TimeSpan.FromMinutes(10))).Should().BeTrue("the owner may renew");
        (await Store.TryAcquireLeaseAsync(Tenant, "type", "a", "p2", now.AddMinutes(12), TimeSpan.FromMinutes(10))).Should().BeTrue("an expired lease is free");

        await Store.ReleaseLeaseAsync(Tenant, "type", "a", "p1");
        (await Store.GetAsync(Tenant, "type", "a"))!.LeaseOwner.Should().Be("p2", "only the owner releases");
        await Store.ReleaseLeaseAsync(Tenant, "type", "a", "p2");
        (await Store.TryAcquireLeaseAsync(Tenant, "type", "a", "p3", now.AddMinutes(13), TimeSpan.FromMinutes(10))).Should().BeTrue();
    }

    [Fact]
    public async Task NextDue_IsStoredAndCleared()
    {
        var due = new DateTimeOffset(2026, 11, 20, 0, 30, 0, TimeSpan.Zero);
        await Store.SetNextDueAsync(Tenant, "type", "a", due);
        (await Store.GetAsync(Tenant, "type", "a"))!.NextDueAt.Should().Be(due);
        await Store.SetNextDueAsync(Tenant, "type", "a", null);
        (await Store.GetAsync(Tenant, "type", "a"))!.NextDueAt.Should().BeNull();
    }
}
