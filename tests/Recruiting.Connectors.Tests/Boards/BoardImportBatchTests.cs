using Microsoft.Extensions.Time.Testing;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;
using Recruiting.Testing;

namespace Recruiting.Connectors.Tests.Boards;

/// <summary>
/// A batch of applicants (a board page, a block of file records) costs two ledger writes; principle 2 holds for the
/// batch: a crash between the host calls and the batched done write loses nothing and duplicates nothing.
/// </summary>
public sealed class BoardImportBatchTests
{
    private static readonly TenantId Tenant = BoardImportFixture.Tenant;
    private const string Board = "マイナビ転職";

    [Fact]
    public async Task ABatch_IsOnePendingWriteAndOneDoneWrite_AndAKeyRepeatedInTheBatchIsADuplicate()
    {
        using var fixture = new BoardImportFixture(services: CrashingLedger.Wrap);
        var ledger = fixture.Get<CrashingLedger>();
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();
        await fixture.AllowAsync("P1");

        var run = (await fixture.Pipeline.StartRunAsync(Tenant, Board, "default", ImportTrigger.Automatic))!;
        var outcomes = await run.ImportBatchAsync(
        [
            new ApplicantToImport(BoardImportFixture.Applicant("A1")),
            new ApplicantToImport(BoardImportFixture.Applicant("A2", posting: "P9")),
            new ApplicantToImport(BoardImportFixture.Applicant("A3")),
            new ApplicantToImport(BoardImportFixture.Applicant("A1")),
            new ApplicantToImport(BoardImportFixture.Applicant("A4", name: " ")),
        ]);

        outcomes.Select(o => o.Status).Should().Equal(
            ApplicantImportStatus.Imported, ApplicantImportStatus.NotOnAllowList, ApplicantImportStatus.Imported, ApplicantImportStatus.Duplicate, ApplicantImportStatus.Failed);
        outcomes[3].Result.Should().Be(outcomes[0].Result, "the repeated key answers the first result");
        ledger.DoneWrites.Should().Be(1);
        fixture.Host.Intakes.Should().HaveCount(2);
        fixture.Host.RepeatedKeys.Should().Be(0);
        fixture.Host.EventsOf<ApplicantImported>().Should().HaveCount(2);
        (await run.CompleteAsync()).Counts.Should().Be(new ImportCounts(Seen: 5, Imported: 2, Duplicates: 1, NotOnAllowList: 1, Failed: 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACrashBetweenTheIntakesAndTheBatchedDoneWrite_LosesNothing_AndTheRecoveryDuplicatesNothing(bool recoverByReplay)
    {
        using var directory = new TestTempDirectory();
        var host = new InMemoryHost();
        var time = new FakeTimeProvider(TestServices.Start);
        var ids = new[] { "A1", "A2", "A3", "A4" };
        Dictionary<string, IntakeResult> first;
        using (var crashing = new BoardImportFixture(directory: directory, host: host, time: time, services: CrashingLedger.Wrap))
        {
            await crashing.AddAccountAsync();
            await crashing.MapAllAsync();
            await crashing.AllowAsync("P1");
            crashing.Get<CrashingLedger>().Armed = true;
            var run = (await crashing.Pipeline.StartRunAsync(Tenant, Board, "default", ImportTrigger.Automatic))!;

            var act = async () => await run.ImportBatchAsync([.. ids.Select(id => new ApplicantToImport(BoardImportFixture.Applicant(id)))]);

            await act.Should().ThrowAsync<SimulatedCrashException>();
            host.Intakes.Should().HaveCount(4, "the host applied the whole batch before the process died");
            var ledger = crashing.Get<IIdempotencyLedger>();
            foreach (var id in ids)
            {
                (await ledger.GetAsync(Tenant, KeyOf(id)))!.State.Should().Be(LedgerState.Pending, "the done marks were never written");
            }

            first = host.Intakes.ToDictionary(i => i.Request.Source.ExternalId!, i => i.Result);
        }

        // The restarted process: a new container on the same SQLite file, the same host.
        using var restarted = new BoardImportFixture(directory: directory, host: host, time: time);
        if (recoverByReplay)
        {
            (await restarted.Pipeline.ReplayPendingAsync(Tenant)).Should().Be(4);
        }

        var rerun = (await restarted.Pipeline.StartRunAsync(Tenant, Board, "default", ImportTrigger.Automatic))!;
        var outcomes = await rerun.ImportBatchAsync([.. ids.Append("A5").Select(id => new ApplicantToImport(BoardImportFixture.Applicant(id)))]);
        await rerun.CompleteAsync();

        host.Intakes.Should().HaveCount(5, "each applicant exists once in the host");
        host.RepeatedKeys.Should().Be(4, "the four keys of the lost batch were sent again and answered with the first results");
        foreach (var id in ids)
        {
            var outcome = outcomes[Array.IndexOf(ids, id)];
            outcome.Status.Should().Be(recoverByReplay ? ApplicantImportStatus.Duplicate : ApplicantImportStatus.Imported);
            outcome.Result.Should().Be(first[id]);
            (await restarted.Get<IIdempotencyLedger>().GetAsync(Tenant, KeyOf(id)))!.State.Should().Be(LedgerState.Done);
        }

        outcomes[4].Status.Should().Be(ApplicantImportStatus.Imported);
        (await restarted.Pipeline.ReplayPendingAsync(Tenant)).Should().Be(0);
    }

    [Fact]
    public async Task AFileCrashingAtItsSecondBlock_IsFinishedByTheRerun_WithoutDuplicates()
    {
        using var directory = new TestTempDirectory();
        var host = new InMemoryHost();
        var time = new FakeTimeProvider(TestServices.Start);
        var csv = "応募ID,応募日時,氏名,メールアドレス\r\n" + string.Concat(Enumerable.Range(1, 7).Select(i => $"M-{i},2026/11/20 10:0{i},候補 {i}号,c{i}@example.jp\r\n"));
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
        using (var crashing = new BoardImportFixture(o => o.FileBatchSize = 3, directory, time, host, CrashingLedger.Wrap))
        {
            await crashing.AddAccountAsync();
            await crashing.MapAllAsync();
            var ledger = crashing.Get<CrashingLedger>();
            host.AfterApply = (_, key) =>
            {
                // Arm the crash once the first block is marked done: the second block's done write fails.
                ledger.Armed = ledger.DoneWrites == 1;
                return null;
            };

            var act = async () => await crashing.Files.ImportFileAsync(Tenant, Board, "default", new MemoryStream(bytes));
            await act.Should().ThrowAsync<SimulatedCrashException>();
            host.Intakes.Should().HaveCount(6, "two blocks reached the host");
            host.AfterApply = null;
        }

        using var restarted = new BoardImportFixture(o => o.FileBatchSize = 3, directory, time, host);
        var result = await restarted.Files.ImportFileAsync(Tenant, Board, "default", new MemoryStream(bytes));

        (result.Imported, result.Duplicates).Should().Be((4, 3), "the first block was done; the second is sent again with its keys, the third is new");
        host.Intakes.Should().HaveCount(7);
        host.RepeatedKeys.Should().Be(3);
    }

    private static IdempotencyKey KeyOf(string id) => IdempotencyKey.Create("board", Board, "default", "id", id);
}
