using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards.Scheduling;

public sealed class BoardScheduleTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly IReadOnlyList<ScheduleWindow> Windows = new BoardScheduleOptions().ParseWindows().Windows;

    [Fact]
    public void DefaultWindows_AreTheThreeOfTheSeedPage()
        => Windows.Select(w => w.ToString()).Should().Equal("07:00-10:59", "11:00-14:59", "15:00-18:59");

    [Fact]
    public void NextRun_VisitsEachWindowOnceADay_AtTheSameSpreadOffset()
    {
        var spread = BoardSchedule.Spread(new TenantId("t1"), "type", "default");
        var at = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(9)); // a Saturday: weekends run too
        var runs = new List<DateTimeOffset>();
        for (var i = 0; i < 6; i++)
        {
            at = BoardSchedule.NextRun(at, Tokyo, Windows, spread);
            runs.Add(at);
        }

        var local = runs.Select(r => TimeZoneInfo.ConvertTime(r, Tokyo)).ToList();
        local.Select(l => l.Day).Should().Equal(21, 21, 21, 22, 22, 22);
        local[0].TimeOfDay.Should().BeGreaterThanOrEqualTo(new TimeSpan(7, 0, 0)).And.BeLessThan(new TimeSpan(11, 0, 0));
        local[1].TimeOfDay.Should().BeGreaterThanOrEqualTo(new TimeSpan(11, 0, 0)).And.BeLessThan(new TimeSpan(15, 0, 0));
        local[2].TimeOfDay.Should().BeGreaterThanOrEqualTo(new TimeSpan(15, 0, 0)).And.BeLessThan(new TimeSpan(19, 0, 0));
        (local[1].TimeOfDay - local[0].TimeOfDay).Should().Be(TimeSpan.FromHours(4));
        (local[3] - local[0]).Should().Be(TimeSpan.FromDays(1));
    }

    [Fact]
    public void Spread_IsDeterministic_AndSpreadsAccountsOverTheWindow()
    {
        BoardSchedule.Spread(new TenantId("t1"), "type", "a").Should().Be(BoardSchedule.Spread(new TenantId("t1"), "type", "a"));
        var spreads = Enumerable.Range(0, 2000).Select(i => BoardSchedule.Spread(new TenantId("t" + (i % 50)), "マイナビ転職", "acct" + i)).ToList();
        spreads.Should().OnlyContain(s => s >= 0 && s < 1);
        // Every quarter of the window gets a fair share (20–30 %) of 2,000 accounts.
        for (var q = 0; q < 4; q++)
        {
            spreads.Count(s => s >= q / 4.0 && s < (q + 1) / 4.0).Should().BeInRange(400, 600);
        }
    }

    [Fact]
    public void NextRun_AfterTheLastWindow_IsTomorrowMorning_InTheTenantsZone()
    {
        var after = new DateTimeOffset(2026, 11, 23, 19, 30, 0, TimeSpan.FromHours(9));
        var next = TimeZoneInfo.ConvertTime(BoardSchedule.NextRun(after, Tokyo, Windows, 0), Tokyo);
        next.Should().Be(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.FromHours(9)));

        var utcWindows = new BoardScheduleOptions { Windows = ["09:00-09:59"] }.ParseWindows().Windows;
        BoardSchedule.NextRun(after, TimeZoneInfo.Utc, utcWindows, 0.5).Should().Be(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("7-11")]
    [InlineData("11:00-10:00")]
    [InlineData("nope")]
    public void Options_RejectMalformedWindows(string window)
        => new BoardScheduleOptions { Windows = [window] }.Validate().Should().ContainSingle().Which.Should().Contain(window);

    [Fact]
    public void Options_RejectOverlappingWindowsAndUnknownZones()
    {
        var problems = new BoardScheduleOptions { Windows = ["07:00-10:59", "10:30-12:00"], DefaultTimeZone = "Mars/Olympus" }.Validate();
        problems.Should().HaveCount(2);
    }
}
