using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a HiringFlow (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<HiringFlowId>))]
public readonly record struct HiringFlowId : IStronglyTypedId<HiringFlowId>
{
    /// <summary>Initializes a new instance of the <see cref="HiringFlowId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public HiringFlowId(string value) => Value = StronglyTypedId.Validate(value, nameof(HiringFlowId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static HiringFlowId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
