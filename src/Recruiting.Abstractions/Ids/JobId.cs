using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Job (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<JobId>))]
public readonly record struct JobId : IStronglyTypedId<JobId>
{
    /// <summary>Initializes a new instance of the <see cref="JobId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public JobId(string value) => Value = StronglyTypedId.Validate(value, nameof(JobId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static JobId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
