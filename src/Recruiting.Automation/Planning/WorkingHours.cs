namespace Recruiting.Automation;

/// <summary>Finds the next working-hours slot in a tenant's time zone.</summary>
internal static class WorkingHours
{
    /// <summary>Returns <paramref name="from"/> when it falls in working hours, else the start of the next working day's hours.</summary>
    public static DateTimeOffset NextSlot(DateTimeOffset from, TimeZoneInfo zone, TimeOnly start, TimeOnly end, ISet<DayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(days);
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        for (var offset = 0; offset <= 7; offset++)
        {
            var date = today.AddDays(offset);
            if (!days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var slotStart = ToInstant(date.ToDateTime(start), zone);
            var slotEnd = ToInstant(date.ToDateTime(end), zone);
            if (from >= slotEnd)
            {
                continue;
            }

            return from >= slotStart ? from : slotStart;
        }

        return from;
    }

    /// <summary>The instant of a local wall-clock time; a time skipped by a DST change moves forward to the first valid minute.</summary>
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var guard = 0;
        while (zone.IsInvalidTime(wall) && guard++ < 240)
        {
            wall = wall.AddMinutes(1);
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
