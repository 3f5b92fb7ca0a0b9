using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

/// <summary>
/// The runner asks a connector that declares <see cref="BoardCapabilities.OverlappedDetails"/> for the next applicant's
/// detail before it waits for the current one; failures still surface in the applicants' order; a connector that does
/// not declare it gets one call at a time.
/// </summary>
public sealed class BoardImportRunnerDetailTests
{
    private static readonly TenantId Tenant = BoardImportFixture.Tenant;
    private const string Board = "マイナビ転職";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WithOverlappedDetails_TheNextDetailIsAskedFor_BeforeTheCurrentOneHasArrived()
    {
        var connector = new ScriptedConnector(overlapped: true);

        // The first detail arrives only once the second has been asked for: a runner that waited would never finish.
        connector.Hold("a1", until: "a2");
        using var fixture = await FixtureAsync(connector);

        var result = await fixture.Get<IBoardImportRunner>().RunAsync(Tenant, Board, "default").AsTask().WaitAsync(Guard);

        result.Status.Should().Be(BoardRunStatus.Completed);
        result.Run!.Counts.Imported.Should().Be(3);
        connector.Asked.Should().Equal("a1", "a2", "a3");
        connector.MostInFlight.Should().Be(2, "never more than one read ahead");
        fixture.Host.Intakes.Select(i => i.Request.Profile.Name.Full).Should().Equal("detail of a1", "detail of a2", "detail of a3");
    }

    [Fact]
    public async Task WithoutOverlappedDetails_DetailsAreAskedForOneAtATime()
    {
        var connector = new ScriptedConnector(overlapped: false);
        using var fixture = await FixtureAsync(connector);

        var result = await fixture.Get<IBoardImportRunner>().RunAsync(Tenant, Board, "default").AsTask().WaitAsync(Guard);

        result.Status.Should().Be(BoardRunStatus.Completed);
        result.Run!.Counts.Imported.Should().Be(3);
        connector.Asked.Should().Equal("a1", "a2", "a3");
        connector.MostInFlight.Should().Be(1);
    }

    [Fact]
    public async Task AReadAhead_ThatFailsForGood_EndsTheRunInItsTurn_AfterTheApplicantBeforeIt_AndNothingIsLeftRunning()
    {
        var connector = new ScriptedConnector(overlapped: true);
        connector.Hold("a1", until: "a2");
        connector.Fail("a2", new BoardLayoutChangedException(Board, "dl.profile dd.name", "The detail page changed."));
        using var fixture = await FixtureAsync(connector);

        var result = await fixture.Get<IBoardImportRunner>().RunAsync(Tenant, Board, "default").AsTask().WaitAsync(Guard);

        result.Status.Should().Be(BoardRunStatus.Failed);
        result.Health.Should().Be(BoardHealth.LayoutChanged);
        result.HealthDetail.Should().Contain("dl.profile dd.name");
        connector.Asked.Should().Equal(["a1", "a2", "a3"], "a3 was asked for ahead while a2 was awaited");
        connector.InFlight.Should().Be(0, "the read asked for ahead has ended before the session was closed");
        fixture.Host.Intakes.Should().BeEmpty("the page's batch is handed over only once all of its details are read");
        connector.SessionClosedWithReadsInFlight.Should().BeFalse();
    }

    [Fact]
    public async Task AReadAhead_ThatFailsForOnePage_CountsForItsOwnApplicant_AndTheRunGoesOn()
    {
        var connector = new ScriptedConnector(overlapped: true);
        connector.Hold("a1", until: "a2");
        connector.Fail("a2", new BoardUnavailableException(Board, "The board answered 503 for the detail page."));
        using var fixture = await FixtureAsync(connector);

        var result = await fixture.Get<IBoardImportRunner>().RunAsync(Tenant, Board, "default").AsTask().WaitAsync(Guard);

        result.Status.Should().Be(BoardRunStatus.Completed);
        result.Run!.Counts.Imported.Should().Be(2);
        result.Run.Counts.Failed.Should().Be(1);
        result.Run.Errors.Should().ContainSingle().Which.Should().Match<ImportRunError>(e => e.Code == "detailPageFailed" && e.BoardApplicantId == "a2");
        fixture.Host.Intakes.Select(i => i.Request.Source.ExternalId).Should().Equal("a1", "a3");
        (await fixture.Get<IBoardRunnerStore>().GetAsync(Tenant, Board, "default"))!.WatermarkAppliedAt.Should().BeNull("a page failed: the next run reads it again");
    }

    private static async Task<BoardImportFixture> FixtureAsync(ScriptedConnector connector)
    {
        var fixture = new BoardImportFixture(services: s =>
        {
            s.AddRecruiting().AddBoardImport().AddImportRunner(o => o.DownloadAttachments = false);
            s.AddSingleton<IBoardConnector>(connector);
        });
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();
        await fixture.Settings.AddActivePostingAsync(Tenant, new ActivePosting(Board, null, PostingMatch.Any));
        return fixture;
    }

    /// <summary>One page of three applicants (a1 newest); details as scripted, with the calls and the reads in flight recorded.</summary>
    private sealed class ScriptedConnector(bool overlapped) : IBoardConnector
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
        private readonly Dictionary<string, string> _releasedBy = [];
        private readonly Dictionary<string, Exception> _failures = [];
        private readonly List<string> _asked = [];
        private int _inFlight;
        private int _most;

        public string Board => BoardImportRunnerDetailTests.Board;

        public BoardCapabilities Capabilities => BoardCapabilities.Login | BoardCapabilities.ListApplicants | BoardCapabilities.ApplicantDetail
            | (overlapped ? BoardCapabilities.OverlappedDetails : BoardCapabilities.None);

        public IReadOnlyList<string> Asked
        {
            get
            {
                lock (_asked)
                {
                    return [.. _asked];
                }
            }
        }

        public int InFlight => Volatile.Read(ref _inFlight);

        public int MostInFlight => Volatile.Read(ref _most);

        public bool SessionClosedWithReadsInFlight { get; private set; }

        public void Hold(string id, string until)
        {
            _holds[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _releasedBy[until] = id;
        }

        public void Fail(string id, Exception error) => _failures[id] = error;

        public ValueTask<BoardSession> LoginAsync(BoardCredentials credentials, CancellationToken cancellationToken = default)
            => ValueTask.FromResult<BoardSession>(new ScriptedSession(credentials, this));

        public ValueTask<IReadOnlyList<BoardPosting>> ListPostingsAsync(BoardSession session, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<BoardApplicantPage> ListApplicantsAsync(BoardSession session, BoardWatermark? since, string? page, CancellationToken cancellationToken = default)
        {
            var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9));
            BoardApplicant Summary(string id, int minutes) => new()
            {
                BoardApplicantId = id,
                PostingId = "J1",
                PostingTitle = "営業",
                AppliedAt = at.AddMinutes(minutes),
                Profile = new CandidateProfile { Name = new PersonName("summary of " + id) },
            };

            return ValueTask.FromResult(new BoardApplicantPage([Summary("a1", 3), Summary("a2", 2), Summary("a3", 1)], null));
        }

        public async ValueTask<BoardApplicant> GetApplicantDetailAsync(BoardSession session, BoardApplicant applicant, CancellationToken cancellationToken = default)
        {
            var id = applicant.BoardApplicantId!;
            lock (_asked)
            {
                _asked.Add(id);
            }

            var now = Interlocked.Increment(ref _inFlight);
            int most;
            while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
            {
            }

            try
            {
                if (_releasedBy.TryGetValue(id, out var held))
                {
                    _holds[held].TrySetResult();
                }

                if (_holds.TryGetValue(id, out var hold))
                {
                    await hold.Task.WaitAsync(cancellationToken);
                }
                else
                {
                    // Completes later, on the pool: a runner that asks ahead does so while this is still running.
                    await Task.Yield();
                }

                if (_failures.TryGetValue(id, out var error))
                {
                    throw error;
                }

                return applicant with { Profile = new CandidateProfile { Name = new PersonName("detail of " + id) } };
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public ValueTask<Stream> OpenAttachmentAsync(BoardSession session, BoardAttachmentReference attachment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private sealed class ScriptedSession(BoardCredentials credentials, ScriptedConnector connector) : BoardSession(credentials, DateTimeOffset.UnixEpoch)
        {
            protected override ValueTask DisposeAsyncCore()
            {
                connector.SessionClosedWithReadsInFlight |= connector.InFlight > 0;
                return ValueTask.CompletedTask;
            }
        }
    }
}
