using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Stage (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<StageId>))]
public readonly record struct StageId : IStronglyTypedId<StageId>
{
    /// <summary>Initializes a new instance of the <see cref="StageId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public StageId(string value) => Value = StronglyTypedId.Validate(value, nameof(StageId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static StageId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
