using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a Document (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<DocumentId>))]
public readonly record struct DocumentId : IStronglyTypedId<DocumentId>
{
    /// <summary>Initializes a new instance of the <see cref="DocumentId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public DocumentId(string value) => Value = StronglyTypedId.Validate(value, nameof(DocumentId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static DocumentId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
