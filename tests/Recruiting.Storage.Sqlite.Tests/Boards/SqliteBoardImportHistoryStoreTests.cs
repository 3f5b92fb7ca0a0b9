using Recruiting.Boards;
using Recruiting.Storage.Sqlite;
using Recruiting.Storage.Sqlite.Tests.Core;

namespace Recruiting.Storage.Sqlite.Tests.Boards;

public sealed class SqliteBoardImportHistoryStoreTests
{
    private static readonly TenantId Tenant = new("t1");

    private static ImportRun Run(string id, DateTimeOffset at, string board = "type", string account = "default", ImportTrigger trigger = ImportTrigger.Automatic) => new()
    {
        Id = id,
        Tenant = Tenant,
        Board = board,
        Account = account,
        Trigger = trigger,
        StartedAt = at,
    };

    [Fact]
    public async Task StartUpdateComplete_RoundTrips()
    {
        using var store = new SqliteTestStore();
        var history = store.Get<IBoardImportHistoryStore>();
        var start = store.Time.GetUtcNow();
        await history.StartAsync(Run("r1", start, trigger: ImportTrigger.Manual) with { Source = "export.csv" });
        await history.UpdateAsync(Tenant, "r1", new ImportCounts(5, 3, 1, 0, 1), [new ImportRunError("missingName", "no name", Row: 4)]);
        var done = await history.CompleteAsync(Tenant, "r1", ImportRunStatus.Completed, start.AddSeconds(3), new ImportCounts(10, 7, 1, 0, 2), [new ImportRunError("intakeFailed", "boom", BoardApplicantId: "A-9")]);

        done.Status.Should().Be(ImportRunStatus.Completed);
        done.Trigger.Should().Be(ImportTrigger.Manual);
        done.Source.Should().Be("export.csv");
        done.EndedAt.Should().Be(start.AddSeconds(3));
        done.Counts.Should().Be(new ImportCounts(10, 7, 1, 0, 2));
        done.Errors.Should().Equal(new ImportRunError("missingName", "no name", 4), new ImportRunError("intakeFailed", "boom", null, "A-9"));
        (await history.GetAsync(Tenant, "r1")).Should().BeEquivalentTo(done);
        (await history.GetAsync(new TenantId("other"), "r1")).Should().BeNull();
    }

    [Fact]
    public async Task List_NewestFirst_FilteredAndPaged()
    {
        using var store = new SqliteTestStore();
        var history = store.Get<IBoardImportHistoryStore>();
        var t = store.Time.GetUtcNow();
        await history.StartAsync(Run("r1", t));
        await history.StartAsync(Run("r2", t.AddMinutes(1), account: "second"));
        await history.StartAsync(Run("r3", t.AddMinutes(2), board: "エン転職"));
        await history.StartAsync(Run("r4", t.AddMinutes(3)) with { Tenant = new TenantId("other") });

        (await history.ListAsync(Tenant)).Select(r => r.Id).Should().Equal("r3", "r2", "r1");
        (await history.ListAsync(Tenant, new ImportRunQuery(Board: "type"))).Select(r => r.Id).Should().Equal("r2", "r1");
        (await history.ListAsync(Tenant, new ImportRunQuery(Board: "type", Account: "default"))).Select(r => r.Id).Should().Equal("r1");
        (await history.ListAsync(Tenant, new ImportRunQuery(Limit: 1))).Select(r => r.Id).Should().Equal("r3");
        (await history.ListAsync(Tenant, new ImportRunQuery(StartedBefore: t.AddMinutes(2)))).Select(r => r.Id).Should().Equal("r2", "r1");
    }

    [Fact]
    public async Task Errors_CappedPerRun_RestCounted()
    {
        using var store = new SqliteTestStore();
        var history = store.Get<IBoardImportHistoryStore>();
        await history.StartAsync(Run("r1", store.Time.GetUtcNow()));
        var errors = Enumerable.Range(1, SqliteBoardImportHistoryStore.MaxErrorsPerRun + 5).Select(i => new ImportRunError("missingName", "no name", i)).ToList();
        await history.UpdateAsync(Tenant, "r1", ImportCounts.Zero, errors[..10]);
        var run = await history.CompleteAsync(Tenant, "r1", ImportRunStatus.Completed, store.Time.GetUtcNow(), ImportCounts.Zero, errors[10..]);

        run.Errors.Should().HaveCount(SqliteBoardImportHistoryStore.MaxErrorsPerRun);
        run.Errors[^1].Row.Should().Be(SqliteBoardImportHistoryStore.MaxErrorsPerRun);
        run.ErrorsOmitted.Should().Be(5);
    }

    [Fact]
    public async Task Complete_UnknownRun_Throws_AbandonMarksOldRunning()
    {
        using var store = new SqliteTestStore();
        var history = store.Get<IBoardImportHistoryStore>();
        var unknown = async () => await history.CompleteAsync(Tenant, "nope", ImportRunStatus.Completed, store.Time.GetUtcNow(), ImportCounts.Zero, []);
        await unknown.Should().ThrowAsync<InvalidOperationException>();

        var t = store.Time.GetUtcNow();
        await history.StartAsync(Run("old", t));
        await history.StartAsync(Run("new", t.AddHours(2)));
        (await history.AbandonRunningAsync(t.AddHours(1), t.AddHours(3))).Should().Be(1);
        (await history.GetAsync(Tenant, "old"))!.Status.Should().Be(ImportRunStatus.Abandoned);
        (await history.GetAsync(Tenant, "new"))!.Status.Should().Be(ImportRunStatus.Running);
    }
}
