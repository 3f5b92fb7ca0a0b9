using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Tenant (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<TenantId>))]
public readonly record struct TenantId : IStronglyTypedId<TenantId>
{
    /// <summary>Initializes a new instance of the <see cref="TenantId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public TenantId(string value) => Value = StronglyTypedId.Validate(value, nameof(TenantId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static TenantId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
