using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Recruiting.MailImport.Subjects;

/// <summary>How a tenant's application references look and how subjects are read.</summary>
public sealed class SubjectParserOptions
{
    /// <summary>
    /// Gets or sets a regular expression every reference value (without <c>[]</c>, <c>()</c> or <c>#</c>) must match in full, or
    /// <see langword="null"/> for the default format: groups of ASCII letters and digits joined by <c>-</c> holding at least one digit
    /// (<c>2024-000123</c>, <c>BW-58213</c>, <c>1234567</c>). The value is a whole token, so it cannot hold white space or <c>:</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (the default format).</value>
    public string? ReferencePattern { get; set; }

    /// <summary>Gets or sets the shortest reference accepted, in characters.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, SubjectParserConstants.MaxMaxReferenceLength)]
    public int MinReferenceLength { get; set; } = SubjectParserConstants.DefaultMinReferenceLength;

    /// <summary>Gets or sets the longest reference accepted, in characters.</summary>
    /// <value>The default value is 32.</value>
    [Range(1, SubjectParserConstants.MaxMaxReferenceLength)]
    public int MaxReferenceLength { get; set; } = SubjectParserConstants.DefaultMaxReferenceLength;

    /// <summary>Gets or sets the check-digit rule that rejects mistyped references.</summary>
    /// <value>The default value is <see cref="ReferenceChecksum.None"/>.</value>
    public ReferenceChecksum Checksum { get; set; } = ReferenceChecksum.None;

    /// <summary>
    /// Gets or sets the longest decoded subject kept, in characters. Longer subjects are cut there (never inside a surrogate pair)
    /// before parsing, so a hostile 100 KB header costs no more than this.
    /// </summary>
    /// <value>The default value is 16,384.</value>
    [Range(64, SubjectParserConstants.MaxMaxSubjectLength)]
    public int MaxSubjectLength { get; set; } = SubjectParserConstants.DefaultMaxSubjectLength;

    /// <summary>Gets or sets how long a custom <see cref="ReferencePattern"/> may run on one token.</summary>
    /// <value>The default value is 100 milliseconds.</value>
    public TimeSpan PatternTimeout { get; set; } = TimeSpan.FromMilliseconds(SubjectParserConstants.DefaultPatternTimeoutMilliseconds);

    /// <summary>
    /// Gets extra reply/forward prefix words (without the colon, compared case-insensitively) stripped in addition to the built-in
    /// list of <see cref="SubjectPrefixes.Builtin"/>.
    /// </summary>
    public IList<string> AdditionalPrefixes { get; } = [];

    /// <summary>
    /// Gets extra tags (without brackets) stripped when written as <c>[TAG]</c> or <c>*TAG*</c>, in addition to the built-in
    /// list of <see cref="SubjectPrefixes.BuiltinTags"/>.
    /// </summary>
    public IList<string> AdditionalTags { get; } = [];

    /// <summary>Copies these options with a tenant's reference format laid over them (its non-null fields win).</summary>
    /// <param name="format">The tenant's format.</param>
    /// <returns>A new instance; these options are unchanged.</returns>
    public SubjectParserOptions WithTenantFormat(TenantReferenceFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var copy = new SubjectParserOptions
        {
            ReferencePattern = format.Pattern ?? ReferencePattern,
            MinReferenceLength = format.MinLength ?? MinReferenceLength,
            MaxReferenceLength = format.MaxLength ?? MaxReferenceLength,
            Checksum = format.Checksum ?? Checksum,
            MaxSubjectLength = MaxSubjectLength,
            PatternTimeout = PatternTimeout,
        };
        foreach (var prefix in AdditionalPrefixes)
        {
            copy.AdditionalPrefixes.Add(prefix);
        }

        foreach (var tag in AdditionalTags)
        {
            copy.AdditionalTags.Add(tag);
        }

        return copy;
    }

    /// <summary>Validates the options and returns every problem found.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinReferenceLength is < 1 or > SubjectParserConstants.MaxMaxReferenceLength)
        {
            errors.Add($"{nameof(MinReferenceLength)} must be between 1 and {SubjectParserConstants.MaxMaxReferenceLength}.");
        }

        if (MaxReferenceLength is < 1 or > SubjectParserConstants.MaxMaxReferenceLength)
        {
            errors.Add($"{nameof(MaxReferenceLength)} must be between 1 and {SubjectParserConstants.MaxMaxReferenceLength}.");
        }

        if (MinReferenceLength > MaxReferenceLength)
        {
            errors.Add($"{nameof(MinReferenceLength)} ({MinReferenceLength}) must not exceed {nameof(MaxReferenceLength)} ({MaxReferenceLength}).");
        }

        if (MaxSubjectLength is < 64 or > SubjectParserConstants.MaxMaxSubjectLength)
        {
            errors.Add($"{nameof(MaxSubjectLength)} must be between 64 and {SubjectParserConstants.MaxMaxSubjectLength}.");
        }

        if (!Enum.IsDefined(Checksum))
        {
            errors.Add($"{nameof(Checksum)} '{Checksum}' is not a known rule.");
        }

        if (PatternTimeout <= TimeSpan.Zero || PatternTimeout > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{nameof(PatternTimeout)} must be positive and at most 10 seconds.");
        }

        if (ReferencePattern is not null)
        {
            if (string.IsNullOrWhiteSpace(ReferencePattern))
            {
                errors.Add($"{nameof(ReferencePattern)} must not be empty; use null for the default format.");
            }
            else
            {
                try
                {
                    var regex = new Regex(@"\A(?:" + ReferencePattern + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    if (regex.IsMatch(string.Empty))
                    {
                        errors.Add($"{nameof(ReferencePattern)} must not match an empty reference.");
                    }
                }
                catch (ArgumentException ex)
                {
                    errors.Add($"{nameof(ReferencePattern)} is not a valid regular expression: {ex.Message}");
                }
            }
        }

        for (var i = 0; i < AdditionalPrefixes.Count; i++)
        {
            var prefix = AdditionalPrefixes[i];
            if (string.IsNullOrWhiteSpace(prefix) || prefix.Length > SubjectParserConstants.MaxPrefixWordLength
                || prefix.AsSpan().IndexOfAny(':', '：') >= 0)
            {
                errors.Add($"{nameof(AdditionalPrefixes)}[{i}] must be 1 to {SubjectParserConstants.MaxPrefixWordLength} characters without a colon.");
            }
        }

        for (var i = 0; i < AdditionalTags.Count; i++)
        {
            var tag = AdditionalTags[i];
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > SubjectParserConstants.MaxTagLength
                || tag.AsSpan().IndexOfAny("[]*") >= 0 || tag.AsSpan().IndexOfAnyInRange('0', '9') >= 0)
            {
                errors.Add($"{nameof(AdditionalTags)}[{i}] must be 1 to {SubjectParserConstants.MaxTagLength} characters without brackets, '*' or digits.");
            }
        }

        return errors;
    }
}
