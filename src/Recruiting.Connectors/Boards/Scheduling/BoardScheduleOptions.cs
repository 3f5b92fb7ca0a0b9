using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Recruiting.Connectors.Boards;

/// <summary>When automatic runs happen: windows of the day in the tenant's time zone, every day (weekends and holidays included).</summary>
public sealed class BoardScheduleOptions
{
    /// <summary>Gets or sets the daily windows as <c>HH:mm-HH:mm</c> (end inclusive to the minute).</summary>
    /// <value>The default is 07:00–10:59, 11:00–14:59 and 15:00–18:59.</value>
    public IList<string> Windows { get; set; } = ["07:00-10:59", "11:00-14:59", "15:00-18:59"];

    /// <summary>Gets or sets the time zone of tenants the host does not know.</summary>
    /// <value>The default value is <c>Asia/Tokyo</c>.</value>
    [Required]
    public string DefaultTimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>Gets or sets how often the scheduler looks for due runs.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many runs one process performs at once.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, 256)]
    public int MaxConcurrentRuns { get; set; } = 4;

    /// <summary>Gets or sets whether the hosted service schedules runs (hosts that only import by hand turn it off).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Parses <see cref="Windows"/>.</summary>
    /// <returns>The windows, or the problems.</returns>
    public (IReadOnlyList<ScheduleWindow> Windows, IReadOnlyList<string> Problems) ParseWindows()
    {
        var windows = new List<ScheduleWindow>();
        var problems = new List<string>();
        foreach (var text in Windows ?? [])
        {
            var parts = (text ?? string.Empty).Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                && end >= start)
            {
                windows.Add(new ScheduleWindow(start, end));
            }
            else
            {
                problems.Add($"Window '{text}' is not 'HH:mm-HH:mm' with the end after the start.");
            }
        }

        if (windows.Count == 0 && problems.Count == 0)
        {
            problems.Add("At least one window is needed.");
        }

        var ordered = windows.OrderBy(w => w.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start <= ordered[i - 1].End)
            {
                problems.Add($"Windows {ordered[i - 1]} and {ordered[i]} overlap.");
            }
        }

        return (ordered, problems);
    }

    /// <summary>Lists every problem (empty when usable).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(ParseWindows().Problems);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(DefaultTimeZone ?? string.Empty, out _))
        {
            problems.Add($"Time zone '{DefaultTimeZone}' is not known on this machine.");
        }

        if (PollInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{nameof(PollInterval)} is at least one second.");
        }

        if (MaxConcurrentRuns < 1)
        {
            problems.Add($"{nameof(MaxConcurrentRuns)} is at least 1.");
        }

        return problems;
    }
}

/// <summary>A window of the day (local time), start and end inclusive to the minute.</summary>
/// <param name="Start">The first minute.</param>
/// <param name="End">The last minute.</param>
public sealed record ScheduleWindow(TimeOnly Start, TimeOnly End)
{
    /// <summary>Gets the window's length in seconds (the last minute included).</summary>
    public int LengthSeconds => (int)(End - Start).TotalSeconds + 60;

    /// <inheritdoc />
    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
