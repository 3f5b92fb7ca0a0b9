using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Recruiting.Automation;

/// <summary>Options of rejection automation. Defaults come from <see cref="RejectionAutomationDefaults"/>.</summary>
public sealed class RejectionAutomationOptions
{
    /// <summary>Gets or sets how long after a single rejection its actions stay pending so the user can cancel them.</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CancelWindow { get; set; } = RejectionAutomationDefaults.CancelWindow;

    /// <summary>Gets or sets the longest delay an e-mail action may have.</summary>
    /// <value>The default value is 30 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan MaxEmailDelay { get; set; } = RejectionAutomationDefaults.MaxEmailDelay;

    /// <summary>Gets or sets the shortest delay an e-mail action may have.</summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MinEmailDelay { get; set; } = RejectionAutomationDefaults.MinEmailDelay;

    /// <summary>Gets or sets the longest relative due date of a task.</summary>
    /// <value>The default value is 365 days.</value>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan MaxTaskDueAfter { get; set; } = RejectionAutomationDefaults.MaxTaskDueAfter;

    /// <summary>Gets or sets the most actions a reason may carry.</summary>
    /// <value>The default value is 20.</value>
    [Range(1, 100)]
    public int MaxActionsPerReason { get; set; } = RejectionAutomationDefaults.MaxActionsPerReason;

    /// <summary>Gets or sets the start of working hours in the tenant's time zone.</summary>
    /// <value>The default value is 09:00.</value>
    public TimeOnly WorkingHoursStart { get; set; } = RejectionAutomationDefaults.WorkingHoursStart;

    /// <summary>Gets or sets the end of working hours in the tenant's time zone (exclusive).</summary>
    /// <value>The default value is 18:00.</value>
    public TimeOnly WorkingHoursEnd { get; set; } = RejectionAutomationDefaults.WorkingHoursEnd;

    /// <summary>Gets the working days.</summary>
    /// <value>The default value is Monday to Friday.</value>
    public ISet<DayOfWeek> WorkingDays { get; } = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    /// <summary>Gets or sets how often the hosted dispatcher looks for due actions.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = RejectionAutomationDefaults.PollInterval;

    /// <summary>Gets or sets how many actions the dispatcher claims at once.</summary>
    /// <value>The default value is 500.</value>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = RejectionAutomationDefaults.BatchSize;

    /// <summary>Gets or sets how long a claim holds before another dispatcher may replay the action (after a crash).</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = RejectionAutomationDefaults.ClaimLease;

    /// <summary>Gets or sets how many times a failing port call is retried before the action is marked failed.</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = RejectionAutomationDefaults.MaxRetryAttempts;

    /// <summary>Gets or sets the base delay between retries (exponential, with jitter).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = RejectionAutomationDefaults.RetryDelay;

    /// <summary>Gets or sets which port failures are transient (retried). The default treats every exception as transient except cancellation and argument errors (bugs).</summary>
    public Func<Exception, bool> IsTransient { get; set; } = RejectionAutomationDefaults.IsTransient;
}

/// <summary>The defaults of <see cref="RejectionAutomationOptions"/>.</summary>
public static class RejectionAutomationDefaults
{
    /// <summary>The default cancel window.</summary>
    public static readonly TimeSpan CancelWindow = TimeSpan.FromSeconds(10);

    /// <summary>The default longest e-mail delay.</summary>
    public static readonly TimeSpan MaxEmailDelay = TimeSpan.FromDays(30);

    /// <summary>The default shortest e-mail delay.</summary>
    public static readonly TimeSpan MinEmailDelay = TimeSpan.FromMinutes(1);

    /// <summary>The default longest relative task due date.</summary>
    public static readonly TimeSpan MaxTaskDueAfter = TimeSpan.FromDays(365);

    /// <summary>The default most actions per reason.</summary>
    public const int MaxActionsPerReason = 20;

    /// <summary>The default start of working hours.</summary>
    public static readonly TimeOnly WorkingHoursStart = new(9, 0);

    /// <summary>The default end of working hours.</summary>
    public static readonly TimeOnly WorkingHoursEnd = new(18, 0);

    /// <summary>The default poll interval.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>The default claim batch size.</summary>
    public const int BatchSize = 500;

    /// <summary>The default claim lease.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>The default retry count.</summary>
    public const int MaxRetryAttempts = 3;

    /// <summary>The default retry base delay.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default transient-failure test.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>Whether to retry.</returns>
    public static bool IsTransient(Exception exception) => exception is not (OperationCanceledException or ArgumentException or NotSupportedException);
}

/// <summary>Validates the attributes of <see cref="RejectionAutomationOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RejectionAutomationOptionsValidator : IValidateOptions<RejectionAutomationOptions>
{
}

/// <summary>Cross-property checks of <see cref="RejectionAutomationOptions"/>.</summary>
internal sealed class RejectionAutomationOptionsCrossValidator : IValidateOptions<RejectionAutomationOptions>
{
    public ValidateOptionsResult Validate(string? name, RejectionAutomationOptions options)
    {
        var errors = new List<string>();
        if (options.WorkingHoursEnd <= options.WorkingHoursStart)
        {
            errors.Add($"{nameof(RejectionAutomationOptions)}.{nameof(RejectionAutomationOptions.WorkingHoursEnd)} must be after {nameof(RejectionAutomationOptions.WorkingHoursStart)}.");
        }

        if (options.WorkingDays.Count == 0)
        {
            errors.Add($"{nameof(RejectionAutomationOptions)}.{nameof(RejectionAutomationOptions.WorkingDays)} needs at least one day.");
        }

        if (options.MinEmailDelay > options.MaxEmailDelay)
        {
            errors.Add($"{nameof(RejectionAutomationOptions)}.{nameof(RejectionAutomationOptions.MinEmailDelay)} must not exceed {nameof(RejectionAutomationOptions.MaxEmailDelay)}.");
        }

        if (options.IsTransient is null)
        {
            errors.Add($"{nameof(RejectionAutomationOptions)}.{nameof(RejectionAutomationOptions.IsTransient)} is required.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
