using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recruiting;

/// <summary>Writes a strongly typed identifier as its string value.</summary>
/// <typeparam name="TId">The identifier type.</typeparam>
public sealed class StronglyTypedIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, IStronglyTypedId<TId>
{
    /// <inheritdoc />
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => TId.From(reader.GetString() ?? throw new JsonException($"{typeof(TId).Name} cannot be null."));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
