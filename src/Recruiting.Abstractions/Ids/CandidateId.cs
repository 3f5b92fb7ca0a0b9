using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Candidate (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<CandidateId>))]
public readonly record struct CandidateId : IStronglyTypedId<CandidateId>
{
    /// <summary>Initializes a new instance of the <see cref="CandidateId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public CandidateId(string value) => Value = StronglyTypedId.Validate(value, nameof(CandidateId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static CandidateId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
