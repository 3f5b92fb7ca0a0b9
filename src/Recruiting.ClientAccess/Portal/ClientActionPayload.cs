using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recruiting.ClientAccess;

/// <summary>
/// An accepted client action as the ledger keeps it: the normalised request (to tell a repeated request from a different one
/// under the same request id, and to replay it after a crash) and, once done, its result.
/// </summary>
internal sealed record ClientActionPayload(
    string Client,
    string Action,
    string RequestId,
    string? Application = null,
    string? Candidate = null,
    string? Stage = null,
    string? Text = null,
    string[]? Skills = null,
    string[]? Categories = null)
{
    public const string LedgerOperation = "clientAccess.action";
    public const string AddNote = "addNote";
    public const string EditProfile = "editProfile";
    public const string MoveStage = "moveStage";
    public const string Unknown = "unknown";

    private const int MaxNoteLength = 10_000;
    private const int MaxProfileItems = 100;
    private const int MaxProfileItemLength = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ActionOf(ClientActionRequest request) => request switch
    {
        AddClientNote => AddNote,
        EditCandidateProfile => EditProfile,
        MoveApplicationStage => MoveStage,
        _ => Unknown,
    };

    /// <summary>Validates and normalises a request; <see langword="null"/> when it is malformed or of a kind clients may not do.</summary>
    public static ClientActionPayload? From(ClientId client, ClientActionRequest request)
    {
        switch (request)
        {
            case AddClientNote note when !string.IsNullOrWhiteSpace(note.Text) && note.Text.Length <= MaxNoteLength:
                return new ClientActionPayload(client.Value, AddNote, request.RequestId, Application: note.Application.Value, Text: note.Text.Trim());

            case EditCandidateProfile edit when edit.Skills is not null && edit.Categories is not null
                && edit.Skills.Count <= MaxProfileItems && edit.Categories.Count <= MaxProfileItems
                && edit.Skills.Concat(edit.Categories).All(s => !string.IsNullOrWhiteSpace(s) && s.Length <= MaxProfileItemLength):
                return new ClientActionPayload(client.Value, EditProfile, request.RequestId, Candidate: edit.Candidate.Value,
                    Skills: edit.Skills.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                    Categories: edit.Categories.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());

            case MoveApplicationStage move:
                return new ClientActionPayload(client.Value, MoveStage, request.RequestId, Application: move.Application.Value, Stage: move.Stage.Value);

            default:
                return null;
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static ClientActionPayload? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ClientActionPayload>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string SerializeResult(ClientActionResult result) => JsonSerializer.Serialize(
        new StoredResult(result.Refusal, result.NoteId?.Value, result.RejectionId, result.AutomationQueued), Json);

    public static ClientActionResult ParseResult(string action, string? json)
    {
        var stored = json is null ? null : JsonSerializer.Deserialize<StoredResult>(json, Json);
        return stored is null
            ? new ClientActionResult(action, null)
            : new ClientActionResult(action, stored.Refusal, stored.NoteId is { } note ? new NoteId(note) : null, stored.RejectionId, stored.AutomationQueued);
    }

    private sealed record StoredResult(ClientRefusal? Refusal, string? NoteId, string? RejectionId, bool AutomationQueued);
}
