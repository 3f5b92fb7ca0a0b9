using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Recruiting.References;

/// <summary>Defaults of <see cref="ReferenceCheckOptions"/>.</summary>
internal static class ReferenceCheckConstants
{
    public const int MaxReferences = 10;
    public const int MaxCandidatesPerRequest = 500;
    public const int MaxRetryAttempts = 3;
    public const string RetryDelay = "00:00:01";
    public const string AttemptTimeout = "00:00:30";
    public const string CallbackTolerance = "00:05:00";
    public const string HttpClientName = "Recruiting.References";
    public const string ProviderName = "http";
}

/// <summary>Options of the reference-check capability.</summary>
public sealed class ReferenceCheckOptions
{
    /// <summary>Gets or sets the most references one check may ask for, whatever the provider allows.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 100)]
    public int MaxReferences { get; set; } = ReferenceCheckConstants.MaxReferences;

    /// <summary>Gets or sets the most candidates one bulk request may hold.</summary>
    /// <value>The default value is 500.</value>
    [Range(1, 100_000)]
    public int MaxCandidatesPerRequest { get; set; } = ReferenceCheckConstants.MaxCandidatesPerRequest;

    /// <summary>Gets or sets how many times a failed provider call is retried (transport errors, timeouts, 5xx, 429).</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = ReferenceCheckConstants.MaxRetryAttempts;

    /// <summary>Gets or sets the base delay between retries (exponential with jitter).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.Parse(ReferenceCheckConstants.RetryDelay, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gets or sets the timeout of one attempt of a provider call.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.Parse(ReferenceCheckConstants.AttemptTimeout, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Gets or sets how far a callback's signed timestamp may be from now before it is refused as a replay.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallbackTolerance { get; set; } = TimeSpan.Parse(ReferenceCheckConstants.CallbackTolerance, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Validates <see cref="ReferenceCheckOptions"/> from its attributes.</summary>
[OptionsValidator]
internal sealed partial class ReferenceCheckOptionsValidator : IValidateOptions<ReferenceCheckOptions>
{
}
