using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recruiting.Connectors.Boards;
using Recruiting.Testing;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class BoardImportServiceCollectionTests
{
    [Fact]
    public void AddBoardImport_Defaults_RegistryHasTheSixBoards_TwiceIsHarmless()
    {
        var services = TestServices.Create(new InMemoryHost());
        var recruiting = services.AddRecruiting();
        recruiting.AddBoardImport();
        recruiting.AddBoardImport().AddConnector<FakeConnector>().AddConnector<FakeConnector>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IBoardRegistry>().Boards.Select(b => b.ServiceName).Should().Equal("マイナビ転職", "エン転職", "doda Assist", "type", "女の転職type", "Re就活");
        provider.GetServices<IBoardConnector>().Should().ContainSingle();
        provider.GetRequiredService<IOptions<BoardImportOptions>>().Value.GracePeriod.Should().Be(TimeSpan.FromDays(7));
    }

    [Fact]
    public void AddBoard_ReplacesADefaultBoardOrAddsOne()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddBoardImport()
            .AddBoard(new BoardRegistration("type") { CsvColumns = BoardCsvColumns.Default.With(BoardCsvField.ApplicantId, "会員番号") })
            .AddBoard(new BoardRegistration("はたらいく"));
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IBoardRegistry>();
        registry.Boards.Should().HaveCount(7);
        registry.Find("type")!.CsvColumns.TryMap("会員番号", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData(-1, "GracePeriod")]
    [InlineData(400, "GracePeriod")]
    public void InvalidOptions_FailOnResolve(int graceDays, string member)
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddBoardImport(o => o.GracePeriod = TimeSpan.FromDays(graceDays));
        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<BoardImportOptions>>().Value;
        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(member);
    }

    [Fact]
    public void InvalidNestedCsvOptions_FailOnResolve()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddBoardImport(o =>
        {
            o.Csv.MaxColumns = 0;
            o.DefaultAccountName = string.Empty;
        });
        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<BoardImportOptions>>().Value;
        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCountGreaterThanOrEqualTo(2);
    }

    private sealed class FakeConnector : IBoardConnector
    {
        public string Board => "type";

        public BoardCapabilities Capabilities => BoardCapabilities.None;

        public ValueTask<BoardSession> LoginAsync(BoardCredentials credentials, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<BoardPosting>> ListPostingsAsync(BoardSession session, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<BoardApplicantPage> ListApplicantsAsync(BoardSession session, BoardWatermark? since, string? page, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<BoardApplicant> GetApplicantDetailAsync(BoardSession session, BoardApplicant applicant, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<Stream> OpenAttachmentAsync(BoardSession session, BoardAttachmentReference attachment, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
