using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Recruiting;

/// <summary>Options shared by every Recruiting SDK package.</summary>
public sealed class RecruitingOptions
{
    /// <summary>Gets or sets the sender address of notifications when the tenant names none.</summary>
    /// <value>The default value is <c>no-reply@recruiting.invalid</c>.</value>
    [Required]
    [EmailAddress]
    public string NotificationSender { get; set; } = "no-reply@recruiting.invalid";

    /// <summary>Gets or sets the time zone used when a tenant names none.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    [Required]
    public string DefaultTimeZoneId { get; set; } = "UTC";
}

/// <summary>Validates <see cref="RecruitingOptions"/>: the attributes, and that the time zone exists on this machine.</summary>
[OptionsValidator]
internal sealed partial class RecruitingOptionsValidator : IValidateOptions<RecruitingOptions>
{
}

/// <summary>Cross-property and environment checks of <see cref="RecruitingOptions"/>.</summary>
internal sealed class RecruitingOptionsEnvironmentValidator : IValidateOptions<RecruitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RecruitingOptions options)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZoneId ?? string.Empty, out _))
        {
            return ValidateOptionsResult.Fail($"{nameof(RecruitingOptions)}.{nameof(RecruitingOptions.DefaultTimeZoneId)}: time zone '{options.DefaultTimeZoneId}' is not known on this machine.");
        }

        return ValidateOptionsResult.Success;
    }
}
