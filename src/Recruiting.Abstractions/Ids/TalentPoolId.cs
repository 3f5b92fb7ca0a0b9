using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a TalentPool (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<TalentPoolId>))]
public readonly record struct TalentPoolId : IStronglyTypedId<TalentPoolId>
{
    /// <summary>Initializes a new instance of the <see cref="TalentPoolId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public TalentPoolId(string value) => Value = StronglyTypedId.Validate(value, nameof(TalentPoolId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static TalentPoolId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
