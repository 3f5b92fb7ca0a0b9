using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recruiting.Connectors.Boards;

/// <summary>What the ledger keeps of an intake to replay it after a crash (documents are not kept: a replay sends none; the next automatic run of the same applicant sends them).</summary>
internal sealed record IntakePayload(
    string Board,
    string Account,
    bool Manual,
    CandidateProfile Profile,
    JobId Job,
    HiringFlowId? Flow,
    ApplicantSource Source,
    DateTimeOffset? AppliedAt,
    IReadOnlyDictionary<string, string> ExtraFields)
{
    public ApplicantIntakeRequest ToRequest(IReadOnlyList<DocumentUpload>? documents = null) => new()
    {
        Profile = Profile,
        Job = Job,
        Flow = Flow,
        Source = Source,
        AppliedAt = AppliedAt,
        ExtraFields = ExtraFields,
        Documents = documents ?? [],
    };

    /// <summary>
    /// Gets the payloads' JSON options: web defaults, nulls left out, source-generated metadata, and non-ASCII text
    /// written as is (a Japanese profile is a third shorter than with <c>\uXXXX</c> escapes; the ledger is no HTML page).
    /// Older payloads, written with escapes, read the same.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = IntakePayloadJson.Default,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static IntakePayload? Deserialize(string? json) => json is null ? null : JsonSerializer.Deserialize<IntakePayload>(json, Json);
}

/// <summary>What the ledger keeps of the host's answer.</summary>
internal sealed record IntakeResultPayload(ApplicationId Application, CandidateId Candidate, ApplicationReference? Reference)
{
    public static string Serialize(IntakeResult result) => JsonSerializer.Serialize(new IntakeResultPayload(result.Application, result.Candidate, result.Reference), IntakePayload.Json);

    public static IntakeResult? Deserialize(string? json)
        => json is null ? null : JsonSerializer.Deserialize<IntakeResultPayload>(json, IntakePayload.Json) is { } p ? new IntakeResult(p.Application, p.Candidate, p.Reference) : null;
}

/// <summary>The ledger payloads' JSON (web defaults: camelCase, nulls left out), generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntakePayload))]
[JsonSerializable(typeof(IntakeResultPayload))]
internal sealed partial class IntakePayloadJson : JsonSerializerContext;
