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
    public async Task BeginMany_RecordsNewKeysPending_ReturnsKnownOnesAsStored_AndAKeyGivenTwiceOnce()
    {
        using var store = new SqliteTestStore();
        var ledger = store.Get<IIdempotencyLedger>();
        var done = IdempotencyKey.Create("board", "done");
        await ledger.BeginAsync(Tenant, done, "board.intake", "{\"old\":1}");
        await ledger.CompleteAsync(Tenant, done, "{\"application\":\"app-1\"}");
        store.Time.Advance(TimeSpan.FromMinutes(1));

        var fresh = IdempotencyKey.Create("board", "fresh");
        var entries = await ledger.BeginManyAsync(Tenant,
        [
            new LedgerBegin(fresh, "board.intake", "{\"n\":1}"),
            new LedgerBegin(done, "board.intake", "{\"n\":2}"),
            new LedgerBegin(fresh, "board.intake", "{\"n\":3}"),
        ]);

        entries.Select(e => e.Key).Should().Equal(fresh, done, fresh);
        entries[0].Should().BeEquivalentTo(new LedgerEntry(Tenant, fresh, "board.intake", LedgerState.Pending, "{\"n\":1}", null, TestServices.Start.AddMinutes(1), null));
        entries[1].State.Should().Be(LedgerState.Done);
        entries[1].Result.Should().Be("{\"application\":\"app-1\"}");
        entries[1].Payload.Should().Be("{\"old\":1}", "a known key keeps what was stored");
        entries[2].Should().BeEquivalentTo(entries[0], "the second occurrence finds the first");
        (await ledger.GetAsync(Tenant, fresh)).Should().BeEquivalentTo(entries[0]);
        (await ledger.BeginManyAsync(Tenant, [])).Should().BeEmpty();
    }

    [Fact]
    public async Task CompleteMany_MarksAllDone_OrNoneWhenAKeyWasNeverBegun()
    {
        using var store = new SqliteTestStore();
        var ledger = store.Get<IIdempotencyLedger>();
        var a = IdempotencyKey.Create("k", "a");
        var b = IdempotencyKey.Create("k", "b");
        await ledger.BeginManyAsync(Tenant, [new LedgerBegin(a, "op", null), new LedgerBegin(b, "op", null)]);

        var act = () => ledger.CompleteManyAsync(Tenant, [new LedgerCompletion(a, "ra"), new LedgerCompletion(IdempotencyKey.Create("k", "never"), null)]).AsTask();
        await act.Should().ThrowAsync<InvalidOperationException>();
        (await ledger.GetAsync(Tenant, a))!.State.Should().Be(LedgerState.Pending, "the batch is one transaction: all or none");

        await ledger.CompleteManyAsync(Tenant, [new LedgerCompletion(a, "ra"), new LedgerCompletion(b, null)]);
        var entries = await ledger.GetManyAsync(Tenant, [a, IdempotencyKey.Create("k", "unknown"), b]);
        entries[0]!.State.Should().Be(LedgerState.Done);
        entries[0]!.Result.Should().Be("ra");
        entries[1].Should().BeNull();
        entries[2]!.State.Should().Be(LedgerState.Done);
        (await ledger.GetManyAsync(new TenantId("globex"), [a])).Should().Equal([null], "entries are scoped by tenant");
    }

    [Fact]
    public async Task GetMany_ReadsEveryColumnAsGetDoes_JapaneseTextAndNullsIncluded()
    {
        using var store = new SqliteTestStore();
        var ledger = store.Get<IIdempotencyLedger>();
        var pending = IdempotencyKey.Create("board", "type", "山田 太郎");
        var done = IdempotencyKey.Create("board", "type", "id", "A-2");
        var bare = IdempotencyKey.Create("board", "type", "id", "A-3");
        await ledger.BeginManyAsync(Tenant,
        [
            new LedgerBegin(pending, "board.intake", "{\"name\":\"山田 太郎\",\"kana\":\"ﾔﾏﾀﾞ\"}"),
            new LedgerBegin(done, "board.intake", "{\"n\":2}"),
            new LedgerBegin(bare, "other", null),
        ]);
        store.Time.Advance(TimeSpan.FromSeconds(3));
        await ledger.CompleteManyAsync(Tenant, [new LedgerCompletion(done, "{\"application\":\"応募-2\"}")]);

        var entries = await ledger.GetManyAsync(Tenant, [pending, done, bare, pending]);

        entries[0].Should().BeEquivalentTo(await ledger.GetAsync(Tenant, pending));
        entries[0]!.Payload.Should().Be("{\"name\":\"山田 太郎\",\"kana\":\"ﾔﾏﾀﾞ\"}");
        entries[0]!.CompletedAt.Should().BeNull();
        entries[1].Should().BeEquivalentTo(new LedgerEntry(Tenant, done, "board.intake", LedgerState.Done, "{\"n\":2}", "{\"application\":\"応募-2\"}", TestServices.Start, TestServices.Start.AddSeconds(3)));
        entries[2].Should().BeEquivalentTo(new LedgerEntry(Tenant, bare, "other", LedgerState.Pending, null, null, TestServices.Start, null));
        entries[3].Should().BeEquivalentTo(entries[0], "a key asked twice is read twice");
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
