using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recruiting.Automation;

/// <summary>The JSON settings stores use for rules and outbox payloads (camelCase, enums as camelCase words, nulls left out).</summary>
public static class AutomationJson
{
    /// <summary>Gets the shared options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
