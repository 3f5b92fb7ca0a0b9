using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Note (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<NoteId>))]
public readonly record struct NoteId : IStronglyTypedId<NoteId>
{
    /// <summary>Initializes a new instance of the <see cref="NoteId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public NoteId(string value) => Value = StronglyTypedId.Validate(value, nameof(NoteId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static NoteId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
