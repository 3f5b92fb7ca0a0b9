using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Interview (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<InterviewId>))]
public readonly record struct InterviewId : IStronglyTypedId<InterviewId>
{
    /// <summary>Initializes a new instance of the <see cref="InterviewId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public InterviewId(string value) => Value = StronglyTypedId.Validate(value, nameof(InterviewId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static InterviewId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
