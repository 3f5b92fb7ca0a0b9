using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Task (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<TaskId>))]
public readonly record struct TaskId : IStronglyTypedId<TaskId>
{
    /// <summary>Initializes a new instance of the <see cref="TaskId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public TaskId(string value) => Value = StronglyTypedId.Validate(value, nameof(TaskId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static TaskId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
