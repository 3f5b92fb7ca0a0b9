using System.Security.Cryptography;
using System.Text;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// The pure schedule: each account runs once in every window of every day, at an offset inside the window given by a
/// hash of tenant, board and account, so thousands of accounts spread over the window instead of hitting a board at once.
/// </summary>
internal static class BoardSchedule
{
    /// <summary>The account's fraction of a window, in [0, 1): the same for every window, stable across processes and versions.</summary>
    public static double Spread(TenantId tenant, string board, string account)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}\u001F{board}\u001F{account}"));
        return (BitConverter.ToUInt64(hash, 0) >> 11) / (double)(1UL << 53);
    }

    /// <summary>The first run instant strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset after, TimeZoneInfo zone, IReadOnlyList<ScheduleWindow> windows, double spread)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (windows.Count == 0)
        {
            throw new ArgumentException("At least one window is needed.", nameof(windows));
        }

        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var day = localDay.AddDays(-1); day <= localDay.AddDays(2); day = day.AddDays(1))
        {
            foreach (var window in windows)
            {
                var offset = TimeSpan.FromSeconds(Math.Floor(spread * window.LengthSeconds));
                var local = day.ToDateTime(window.Start).Add(offset);
                var candidate = ToInstant(local, zone);
                if (candidate > after)
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("No run found within two days; the windows are invalid.");
    }

    /// <summary>The instant of a local time; a time skipped by a daylight-saving change moves forward by the gap.</summary>
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }

        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }
}
