using System.Text.RegularExpressions;
using Recruiting.MailImport.Subjects;

namespace Recruiting.MailImport;

/// <summary>
/// A tenant's own application reference format, overriding the importer-wide subject options field by field:
/// a <see langword="null"/> field keeps the importer's value.
/// </summary>
public sealed record TenantReferenceFormat
{
    /// <summary>
    /// Gets a regular expression every reference value (without <c>[]</c>, <c>()</c> or <c>#</c>) must match in full, for example
    /// <c>BW-\d{5}</c>; <see langword="null"/> keeps the importer's pattern (by default the built-in format).
    /// </summary>
    public string? Pattern { get; init; }

    /// <summary>Gets the shortest reference accepted, in characters; <see langword="null"/> keeps the importer's value.</summary>
    public int? MinLength { get; init; }

    /// <summary>Gets the longest reference accepted, in characters; <see langword="null"/> keeps the importer's value.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Gets the check-digit rule that rejects mistyped references; <see langword="null"/> keeps the importer's rule.</summary>
    public ReferenceChecksum? Checksum { get; init; }

    /// <summary>Gets a value indicating whether every field is <see langword="null"/>, so the importer's options apply unchanged.</summary>
    public bool IsEmpty => Pattern is null && MinLength is null && MaxLength is null && Checksum is null;

    /// <summary>Validates the format on its own and returns every problem found.</summary>
    /// <returns>The problems; empty when the format is valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinLength is < 1 or > StronglyTypedId.MaxLength)
        {
            errors.Add($"{nameof(MinLength)} must be between 1 and {StronglyTypedId.MaxLength}.");
        }

        if (MaxLength is < 1 or > StronglyTypedId.MaxLength)
        {
            errors.Add($"{nameof(MaxLength)} must be between 1 and {StronglyTypedId.MaxLength}.");
        }

        if (MinLength is { } min && MaxLength is { } max && min > max)
        {
            errors.Add($"{nameof(MinLength)} ({min}) must not exceed {nameof(MaxLength)} ({max}).");
        }

        if (Checksum is { } checksum && !Enum.IsDefined(checksum))
        {
            errors.Add($"{nameof(Checksum)} '{checksum}' is not a known rule.");
        }

        if (Pattern is not null)
        {
            if (string.IsNullOrWhiteSpace(Pattern))
            {
                errors.Add($"{nameof(Pattern)} must not be empty; use null for the importer's format.");
            }
            else
            {
                try
                {
                    var regex = new Regex(@"\A(?:" + Pattern + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    if (regex.IsMatch(string.Empty))
                    {
                        errors.Add($"{nameof(Pattern)} must not match an empty reference.");
                    }
                }
                catch (ArgumentException ex)
                {
                    errors.Add($"{nameof(Pattern)} is not a valid regular expression: {ex.Message}");
                }
                catch (RegexMatchTimeoutException)
                {
                    errors.Add($"{nameof(Pattern)} takes too long to evaluate.");
                }
            }
        }

        return errors;
    }
}

/// <summary>A tenant's mail settings were refused when saved; nothing was stored.</summary>
public sealed class InvalidTenantMailSettingsException : RecruitingException
{
    /// <summary>Initializes a new instance of the <see cref="InvalidTenantMailSettingsException"/> class.</summary>
    public InvalidTenantMailSettingsException()
        : this("The tenant's mail settings are invalid.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidTenantMailSettingsException"/> class.</summary>
    /// <param name="message">The message.</param>
    public InvalidTenantMailSettingsException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InvalidTenantMailSettingsException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidTenantMailSettingsException(string message, Exception? innerException)
        : base("invalidMailSettings", message, innerException) => Problems = [message];

    /// <summary>Initializes a new instance of the <see cref="InvalidTenantMailSettingsException"/> class.</summary>
    /// <param name="tenant">The tenant whose settings were refused.</param>
    /// <param name="problems">Every problem found.</param>
    public InvalidTenantMailSettingsException(TenantId tenant, IReadOnlyList<string> problems)
        : base("invalidMailSettings", $"The mail settings of tenant '{tenant}' are invalid: {string.Join(" ", problems)}", null)
    {
        Tenant = tenant;
        Problems = problems;
    }

    /// <summary>Gets the tenant whose settings were refused, when known.</summary>
    public TenantId? Tenant { get; }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws when the settings' reference format is invalid.</summary>
    /// <param name="settings">The settings about to be saved.</param>
    /// <exception cref="InvalidTenantMailSettingsException">The reference format is invalid; <see cref="Problems"/> lists why.</exception>
    public static void ThrowIfInvalid(TenantMailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ReferenceFormat?.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidTenantMailSettingsException(settings.Tenant, problems.Select(p => $"{nameof(TenantMailSettings.ReferenceFormat)}.{p}").ToList());
        }
    }
}
