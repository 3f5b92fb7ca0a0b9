using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Identifies a HistoryEntry (the host's or the SDK's value, opaque to the SDK).</summary>
[JsonConverter(typeof(StronglyTypedIdJsonConverter<HistoryEntryId>))]
public readonly record struct HistoryEntryId : IStronglyTypedId<HistoryEntryId>
{
    /// <summary>Initializes a new instance of the <see cref="HistoryEntryId"/> struct.</summary>
    /// <param name="value">A non-empty value.</param>
    /// <exception cref="ArgumentException">The value is empty or too long.</exception>
    public HistoryEntryId(string value) => Value = StronglyTypedId.Validate(value, nameof(HistoryEntryId));

    /// <inheritdoc />
    public string Value { get; }

    /// <inheritdoc />
    public static HistoryEntryId From(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
