using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Recruiting.ClientAccess;

/// <summary>Options of the client-access capability.</summary>
public sealed class ClientAccessOptions
{
    /// <summary>Gets or sets the page of the host where clients redeem invitations; the SDK appends <c>tenant</c> and <c>token</c>.</summary>
    /// <value>The default value is <see langword="null"/>; it must be set to an absolute http(s) URI.</value>
    [Required]
    public Uri? AccessLinkBase { get; set; }

    /// <summary>Gets or sets how long an invitation link works.</summary>
    /// <value>The default value is 7 days.</value>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets how long a client's session lasts.</summary>
    /// <value>The default value is 12 hours.</value>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Gets the regions (ISO 3166-1 alpha-2) national-format phone numbers in free text are checked against, besides the candidate's country.</summary>
    /// <value>The default value is JP, US, GB, DE, FR, RU, UA, SE, CN, IN, BR, AU, KR.</value>
    [MinLength(1)]
    public IList<string> PhoneRegions { get; } = [.. Redaction.ContactRedactor.DefaultRegions];

    /// <summary>Gets or sets the largest page of a client's candidate list.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Gets or sets the length of the résumé excerpt in a client's candidate list (0 for none).</summary>
    /// <value>The default value is 280.</value>
    [Range(0, 10_000)]
    public int ExcerptLength { get; set; } = 280;

    /// <summary>
    /// Gets or sets the shortest time between two notifications to a vacancy's recruiters about one client's reads of that
    /// vacancy (its candidates, pipeline figures or interview calendar). Every read raises <see cref="ClientActionPerformed"/>;
    /// only the first read in each period is notified, so recruiters are told the client is looking without a message per
    /// page view. Changes a client makes (notes, edits, stage moves) are notified every time. <see cref="TimeSpan.Zero"/> notifies every read.
    /// </summary>
    /// <value>The default value is 1 day.</value>
    [Range(typeof(TimeSpan), "00:00:00", "366.00:00:00")]
    public TimeSpan ReadNotificationPeriod { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Validates the attributes of <see cref="ClientAccessOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ClientAccessOptionsValidator : IValidateOptions<ClientAccessOptions>
{
}

/// <summary>Checks what the attributes cannot: an absolute http(s) link, and regions libphonenumber knows.</summary>
internal sealed class ClientAccessOptionsRulesValidator : IValidateOptions<ClientAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AccessLinkBase is { } link && (!link.IsAbsoluteUri || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{nameof(ClientAccessOptions)}.{nameof(ClientAccessOptions.AccessLinkBase)}: '{link}' is not an absolute http or https URI.");
        }

        var supported = PhoneNumberUtil.GetInstance().GetSupportedRegions();
        foreach (var region in options.PhoneRegions)
        {
            if (region is null || !supported.Contains(region.Trim().ToUpperInvariant()))
            {
                failures.Add($"{nameof(ClientAccessOptions)}.{nameof(ClientAccessOptions.PhoneRegions)}: '{region}' is not a region libphonenumber knows.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
