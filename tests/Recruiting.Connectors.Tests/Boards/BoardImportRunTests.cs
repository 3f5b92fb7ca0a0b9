using Recruiting.Boards;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class BoardImportRunTests
{
    private static readonly TenantId Tenant = BoardImportFixture.Tenant;
    private const string Board = "マイナビ転職";

    [Fact]
    public async Task AutomaticRun_AllowList_Mapping_Ledger_Counts_Events_History()
    {
        using var fixture = await BoardImportFixture.ReadyAsync("P1");

        var run = await fixture.StartAutomaticRunAsync();
        (await run.ImportAsync(BoardImportFixture.Applicant("A1"))).Status.Should().Be(ApplicantImportStatus.Imported);
        (await run.ImportAsync(BoardImportFixture.Applicant("A2", posting: "P2"))).Status.Should().Be(ApplicantImportStatus.NotOnAllowList);
        (await run.ImportAsync(BoardImportFixture.Applicant("A1"))).Status.Should().Be(ApplicantImportStatus.Duplicate);
        var recorded = await run.CompleteAsync();

        recorded.Status.Should().Be(ImportRunStatus.Completed);
        recorded.Counts.Should().Be(new ImportCounts(Seen: 3, Imported: 1, Duplicates: 1, NotOnAllowList: 1, Failed: 0));
        var intake = fixture.Host.Intakes.Should().ContainSingle().Subject;
        intake.Request.Job.Should().Be(new JobId("job-sales"));
        intake.Request.Flow.Should().Be(new HiringFlowId("flow-sales"));
        intake.Request.Source.Should().Be(new ApplicantSource(Board, "default", "A1", "P1", "営業スタッフ"));
        intake.Request.Profile.Name.Phonetic.Should().Be("ヤマダ タロウ");
        fixture.Host.EventsOf<ApplicantImported>().Should().ContainSingle().Which.Manual.Should().BeFalse();
        var completed = fixture.Host.EventsOf<ImportRunCompleted>().Should().ContainSingle().Subject;
        (completed.Imported, completed.NotOnAllowList, completed.Duplicates).Should().Be((1, 1, 1));

        var ledger = await fixture.Get<IIdempotencyLedger>().GetAsync(Tenant, IdempotencyKey.Create("board", Board, "default", "id", "A1"));
        ledger!.State.Should().Be(LedgerState.Done);

        // A second run imports nothing twice.
        var second = await fixture.StartAutomaticRunAsync();
        (await second.ImportAsync(BoardImportFixture.Applicant("A1"))).Status.Should().Be(ApplicantImportStatus.Duplicate);
        var known = await second.AreAlreadyImportedAsync([BoardImportFixture.Applicant("A1"), BoardImportFixture.Applicant("A9")]);
        known[0].Should().BeTrue();
        known[1].Should().BeFalse();
        await second.CompleteAsync();
        fixture.Host.Intakes.Should().HaveCount(1);
        (await fixture.History.ListAsync(Tenant)).Should().HaveCount(2);
    }

    [Fact]
    public async Task EndedPostings_ImportedForTheGracePeriod_ThenCountedNotOnAllowList()
    {
        using var fixture = await BoardImportFixture.ReadyAsync("recent", "old", "open");
        var now = fixture.Time.GetUtcNow();

        var run = await fixture.StartAutomaticRunAsync();
        run.GracePeriod.Should().Be(TimeSpan.FromDays(7));
        run.SetPostings(
        [
            new BoardPosting("recent", "営業A", BoardPostingState.Ended, now.AddDays(-30), now.AddDays(-6.9)),
            new BoardPosting("old", "営業B", BoardPostingState.Ended, now.AddDays(-30), now.AddDays(-7.1)),
            new BoardPosting("open", "営業C", BoardPostingState.Published, now.AddDays(-3)),
        ]);
        (await run.ImportAsync(BoardImportFixture.Applicant("1", posting: "recent"))).Status.Should().Be(ApplicantImportStatus.Imported);
        var old = await run.ImportAsync(BoardImportFixture.Applicant("2", posting: "old"));
        old.Status.Should().Be(ApplicantImportStatus.NotOnAllowList);
        old.Reason.Should().Be("postingEnded");
        (await run.ImportAsync(BoardImportFixture.Applicant("3", posting: "open"))).Status.Should().Be(ApplicantImportStatus.Imported);
        await run.CompleteAsync();

        // A tenant's own grace period applies from the next run.
        await fixture.Settings.SetGracePeriodAsync(Tenant, Board, TimeSpan.FromDays(10));
        var next = await fixture.StartAutomaticRunAsync();
        next.SetPostings([new BoardPosting("old", "営業B", BoardPostingState.Ended, now.AddDays(-30), now.AddDays(-7.1))]);
        (await next.ImportAsync(BoardImportFixture.Applicant("2", posting: "old"))).Status.Should().Be(ApplicantImportStatus.Imported);
        await next.CompleteAsync();
    }

    [Fact]
    public async Task SettingsEditedDuringARun_TakeEffectFromTheNextRun()
    {
        using var fixture = await BoardImportFixture.ReadyAsync("P1");

        var run = await fixture.StartAutomaticRunAsync();
        await fixture.AllowAsync("P2");
        await fixture.Settings.RemoveActivePostingAsync(Tenant, new ActivePosting(Board, null, PostingMatch.ById("P1")));
        (await run.ImportAsync(BoardImportFixture.Applicant("A1", posting: "P1"))).Status.Should().Be(ApplicantImportStatus.Imported);
        (await run.ImportAsync(BoardImportFixture.Applicant("A2", posting: "P2"))).Status.Should().Be(ApplicantImportStatus.NotOnAllowList);
        await run.CompleteAsync();

        var next = await fixture.StartAutomaticRunAsync();
        (await next.ImportAsync(BoardImportFixture.Applicant("A3", posting: "P1"))).Status.Should().Be(ApplicantImportStatus.NotOnAllowList);
        (await next.ImportAsync(BoardImportFixture.Applicant("A2", posting: "P2"))).Status.Should().Be(ApplicantImportStatus.Imported);
        await next.CompleteAsync();
    }

    [Fact]
    public async Task AccountDeletedDuringARun_StopsImportsFromThatMoment()
    {
        using var fixture = await BoardImportFixture.ReadyAsync("P1");

        var run = await fixture.StartAutomaticRunAsync();
        (await run.ImportAsync(BoardImportFixture.Applicant("A1"))).Status.Should().Be(ApplicantImportStatus.Imported);
        await fixture.Accounts.DeleteAsync(Tenant, Board, "default");
        (await run.ImportAsync(BoardImportFixture.Applicant("A2"))).Status.Should().Be(ApplicantImportStatus.AccountDeleted);

        // Created again under the same name, it is another account: the old run stays stopped.
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await fixture.AddAccountAsync();
        (await run.ImportAsync(BoardImportFixture.Applicant("A3"))).Status.Should().Be(ApplicantImportStatus.AccountDeleted);
        run.AccountDeleted.Should().BeTrue();
        var recorded = await run.CompleteAsync();
        recorded.Counts.Imported.Should().Be(1);
        recorded.Errors.Should().ContainSingle(e => e.Code == "accountDeleted");
        fixture.Host.Intakes.Should().HaveCount(1);

        (await fixture.Pipeline.StartRunAsync(Tenant, Board, "gone", ImportTrigger.Automatic)).Should().BeNull();
    }

    [Fact]
    public async Task ARunStartedFromAnAccountReadEarlier_IsRecorded_AndStopsAtItsFirstBatchWhenTheAccountWasDeletedSince()
    {
        using var fixture = await BoardImportFixture.ReadyAsync("P1");
        var account = (await fixture.Get<IBoardAccountStore>().GetAsync(Tenant, Board, "default"))!;

        var run = await fixture.Pipeline.StartRunAsync(Tenant, account, ImportTrigger.Automatic);
        run.Account.Should().BeSameAs(account);
        (await fixture.Get<IBoardImportHistoryStore>().GetAsync(Tenant, run.Id))!.Status.Should().Be(ImportRunStatus.Running);
        (await run.ImportAsync(BoardImportFixture.Applicant("A1"))).Status.Should().Be(ApplicantImportStatus.Imported);
        (await run.CompleteAsync()).Counts.Imported.Should().Be(1);

        await fixture.Accounts.DeleteAsync(Tenant, Board, "default");
        var late = await fixture.Pipeline.StartRunAsync(Tenant, account, ImportTrigger.Automatic);
        (await late.ImportAsync(BoardImportFixture.Applicant("A2"))).Status.Should().Be(ApplicantImportStatus.AccountDeleted);
        (await late.CompleteAsync()).Errors.Should().ContainSingle(e => e.Code == "accountDeleted");
        fixture.Host.Intakes.Should().HaveCount(1);
    }

    [Fact]
    public async Task NoMapping_Fails_WithAReason_AndAMappingOfTheAccountWinsOverTheBoards()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        await fixture.AllowAsync("P1");
        await fixture.AllowAsync("P2");
        await fixture.Settings.SetMappingAsync(Tenant, new PostingMapping(Board, null, PostingMatch.ById("P1"), new JobId("job-board-wide")));
        await fixture.Settings.SetMappingAsync(Tenant, new PostingMapping(Board, "default", PostingMatch.ById("P1"), new JobId("job-account")));

        var run = await fixture.StartAutomaticRunAsync();
        (await run.ImportAsync(BoardImportFixture.Applicant("A1", posting: "P1"))).Status.Should().Be(ApplicantImportStatus.Imported);
        var unmapped = await run.ImportAsync(BoardImportFixture.Applicant("A2", posting: "P2"));
        unmapped.Status.Should().Be(ApplicantImportStatus.Failed);
        unmapped.Reason.Should().Be("noPostingMapping");
        var recorded = await run.CompleteAsync();
        recorded.Counts.Failed.Should().Be(1);
        recorded.Errors.Should().ContainSingle(e => e.Code == "noPostingMapping" && e.BoardApplicantId == "A2");
        fixture.Host.Intakes.Single().Request.Job.Should().Be(new JobId("job-account"));
    }

    [Fact]
    public async Task CrashAfterTheHostApplied_RerunImportsExactlyTheMissingOnes()
    {
        using var fixture = await BoardImportFixture.ReadyAsync("P1");

        // The host applies A2 and the process "dies" before the SDK marks it done.
        fixture.Host.AfterApply = (_, key) => key.Value.EndsWith("/A2", StringComparison.Ordinal) ? new IOException("connection reset") : null;
        var run = await fixture.StartAutomaticRunAsync();
        foreach (var id in new[] { "A1", "A2", "A3" })
        {
            await run.ImportAsync(BoardImportFixture.Applicant(id));
        }

        (await run.CompleteAsync()).Counts.Should().Be(new ImportCounts(3, 2, 0, 0, 1));
        var key = IdempotencyKey.Create("board", Board, "default", "id", "A2");
        (await fixture.Get<IIdempotencyLedger>().GetAsync(Tenant, key))!.State.Should().Be(LedgerState.Pending);

        fixture.Host.AfterApply = null;
        var rerun = await fixture.StartAutomaticRunAsync();
        var outcomes = new List<ApplicantImportStatus>();
        foreach (var id in new[] { "A1", "A2", "A3", "A4" })
        {
            outcomes.Add((await rerun.ImportAsync(BoardImportFixture.Applicant(id))).Status);
        }

        await rerun.CompleteAsync();
        outcomes.Should().Equal(ApplicantImportStatus.Duplicate, ApplicantImportStatus.Imported, ApplicantImportStatus.Duplicate, ApplicantImportStatus.Imported);
        fixture.Host.Intakes.Should().HaveCount(4, "A2 reached the host once; the replay got the first result back");
        fixture.Host.RepeatedKeys.Should().Be(1);
        (await fixture.Get<IIdempotencyLedger>().GetAsync(Tenant, key))!.State.Should().Be(LedgerState.Done);
    }

    [Fact]
    public async Task ReplayPending_CompletesIntakesLeftByACrash()
    {
        using var fixture = await BoardImportFixture.ReadyAsync("P1");
        fixture.Host.BeforeApply = (_, _) => new TimeoutException("host down");
        var run = await fixture.StartAutomaticRunAsync();
        (await run.ImportAsync(BoardImportFixture.Applicant("A1"))).Reason.Should().Be("intakeFailed");
        await run.CompleteAsync();
        fixture.Host.Intakes.Should().BeEmpty();

        fixture.Host.BeforeApply = null;
        (await fixture.Pipeline.ReplayPendingAsync(Tenant)).Should().Be(1);
        (await fixture.Pipeline.ReplayPendingAsync(Tenant)).Should().Be(0);
        var intake = fixture.Host.Intakes.Should().ContainSingle().Subject;
        intake.Request.Profile.Name.Full.Should().Be("山田 太郎");
        intake.Request.Source.ExternalId.Should().Be("A1");
        fixture.Host.EventsOf<ApplicantImported>().Should().ContainSingle();
    }

    [Fact]
    public async Task DisposedWithoutCompleting_RecordedAsInterrupted()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        string id;
        await using (var run = await fixture.StartAutomaticRunAsync())
        {
            id = run.Id;
            (await fixture.History.GetAsync(Tenant, id))!.Status.Should().Be(ImportRunStatus.Running);
        }

        var recorded = await fixture.History.GetAsync(Tenant, id);
        recorded!.Status.Should().Be(ImportRunStatus.Failed);
        recorded.FailureCode.Should().Be("interrupted");
    }

    [Fact]
    public async Task FailedRun_KeepsItsCodeAndMessage()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        var run = await fixture.StartAutomaticRunAsync();
        var recorded = await run.FailAsync("boardLayoutChanged", "form#login not found");
        recorded.Status.Should().Be(ImportRunStatus.Failed);
        recorded.FailureCode.Should().Be("boardLayoutChanged");
        recorded.Errors.Should().ContainSingle(e => e.Message == "form#login not found");
        fixture.Host.EventsOf<ImportRunCompleted>().Single().Errors.Should().ContainSingle().Which.Should().Contain("form#login");
        var act = async () => await run.ImportAsync(BoardImportFixture.Applicant("x"));
        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task HistoryFlushedWhileRunning()
    {
        using var fixture = new BoardImportFixture(o => o.HistoryFlushInterval = 2);
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();
        await fixture.AllowAsync("P1");
        var run = await fixture.StartAutomaticRunAsync();
        for (var i = 0; i < 5; i++)
        {
            await run.ImportAsync(BoardImportFixture.Applicant($"A{i}"));
        }

        (await fixture.History.GetAsync(Tenant, run.Id))!.Counts.Imported.Should().Be(4);
        await run.CompleteAsync();
        (await fixture.History.GetAsync(Tenant, run.Id))!.Counts.Imported.Should().Be(5);
    }

    [Fact]
    public async Task UnknownBoard_IsAnArgumentError()
    {
        using var fixture = new BoardImportFixture();
        var act = async () => await fixture.Pipeline.StartRunAsync(Tenant, "Green", "default", ImportTrigger.Automatic);
        await act.Should().ThrowAsync<ArgumentException>();
    }
}
