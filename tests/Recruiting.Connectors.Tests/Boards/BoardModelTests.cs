using Recruiting.Boards;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class BoardModelTests
{
    [Fact]
    public void Watermark_NewerThan()
    {
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(9));
        var mark = new BoardWatermark(at, "A5");
        mark.IsNewer(BoardImportFixture.Applicant("A6", appliedAt: at.AddMinutes(1))).Should().BeTrue();
        mark.IsNewer(BoardImportFixture.Applicant("A5", appliedAt: at)).Should().BeFalse();
        mark.IsNewer(BoardImportFixture.Applicant("A7", appliedAt: at)).Should().BeTrue("same instant, another applicant");
        mark.IsNewer(BoardImportFixture.Applicant("A4", appliedAt: at.AddMinutes(-1))).Should().BeFalse();
        mark.IsNewer(BoardImportFixture.Applicant("A4") with { AppliedAt = null }).Should().BeTrue();
    }

    [Fact]
    public void ConnectorFailures_MapToHealth_AndCarryTheSelector()
    {
        new BoardLoginRejectedException("type", "ID or password wrong").Health.Should().Be(BoardHealth.CredentialsRejected);
        var layout = new BoardLayoutChangedException("type", "table.applicants tr", "no rows");
        (layout.Health, layout.Detail, layout.Code).Should().Be((BoardHealth.LayoutChanged, "table.applicants tr", "boardLayoutChanged"));
        var unavailable = new BoardUnavailableException("type", "503", statusCode: 503, retryAfter: TimeSpan.FromSeconds(30));
        (unavailable.Health, unavailable.StatusCode, unavailable.Code).Should().Be((BoardHealth.Unavailable, 503, "boardUnavailable"));
    }

    [Fact]
    public void Credentials_NeverPrintThePassword()
    {
        new BoardCredentials(new TenantId("t"), "type", "default", "corp", "p@ss").ToString().Should().NotContain("p@ss");
        new BoardAccountInput { Board = "type", LoginId = "corp", Password = "p@ss" }.ToString().Should().NotContain("p@ss");
    }

    [Fact]
    public void Registry_DeclaresReShukatsuPersonInCharge_AndRefusesDuplicates()
    {
        BoardRegistry.Default.Find("Re就活")!.AccountFields.Should().ContainSingle(f => f.Key == BoardNames.PersonInChargeIdField && f.Required);
        BoardRegistry.Default.Find("doda Assist")!.AccountFields.Should().BeEmpty();
        BoardRegistry.Default.Find("doda assist").Should().BeNull();
        var act = () => new BoardRegistry([new BoardRegistration("type"), new BoardRegistration("type")]);
        act.Should().Throw<ArgumentException>();
        var padded = () => new BoardRegistration(" type");
        padded.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void PostingMatch_TitleFolding_AndSnapshotPrecedence()
    {
        PostingMatch.ByTitle("営業 スタッフ").Matches(null, "営業　スタッフ").Should().BeTrue();
        PostingMatch.ByTitle("Sales Staff").Matches(null, "ＳＡＬＥＳ  staff").Should().BeTrue();
        PostingMatch.ById("P1").Matches("P2", "x").Should().BeFalse();
        var snapshot = new BoardSettingsSnapshot(
        [
            new PostingMapping("type", null, PostingMatch.Any, new JobId("any")),
            new PostingMapping("type", null, PostingMatch.ByTitle("営業"), new JobId("title")),
            new PostingMapping("type", null, PostingMatch.ById("P1"), new JobId("id")),
        ], [], null);
        snapshot.FindMapping("default", "P1", "営業")!.Job.Value.Should().Be("id");
        snapshot.FindMapping("default", "P2", "営業")!.Job.Value.Should().Be("title");
        snapshot.FindMapping("default", "P2", "経理")!.Job.Value.Should().Be("any");
    }
}
