using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Application (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<ApplicationId>))]
public readonly record struct ApplicationId : IStronglyTypedId<ApplicationId>
{
    /// <summary>Initializes a new instance of the <see cref="ApplicationId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public ApplicationId(string value) => Value = StronglyTypedId.Validate(value, nameof(ApplicationId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static ApplicationId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
