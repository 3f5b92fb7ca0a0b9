using Microsoft.Extensions.DependencyInjection;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;
using Recruiting.Samples.BoardSimulator;

namespace Recruiting.IntegrationTests.Boards;

public sealed class BoardImportRunnerTests
{
    [Fact]
    public async Task FirstRun_ImportsApplicantsOfAllowedPostings_AndASecondRunImportsNothing()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        var importable = f.Importable("acct001");
        importable.Should().BeLessThan(45, "some applicants applied to postings that ended more than 7 days ago");

        var first = await f.RunAsync();

        first.Status.Should().Be(BoardRunStatus.Completed);
        first.Health.Should().Be(BoardHealth.Healthy);
        first.Run!.Counts.Should().Be(new ImportCounts(45, importable, 0, 45 - importable, 0));
        f.Host.Intakes.Should().HaveCount(importable);
        f.Host.Intakes.Should().OnlyContain(i => i.Request.Job == new JobId("job-1") && i.Request.Source.Channel == BoardImportFixture.Board);
        var state = await f.StateAsync();
        state!.WatermarkApplicantId.Should().Be(f.Simulator.Account("acct001").Applicants[0].Id);
        state.WatermarkAppliedAt.Should().Be(f.Simulator.Account("acct001").Applicants[0].AppliedAt);
        var detailPages = f.Simulator.Stats.DetailPages;
        var listPages = f.Simulator.Stats.ListPages;
        detailPages.Should().Be(importable, "applicants not on the allow-list are not opened");

        var second = await f.RunAsync();

        second.Run!.Counts.Should().Be(ImportCounts.Zero);
        f.Host.Intakes.Should().HaveCount(importable);
        f.Simulator.Stats.ListPages.Should().Be(listPages + 1, "the first page already reaches the watermark");
        f.Simulator.Stats.FilteredListPages.Should().Be(1, "the rerun asks the board for the watermark's day and later only");
        f.Simulator.Stats.DetailPages.Should().Be(detailPages);
        var history = await f.Provider.GetRequiredService<IBoardImportHistoryStore>().ListAsync(BoardImportFixture.Tenant);
        history.Should().HaveCount(2).And.OnlyContain(r => r.Status == ImportRunStatus.Completed && r.Trigger == ImportTrigger.Automatic);
        f.Host.EventsOf<ImportRunCompleted>().Should().HaveCount(2);
    }

    [Fact]
    public async Task ARerunWithNothingNew_ReadsOnlyTheRowsOfTheWatermarksDay()
    {
        await using var f = await BoardImportFixture.CreateAsync(new BoardSimulatorOptions { Accounts = 1, ApplicantsPerAccount = 45, PageSize = 50 });
        await f.RunAsync();
        var rows = f.Simulator.Stats.ListRows;
        rows.Should().Be(45);
        var newest = f.Simulator.Account("acct001").Applicants[0].AppliedAt.ToOffset(TimeSpan.FromHours(9));
        var sameDay = f.Simulator.Account("acct001").Applicants.Count(a => a.AppliedAt.ToOffset(TimeSpan.FromHours(9)).Date == newest.Date);

        var rerun = await f.RunAsync();

        rerun.Status.Should().Be(BoardRunStatus.Completed);
        rerun.Run!.Counts.Should().Be(ImportCounts.Zero);
        f.Simulator.Stats.ListRows.Should().Be(rows + sameDay, "a full page of 45 rows on the first run, the watermark's day only on the rerun");
        sameDay.Should().BeLessThan(45);
    }

    [Fact]
    public async Task AnEmptySearchFromTheWatermark_ThatTheBoardConfirms_IsNoLayoutChange_EvenAfterRunsThatSawManyRows()
    {
        await using var f = await BoardImportFixture.CreateAsync(runner: o => o.ZeroRowsThreshold = 5);
        var newest = f.Simulator.Account("acct001").Applicants[0].AppliedAt;
        var store = f.Provider.GetRequiredService<IBoardRunnerStore>();

        // The last run saw a full first page; the watermark is past every applicant (the board dropped the last ones).
        await store.AdvanceWatermarkAsync(BoardImportFixture.Tenant, BoardImportFixture.Board, "default", newest.AddDays(3), "gone", 20);

        var run = await f.RunAsync();

        run.Status.Should().Be(BoardRunStatus.Completed);
        run.Health.Should().Be(BoardHealth.Healthy);
        run.Run!.Counts.Should().Be(ImportCounts.Zero);
        f.Simulator.Stats.FilteredListPages.Should().Be(1);
    }

    [Fact]
    public async Task NewApplicants_SinceTheLastRun_AreImported_WithTheirResume()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        await f.RunAsync();
        var before = f.Host.Intakes.Count;
        var added = f.Simulator.AddApplicants("acct001", 3);

        var run = await f.RunAsync();

        run.Run!.Counts.Seen.Should().Be(3);
        (run.Run.Counts.Imported + run.Run.Counts.NotOnAllowList).Should().Be(3);
        var imported = f.Host.Intakes.Skip(before).ToList();
        imported.Select(i => i.Request.Source.ExternalId).Should().BeSubsetOf(added.Select(a => a.Id));
        imported.Should().OnlyContain(i => i.Request.Documents.Count == 1 && i.Request.Documents[0].Kind == DocumentKind.Cv && i.Request.Documents[0].ContentType == "application/pdf");
        (await f.StateAsync())!.WatermarkApplicantId.Should().Be(added[0].Id);
    }

    [Fact]
    public async Task Profiles_ArriveAsTheBoardWroteThem_IncludingApplicantsWithoutEmail()
    {
        await using var f = await BoardImportFixture.CreateAsync(new BoardSimulatorOptions { Accounts = 1, ApplicantsPerAccount = 30, PostingsPerAccount = 1 });
        await f.RunAsync();

        var applicants = f.Simulator.Account("acct001").Applicants;
        f.Host.Intakes.Should().HaveCount(30);
        var noMail = applicants.First(a => a.Email is null);
        var intake = f.Host.Intakes.Single(i => i.Request.Source.ExternalId == noMail.Id).Request;
        intake.Profile.Emails.Should().BeEmpty();
        intake.Profile.Name.Should().Be(new PersonName(noMail.FullName, noMail.FamilyName, noMail.GivenName, noMail.FullKana));
        intake.Profile.BirthDate.Should().Be(noMail.BirthDate);
        intake.AppliedAt.Should().Be(noMail.AppliedAt);
        var carrier = applicants.First(a => a.Email?.Contains("..", StringComparison.Ordinal) == true);
        f.Host.Intakes.Single(i => i.Request.Source.ExternalId == carrier.Id).Request.Profile.Emails.Should().Equal(carrier.Email);
    }

    [Fact]
    public async Task WrongPassword_MakesTheAccountCredentialsRejected_StopsRetrying_UntilTheAccountIsEdited()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        await f.AddAccountAsync("default", "acct001", "wrong-password");

        var first = await f.RunAsync();

        first.Status.Should().Be(BoardRunStatus.Failed);
        first.Health.Should().Be(BoardHealth.CredentialsRejected);
        first.Run!.FailureCode.Should().Be("boardLoginRejected");
        f.Host.EventsOf<BoardHealthChanged>().Should().ContainSingle(e => e.Current == BoardHealth.CredentialsRejected && e.Previous == BoardHealth.Healthy);
        f.Host.Emails.Should().ContainSingle(e => e.Message.To.Contains("hr@t1.example") && e.Message.Subject.Contains("取り込みを停止"));
        f.Simulator.Stats.FailedLogins.Should().Be(1);

        var again = await f.RunAsync();
        again.Status.Should().Be(BoardRunStatus.Skipped);
        again.SkipReason.Should().Be(BoardRunSkipReason.CredentialsRejected);
        f.Simulator.Stats.FailedLogins.Should().Be(1, "a refused password is not tried again");

        await f.AddAccountAsync("default", "acct001");
        var fixedRun = await f.RunAsync();
        fixedRun.Status.Should().Be(BoardRunStatus.Completed);
        (await f.StateAsync())!.Health.Should().Be(BoardHealth.Healthy);
        f.Host.EventsOf<BoardHealthChanged>().Should().HaveCount(2);
    }

    [Fact]
    public async Task SessionExpiringMidRun_LogsInAgainAndImportsEverything()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        f.Simulator.Faults.ExpireSessionsAfter(10);

        var run = await f.RunAsync();

        run.Status.Should().Be(BoardRunStatus.Completed);
        run.Run!.Counts.Imported.Should().Be(f.Importable("acct001"));
        f.Simulator.Stats.Logins.Should().Be(2);
    }

    [Fact]
    public async Task A503Storm_EndsTheRunAsUnavailable_AndTheNextRunCatchesUp()
    {
        await using var f = await BoardImportFixture.CreateAsync(connector: o => o.MaxRetries = 2);
        f.Simulator.Faults.FailNext(2, 503);
        (await f.RunAsync()).Status.Should().Be(BoardRunStatus.Completed, "a short burst is retried");

        f.Simulator.AddApplicants("acct001", 2);
        f.Simulator.Faults.Down = true;
        var failed = await f.RunAsync();
        failed.Status.Should().Be(BoardRunStatus.Failed);
        failed.Health.Should().Be(BoardHealth.Unavailable);
        failed.Run!.FailureCode.Should().Be("boardUnavailable");
        f.Host.Emails.Should().BeEmpty("an unavailable board is retried by the next run, no manual import is asked for");

        f.Simulator.Faults.Down = false;
        var next = await f.RunAsync();
        next.Status.Should().Be(BoardRunStatus.Completed);
        next.Run!.Counts.Seen.Should().Be(2);
        (await f.StateAsync())!.Health.Should().Be(BoardHealth.Healthy);
    }

    [Fact]
    public async Task AFailingDetailPage_IsRecordedAndSkipped_TheRunGoesOn_AndTheNextRunReadsItAgain()
    {
        await using var f = await BoardImportFixture.CreateAsync(connector: o => o.MaxRetries = 1);
        var importable = f.Importable("acct001");
        var broken = f.Simulator.Account("acct001").Applicants.First(a => a.Posting.Published).Id;
        f.Simulator.Faults.FailDetailPagesOf(broken);

        var first = await f.RunAsync();

        first.Status.Should().Be(BoardRunStatus.Completed, "one broken page does not end the run");
        first.Run!.Counts.Imported.Should().Be(importable - 1);
        first.Run.Counts.Failed.Should().Be(1);
        first.Run.Errors.Should().ContainSingle(e => e.Code == "detailPageFailed" && e.BoardApplicantId == broken);
        f.Host.Intakes.Should().NotContain(i => i.Request.Source.ExternalId == broken);
        (await f.StateAsync())!.WatermarkAppliedAt.Should().BeNull("the watermark never moves past an unread applicant");

        f.Simulator.Faults.Reset();
        var second = await f.RunAsync();

        second.Run!.Counts.Imported.Should().Be(1);
        second.Run.Counts.Failed.Should().Be(0);
        f.Host.Intakes.Should().HaveCount(importable);
        f.DistinctIntakes.Should().Be(importable);
        (await f.StateAsync())!.WatermarkApplicantId.Should().Be(f.Simulator.Account("acct001").Applicants[0].Id);
    }

    [Fact]
    public async Task ARunFailingOnALaterPage_LeavesTheEarlierPagesDoneInTheLedger_AndTheRerunSendsNothingTwice()
    {
        // Page 1's batch is imported while page 2 is read; the board fails on page 2: page 1 must still end done.
        await using var f = await BoardImportFixture.CreateAsync(connector: o => o.MaxRetries = 1, runner: o => o.MaxFailedDetailPagesInARow = 1);
        var applicants = f.Simulator.Account("acct001").Applicants;
        var now = f.Time.GetUtcNow();
        bool Importable(SimulatedApplicant a) => a.Posting.Published || a.Posting.EndedAt is not { } end || now <= new DateTimeOffset(end.Date, TimeSpan.FromHours(9)) + TimeSpan.FromDays(7);
        var firstPage = applicants.Take(20).Count(Importable);
        f.Simulator.Faults.FailDetailPagesOf([.. applicants.Skip(20).Take(20).Where(Importable).Select(a => a.Id)]);
        // Hold the first page's batch at its first host call until the board has failed the run's last detail page
        // (two pages, two attempts each): the read ends with the batch still in flight.
        var held = 0;
        f.Host.AfterApply = (_, _) =>
        {
            if (Interlocked.Exchange(ref held, 1) == 0)
            {
                SpinWait.SpinUntil(() => f.Simulator.Stats.Faults >= 4, TimeSpan.FromSeconds(30)).Should().BeTrue();
            }

            return null;
        };

        var failed = await f.RunAsync();

        failed.Status.Should().Be(BoardRunStatus.Failed);
        failed.Health.Should().Be(BoardHealth.Unavailable);
        f.Host.Intakes.Should().HaveCount(firstPage);
        var pending = new List<LedgerEntry>();
        await foreach (var entry in f.Provider.GetRequiredService<IIdempotencyLedger>().ListPendingAsync(BoardImportConstants.IntakeOperation, BoardImportFixture.Tenant))
        {
            pending.Add(entry);
        }

        pending.Should().BeEmpty("the first page's batch finished (host called, marked done) before the failed run ended");
        var history = await f.Provider.GetRequiredService<IBoardImportHistoryStore>().ListAsync(BoardImportFixture.Tenant);
        history.Should().ContainSingle().Which.Counts.Imported.Should().Be(firstPage);
        (await f.StateAsync())!.WatermarkAppliedAt.Should().BeNull();

        f.Simulator.Faults.Reset();
        f.Host.AfterApply = null;
        var rerun = await f.RunAsync();

        rerun.Status.Should().Be(BoardRunStatus.Completed);
        rerun.Run!.Counts.Duplicates.Should().Be(firstPage);
        f.Host.Intakes.Should().HaveCount(f.Importable("acct001"));
        f.Host.RepeatedKeys.Should().Be(0);
        f.DistinctIntakes.Should().Be(f.Importable("acct001"));
    }

    [Fact]
    public async Task DetailPagesFailingInARow_EndTheRunAsUnavailable()
    {
        await using var f = await BoardImportFixture.CreateAsync(connector: o => o.MaxRetries = 1, runner: o => o.MaxFailedDetailPagesInARow = 2);
        f.Simulator.Faults.FailDetailPagesOf([.. f.Simulator.Account("acct001").Applicants.Select(a => a.Id)]);

        var run = await f.RunAsync();

        run.Status.Should().Be(BoardRunStatus.Failed);
        run.Health.Should().Be(BoardHealth.Unavailable);
        run.Run!.Errors.Count(e => e.Code == "detailPageFailed").Should().Be(2);
        (await f.StateAsync())!.WatermarkAppliedAt.Should().BeNull();
    }

    [Theory]
    [InlineData(LayoutChange.ApplicantList, "table.applicants tr.applicant")]
    [InlineData(LayoutChange.DetailField, "dl.profile dd.name")]
    [InlineData(LayoutChange.LoginForm, "form#login-form")]
    public async Task AChangedLayout_MakesTheAccountLayoutChanged_WithTheFailingSelector_AndAsksForAManualImport(LayoutChange change, string selector)
    {
        await using var f = await BoardImportFixture.CreateAsync();
        f.Simulator.Faults.Layout = change;

        var run = await f.RunAsync();

        run.Status.Should().Be(BoardRunStatus.Failed);
        run.Health.Should().Be(BoardHealth.LayoutChanged);
        run.HealthDetail.Should().Be(selector);
        run.Run!.FailureCode.Should().Be("boardLayoutChanged");
        var state = await f.StateAsync();
        state!.Health.Should().Be(BoardHealth.LayoutChanged);
        state.HealthDetail.Should().Be(selector);
        f.Host.EventsOf<BoardHealthChanged>().Should().ContainSingle().Which.Detail.Should().Be(selector);
        f.Host.Emails.Should().ContainSingle().Which.Message.TextBody.Should().Contain(selector).And.Contain("手動");
        f.Host.Intakes.Should().BeEmpty();
    }

    [Fact]
    public async Task AKilledRun_IsFinishedByTheRerun_ImportingExactlyTheMissingOnes()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        var importable = f.Importable("acct001");
        var calls = 0;
        // The process "dies" after the host applied the 10th applicant and before the ledger marks it done.
        f.Host.AfterApply = (operation, _) => operation == "intake" && ++calls == 10 ? new OperationCanceledException("killed") : null;

        var kill = async () => await f.RunAsync();
        await kill.Should().ThrowAsync<OperationCanceledException>();
        f.Host.Intakes.Should().HaveCount(10);
        (await f.StateAsync())!.WatermarkAppliedAt.Should().BeNull("the watermark only moves after a completed run");

        f.Host.AfterApply = null;
        var rerun = await f.RunAsync();

        rerun.Status.Should().Be(BoardRunStatus.Completed);
        f.Host.Intakes.Should().HaveCount(importable, "each applicant reached the host exactly once");
        f.DistinctIntakes.Should().Be(importable);
        f.Host.RepeatedKeys.Should().Be(1, "only the applicant whose mark was lost is sent again, with its key");
        rerun.Run!.Counts.Duplicates.Should().Be(9);
        var history = await f.Provider.GetRequiredService<IBoardImportHistoryStore>().ListAsync(BoardImportFixture.Tenant);
        history.Should().Contain(r => r.Status == ImportRunStatus.Failed && r.FailureCode == "interrupted");
    }

    [Fact]
    public async Task ARunIsSkipped_WhileAnotherHoldsTheAccountsLease()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        var store = f.Provider.GetRequiredService<IBoardRunnerStore>();
        (await store.TryAcquireLeaseAsync(BoardImportFixture.Tenant, BoardImportFixture.Board, "default", "other-process", f.Time.GetUtcNow(), TimeSpan.FromMinutes(30))).Should().BeTrue();

        var run = await f.RunAsync();
        run.Status.Should().Be(BoardRunStatus.Skipped);
        run.SkipReason.Should().Be(BoardRunSkipReason.AlreadyRunning);
        f.Simulator.Stats.Logins.Should().Be(0);

        f.Time.Advance(TimeSpan.FromHours(2));
        (await f.RunAsync()).Status.Should().Be(BoardRunStatus.Completed, "an expired lease (a crashed process) is taken over");
    }

    [Fact]
    public async Task ADeletedAccount_IsNotRun()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        await f.Provider.GetRequiredService<IBoardAccounts>().DeleteAsync(BoardImportFixture.Tenant, BoardImportFixture.Board, "default");
        var run = await f.RunAsync();
        run.SkipReason.Should().Be(BoardRunSkipReason.AccountMissing);
        f.Simulator.Stats.Logins.Should().Be(0);
    }

    [Fact]
    public async Task RunCompleted_IsNotifiedToTheTenantsAddresses_WhenEnabled()
    {
        await using var f = await BoardImportFixture.CreateAsync(runner: o => o.NotifyRunCompleted = true);
        var run = await f.RunAsync();

        var mail = f.Host.Emails.Should().ContainSingle().Which.Message;
        mail.To.Should().Equal("hr@t1.example");
        mail.Subject.Should().Contain($"{run.Run!.Counts.Imported}件");
        mail.TextBody.Should().Contain($"not on allow-list: {run.Run.Counts.NotOnAllowList}");
    }

    [Fact]
    public async Task TheCsvExportConnector_ImportsTheSameApplicants_AndRerunsImportNothing()
    {
        await using var f = await BoardImportFixture.CreateAsync(csvExport: true);
        var run = await f.RunAsync();

        run.Status.Should().Be(BoardRunStatus.Completed);
        run.Run!.Counts.Should().Be(new ImportCounts(45, f.Importable("acct001"), 0, 45 - f.Importable("acct001"), 0));
        f.Simulator.Stats.Exports.Should().Be(1);
        f.Simulator.Stats.DetailPages.Should().Be(0);
        var noMail = f.Simulator.Account("acct001").Applicants.FirstOrDefault(a => a.Email is null && a.Posting.Published);
        if (noMail is not null)
        {
            f.Host.Intakes.Single(i => i.Request.Source.ExternalId == noMail.Id).Request.Profile.Emails.Should().BeEmpty();
        }

        f.Simulator.AddApplicants("acct001", 2);
        var again = await f.RunAsync();
        again.Run!.Counts.Seen.Should().Be(2, "the export is asked from the watermark on");
    }
}
