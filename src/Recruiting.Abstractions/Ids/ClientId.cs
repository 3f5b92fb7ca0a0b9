using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Client (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<ClientId>))]
public readonly record struct ClientId : IStronglyTypedId<ClientId>
{
    /// <summary>Initializes a new instance of the <see cref="ClientId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public ClientId(string value) => Value = StronglyTypedId.Validate(value, nameof(ClientId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static ClientId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
