using System.Buffers;
using System.Text;
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

    /// <summary>
    /// Serializes the payload as <see cref="Json"/> would, but through the source generator's fast path: options with a
    /// custom encoder switch that path off (a third of a row's import cost), so the encoder goes on the writer instead.
    /// </summary>
    public string Serialize() => PayloadWriter.Write(this, IntakePayloadJson.Default.IntakePayload);

    public static IntakePayload? Deserialize(string? json) => json is null ? null : JsonSerializer.Deserialize<IntakePayload>(json, Json);
}

/// <summary>What the ledger keeps of the host's answer.</summary>
internal sealed record IntakeResultPayload(ApplicationId Application, CandidateId Candidate, ApplicationReference? Reference)
{
    public static string Serialize(IntakeResult result) => PayloadWriter.Write(new IntakeResultPayload(result.Application, result.Candidate, result.Reference), IntakePayloadJson.Default.IntakeResultPayload);

    public static IntakeResult? Deserialize(string? json)
        => json is null ? null : JsonSerializer.Deserialize<IntakeResultPayload>(json, IntakePayload.Json) is { } p ? new IntakeResult(p.Application, p.Candidate, p.Reference) : null;
}

/// <summary>Writes ledger payloads with the generated fast path into a per-thread buffer and writer (no per-row buffers).</summary>
internal static class PayloadWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity > 64 * 1024)
            {
                // An unusually large payload: do not keep its buffer for the thread's lifetime.
                t_buffer = null;
                t_writer = null;
            }
        }
    }
}

/// <summary>The ledger payloads' JSON (web defaults: camelCase, nulls left out), generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntakePayload))]
[JsonSerializable(typeof(IntakeResultPayload))]
internal sealed partial class IntakePayloadJson : JsonSerializerContext;
