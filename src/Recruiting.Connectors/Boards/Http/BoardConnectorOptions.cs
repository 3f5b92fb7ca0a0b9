using System.ComponentModel.DataAnnotations;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// Options of one board connector, named by the board's service name (<c>IOptionsMonitor&lt;BoardConnectorOptions&gt;.Get(board)</c>):
/// where the board is and how its resilience pipeline behaves.
/// </summary>
public sealed class BoardConnectorOptions
{
    /// <summary>Gets or sets the board's base address, overriding the one in its definition.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets how many times a failed request is retried (transient HTTP errors, 408, 429, 5xx, timeouts).</summary>
    /// <value>The default value is 4.</value>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>Gets or sets the first retry delay; later ones grow exponentially, with jitter.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the longest wait a board's <c>Retry-After</c> is honoured up to; longer asks end the run as unavailable.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the timeout of one request attempt.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the failure ratio (over <see cref="BreakerSamplingDuration"/>) that opens the circuit breaker.</summary>
    /// <value>The default value is 0.5.</value>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the least number of requests in the sampling window before the breaker may open.</summary>
    /// <value>The default value is 20.</value>
    [Range(2, int.MaxValue)]
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>Gets or sets the breaker's sampling window.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long the breaker stays open.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the most requests per second to the board from this process (all accounts together); 0 turns rate limiting off.</summary>
    /// <value>The default value is 5.</value>
    [Range(0, 10_000)]
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>Gets or sets how many times a run logs in again when the board ends its session mid-run.</summary>
    /// <value>The default value is 1.</value>
    [Range(0, 10)]
    public int MaxRelogins { get; set; } = 1;

    /// <summary>Gets or sets the largest page or file read from the board, in bytes.</summary>
    /// <value>The default value is 20 MB.</value>
    [Range(1024, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Lists every problem of the options (empty when usable).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => r.ErrorMessage ?? "invalid"));
        }

        if (RetryBaseDelay < TimeSpan.Zero)
        {
            problems.Add($"{nameof(RetryBaseDelay)} must not be negative.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(RequestTimeout)} must be positive.");
        }

        if (BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add("The breaker's sampling and break durations are at least 500 ms.");
        }

        if (BaseAddress is { IsAbsoluteUri: false })
        {
            problems.Add($"{nameof(BaseAddress)} must be absolute.");
        }

        return problems;
    }
}
