using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Recruiting.Connectors.Tests.References;

/// <summary>
/// Reads <c>References/openapi.yaml</c> and checks requests and responses against its paths, parameters and
/// schemas (the subset the contract uses: $ref, type incl. "null", required, properties, additionalProperties,
/// items, enum, minimum, format date-time/uri).
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject _root;

    private OpenApiContract(JsonObject root) => _root = root;

    public static OpenApiContract Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "TestData", "References", "openapi.yaml");
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        return new OpenApiContract((JsonObject)Convert(yaml.Documents[0].RootNode)!);
    }

    public JsonObject Root => _root;

    public IReadOnlyList<(string Method, string Path, string OperationId)> Operations
        => ((JsonObject)_root["paths"]!).SelectMany(p => ((JsonObject)p.Value!).Select(m => (m.Key.ToUpperInvariant(), p.Key, (string)m.Value!["operationId"]!))).ToList();

    public (string Path, JsonObject Operation)? Find(string method, string path)
    {
        foreach (var (template, item) in (JsonObject)_root["paths"]!)
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && ((JsonObject)item!)[method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        return null;
    }

    public List<string> ValidateRequest(string method, string path, IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> headers, JsonNode? body)
    {
        var errors = new List<string>();
        if (Find(method, path) is not { } found)
        {
            errors.Add($"{method} {path} is not in the contract.");
            return errors;
        }

        foreach (var parameter in ((JsonArray?)found.Operation["parameters"] ?? []).Select(p => Resolve(p!)))
        {
            var name = (string)parameter["name"]!;
            var required = parameter["required"]?.ToString() == "true";
            var where = (string)parameter["in"]!;
            var present = where switch
            {
                "query" => query.ContainsKey(name),
                "header" => headers.Keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)),
                _ => true,
            };
            if (required && !present)
            {
                errors.Add($"{method} {found.Path}: required {where} parameter '{name}' is missing.");
            }
        }

        if (found.Operation["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema)
        {
            if (body is null)
            {
                errors.Add($"{method} {found.Path}: a JSON body is required.");
            }
            else
            {
                Validate(schema, body, "body", errors);
            }
        }

        return errors;
    }

    public List<string> ValidateResponse(string method, string path, int status, string? contentType, JsonNode? body)
    {
        var errors = new List<string>();
        if (Find(method, path) is not { } found)
        {
            return [$"{method} {path} is not in the contract."];
        }

        if (found.Operation["responses"]?[status.ToString(CultureInfo.InvariantCulture)] is not JsonNode response)
        {
            return [$"{method} {found.Path}: status {status} is not in the contract."];
        }

        var content = Resolve(response)["content"] as JsonObject;
        if (content is null)
        {
            return errors;
        }

        var media = contentType?.Split(';')[0].Trim() ?? string.Empty;
        if (content[media] is not JsonObject mediaType)
        {
            return [$"{method} {found.Path} {status}: content type '{media}' is not in the contract ({string.Join(", ", content.Select(c => c.Key))})."];
        }

        if (media == "application/json")
        {
            Validate((JsonObject)mediaType["schema"]!, body, "response", errors);
        }

        return errors;
    }

    public List<string> ValidateSchema(string schemaName, JsonNode? value)
    {
        var errors = new List<string>();
        Validate((JsonObject)_root["components"]!["schemas"]![schemaName]!, value, schemaName, errors);
        return errors;
    }

    public IReadOnlyList<string> PropertiesOf(string schemaName)
        => ((JsonObject)_root["components"]!["schemas"]![schemaName]!["properties"]!).Select(p => p.Key).ToList();

    private JsonObject Resolve(JsonNode node)
    {
        var obj = (JsonObject)node;
        while (obj["$ref"] is JsonNode reference)
        {
            var parts = ((string)reference!).TrimStart('#', '/').Split('/');
            JsonNode current = _root;
            foreach (var part in parts)
            {
                current = current[part] ?? throw new InvalidOperationException($"Unresolved $ref {reference}.");
            }

            obj = (JsonObject)current;
        }

        return obj;
    }

    private void Validate(JsonObject schemaNode, JsonNode? value, string at, List<string> errors)
    {
        var schema = Resolve(schemaNode);
        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => (string)t!).ToList(),
            JsonValue single => [(string)single!],
            _ => new List<string>(),
        };

        if (value is null)
        {
            if (types.Count > 0 && !types.Contains("null"))
            {
                errors.Add($"{at}: null is not allowed.");
            }

            return;
        }

        var kind = value.GetValueKind();
        var actual = kind switch
        {
            System.Text.Json.JsonValueKind.Object => "object",
            System.Text.Json.JsonValueKind.Array => "array",
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.Number => value.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "null",
        };
        if (types.Count > 0 && !types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
        {
            errors.Add($"{at}: expected {string.Join("|", types)}, found {actual}.");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => (string?)a == value.ToString()))
        {
            errors.Add($"{at}: '{value}' is not one of {string.Join(", ", allowed)}.");
        }

        if (schema["minimum"] is JsonNode minimum && actual is "integer" or "number"
            && value.GetValue<decimal>() < decimal.Parse((string)minimum!, CultureInfo.InvariantCulture))
        {
            errors.Add($"{at}: {value} is below the minimum {minimum}.");
        }

        if (actual == "string" && (string?)schema["format"] is { } format)
        {
            var text = value.GetValue<string>();
            if (format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{at}: '{text}' is not a date-time.");
            }

            if (format == "uri" && !Uri.TryCreate(text, UriKind.Absolute, out _))
            {
                errors.Add($"{at}: '{text}' is not an absolute URI.");
            }
        }

        if (actual == "object")
        {
            var obj = (JsonObject)value;
            var properties = schema["properties"] as JsonObject ?? [];
            foreach (var required in (JsonArray?)schema["required"] ?? [])
            {
                if (!obj.ContainsKey((string)required!))
                {
                    errors.Add($"{at}: required property '{required}' is missing.");
                }
            }

            foreach (var (name, child) in obj)
            {
                if (properties[name] is JsonObject propertySchema)
                {
                    Validate(propertySchema, child, $"{at}.{name}", errors);
                }
                else if (schema["additionalProperties"]?.ToString() == "false")
                {
                    errors.Add($"{at}: property '{name}' is not in the contract.");
                }
            }
        }

        if (actual == "array" && schema["items"] is JsonObject items)
        {
            var i = 0;
            foreach (var item in (JsonArray)value)
            {
                Validate(items, item, $"{at}[{i++}]", errors);
            }
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
