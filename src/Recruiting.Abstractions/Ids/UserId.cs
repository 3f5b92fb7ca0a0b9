using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a User (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<UserId>))]
public readonly record struct UserId : IStronglyTypedId<UserId>
{
    /// <summary>Initializes a new instance of the <see cref="UserId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public UserId(string value) => Value = StronglyTypedId.Validate(value, nameof(UserId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static UserId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
