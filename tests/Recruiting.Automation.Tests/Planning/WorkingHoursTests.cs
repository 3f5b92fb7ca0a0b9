namespace Recruiting.Automation.Tests.Planning;

public sealed class WorkingHoursTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly HashSet<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Fact]
    public void Inside_working_hours_is_now()
    {
        // Monday 2026-11-23 10:30 in Tokyo.
        var at = new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.FromHours(9));

        WorkingHours.NextSlot(at, Tokyo, new TimeOnly(9, 0), new TimeOnly(18, 0), Weekdays).Should().Be(at);
    }

    [Fact]
    public void After_hours_moves_to_next_morning_in_the_tenant_zone()
    {
        // 09:00 UTC is 18:00 in Tokyo: the end of the day.
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        WorkingHours.NextSlot(at, Tokyo, new TimeOnly(9, 0), new TimeOnly(18, 0), Weekdays)
            .Should().Be(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Before_hours_moves_to_the_start_of_the_same_day()
    {
        var at = new DateTimeOffset(2026, 11, 24, 7, 15, 0, TimeSpan.FromHours(9));

        WorkingHours.NextSlot(at, Tokyo, new TimeOnly(9, 0), new TimeOnly(18, 0), Weekdays)
            .Should().Be(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(9)));
    }

    [Fact]
    public void Friday_evening_moves_to_monday()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.FromHours(9));

        WorkingHours.NextSlot(friday, Tokyo, new TimeOnly(9, 0), new TimeOnly(18, 0), Weekdays)
            .Should().Be(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(9)));
    }

    [Fact]
    public void A_start_skipped_by_daylight_saving_moves_to_the_first_valid_minute()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // Sunday 2026-03-08: clocks jump from 02:00 to 03:00.
        var saturdayNight = new DateTimeOffset(2026, 3, 7, 23, 0, 0, TimeSpan.FromHours(-5));

        var slot = WorkingHours.NextSlot(saturdayNight, newYork, new TimeOnly(2, 30), new TimeOnly(18, 0), new HashSet<DayOfWeek> { DayOfWeek.Sunday });

        slot.Should().Be(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)));
    }
}
