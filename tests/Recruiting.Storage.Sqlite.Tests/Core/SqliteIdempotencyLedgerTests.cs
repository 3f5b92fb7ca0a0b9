using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Core;

public class SqliteIdempotencyLedgerTests
{
    private static readonly TenantId Tenant = new("acme");

    [Fact]
    public async Task Begin_RecordsPending_AndReturnsTheExistingEntryWhenKnown()
    {
        using var store = new SqliteTestStore();
        var ledger = store.Get<IIdempotencyLedger>();
        var key = IdempotencyKey.Create("mail", "msg-1");

        var first = await ledger.BeginAsync(Tenant, key, "mail.import", "{\"a\":1}");
        store.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await ledger.BeginAsync(Tenant, key, "mail.import", "{\"a\":2}");

        first.State.Should().Be(LedgerState.Pending);
        second.Should().BeEquivalentTo(first);
        second.Payload.Should().Be("{\"a\":1}");
        second.CreatedAt.Should().Be(TestServices.Start);
    }

    [Fact]
    public async Task Complete_MarksDone_WithTheResult()
    {
        using var store = new SqliteTestStore();
        var ledger = store.Get<IIdempotencyLedger>();
        var key = IdempotencyKey.Create("board", "type", "default", "A1");
        await ledger.BeginAsync(Tenant, key, "board.intake");

        await ledger.CompleteAsync(Tenant, key, "{\"application\":\"app-1\"}");

        var entry = await ledger.GetAsync(Tenant, key);
        entry!.State.Should().Be(LedgerState.Done);
        entry.Result.Should().Be("{\"application\":\"app-1\"}");
        entry.CompletedAt.Should().Be(TestServices.Start);
        (await ledger.BeginAsync(Tenant, key, "board.intake")).State.Should().Be(LedgerState.Done);
    }

    [Fact]
    public async Task Complete_OfAnUnknownKey_Throws()
    {
        using var store = new SqliteTestStore();
        var act = () => store.Get<IIdempotencyLedger>().CompleteAsync(Tenant, IdempotencyKey.Create("x", "y"), null).AsTask();
        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task ListPending_ReturnsOnlyPendingEntriesOfTheOperation_ScopedByTenant()
    {
        using var store = new SqliteTestStore();
        var ledger = store.Get<IIdempotencyLedger>();
        await ledger.BeginAsync(Tenant, IdempotencyKey.Create("k", "1"), "op");
        await ledger.BeginAsync(Tenant, IdempotencyKey.Create("k", "2"), "op");
        await ledger.BeginAsync(Tenant, IdempotencyKey.Create("k", "3"), "other");
        await ledger.BeginAsync(new TenantId("globex"), IdempotencyKey.Create("k", "4"), "op");
        await ledger.CompleteAsync(Tenant, IdempotencyKey.Create("k", "2"), null);

        var pending = await ledger.ListPendingAsync("op", Tenant).ToListAsync();
        var all = await ledger.ListPendingAsync("op").ToListAsync();

        pending.Select(e => e.Key.Value).Should().Equal("k/1");
        all.Select(e => e.Key.Value).Should().BeEquivalentTo("k/1", "k/4");
    }

    [Fact]
    public async Task State_SurvivesARestart()
    {
        using var directory = new TestTempDirectory();
        var key = IdempotencyKey.Create("rejection", "r1", "0");
        using (var store = new SqliteTestStore(directory))
        {
            await store.Get<IIdempotencyLedger>().BeginAsync(Tenant, key, "automation.action");
        }

        using var restarted = new SqliteTestStore(directory);
        var pending = await restarted.Get<IIdempotencyLedger>().ListPendingAsync("automation.action").ToListAsync();
        pending.Should().ContainSingle().Which.Key.Should().Be(key);
    }
}
