using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>
/// The application reference number a recruiter sees on the candidate profile (for example <c>2024-000123</c>).
/// Its format is checked by the parser that reads it (see the mail import subject options); this type only
/// guarantees a non-empty, trimmed value compared ordinally and case-insensitively.
/// </summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<ApplicationReference>))]
public readonly record struct ApplicationReference : IStronglyTypedId<ApplicationReference>
{
    /// <summary>Initializes a new instance of the <see cref="ApplicationReference"/> struct.</summary>
    /// <param name="value">The reference as written; it is trimmed and upper-cased.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public ApplicationReference(string value)
        => Value = StronglyTypedId.Validate(value, nameof(ApplicationReference)).Trim().ToUpperInvariant();

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static ApplicationReference From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
