using Microsoft.Extensions.DependencyInjection;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

/// <summary>The runner records the run while the login goes to the board: a login failure still ends in the run's history.</summary>
public sealed class BoardImportRunnerStartTests
{
    private static readonly TenantId Tenant = BoardImportFixture.Tenant;
    private const string Board = "マイナビ転職";

    [Fact]
    public async Task ALoginThatThrowsBeforeItsFirstAwait_IsRecordedAsTheRunsFailure_TheAccountsHealth_AndTheLeaseIsReleased()
    {
        using var fixture = new BoardImportFixture(services: s =>
        {
            s.AddRecruiting().AddBoardImport().AddImportRunner();
            s.AddSingleton<IBoardConnector>(new RefusingConnector());
        });
        await fixture.AddAccountAsync();

        var result = await fixture.Get<IBoardImportRunner>().RunAsync(Tenant, Board, "default");

        result.Status.Should().Be(BoardRunStatus.Failed);
        result.Health.Should().Be(BoardHealth.CredentialsRejected);
        result.Run!.FailureCode.Should().Be("boardLoginRejected");
        var history = await fixture.History.ListAsync(Tenant);
        history.Should().ContainSingle().Which.Should().Match<ImportRun>(r => r.Status == ImportRunStatus.Failed && r.FailureCode == "boardLoginRejected");
        var store = fixture.Get<IBoardRunnerStore>();
        (await store.GetAsync(Tenant, Board, "default"))!.Health.Should().Be(BoardHealth.CredentialsRejected);
        (await store.TryAcquireLeaseAsync(Tenant, Board, "default", "someone-else", fixture.Time.GetUtcNow(), TimeSpan.FromMinutes(1))).Should().BeTrue("the run released its lease");
        fixture.Host.Intakes.Should().BeEmpty();
    }

    /// <summary>A connector whose login throws synchronously (not from an awaited task).</summary>
    private sealed class RefusingConnector : IBoardConnector
    {
        public string Board => BoardImportRunnerStartTests.Board;

        public BoardCapabilities Capabilities => BoardCapabilities.Login | BoardCapabilities.ListApplicants;

        public ValueTask<BoardSession> LoginAsync(BoardCredentials credentials, CancellationToken cancellationToken = default)
            => throw new BoardLoginRejectedException(Board, "The board refused the login: ID またはパスワードが違います");

        public ValueTask<IReadOnlyList<BoardPosting>> ListPostingsAsync(BoardSession session, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<BoardApplicantPage> ListApplicantsAsync(BoardSession session, BoardWatermark? since, string? page, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<BoardApplicant> GetApplicantDetailAsync(BoardSession session, BoardApplicant applicant, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<Stream> OpenAttachmentAsync(BoardSession session, BoardAttachmentReference attachment, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
