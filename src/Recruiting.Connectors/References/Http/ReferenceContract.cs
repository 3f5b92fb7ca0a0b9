using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recruiting.References.Http;

/// <summary>The wire shapes of the provider-neutral contract (<c>References/openapi.yaml</c>).</summary>
internal static class ReferenceContract
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string TimestampHeader = "X-Reference-Timestamp";
    public const string SignatureHeader = "X-Reference-Signature";
    public const string SignatureVersion = "v1";
    public const string UpdatedEvent = "referenceCheck.updated";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ToWire(ContactChannel channel) => channel switch
    {
        ContactChannel.Email => "email",
        ContactChannel.Sms => "sms",
        ContactChannel.Both => "both",
        _ => "none",
    };
}

internal sealed record ListResponse<T>(IReadOnlyList<T> Items);

internal sealed record SubAccountDto(string Id, string Name, int MaxReferences);

internal sealed record LanguageDto(string Code, string Name);

internal sealed record TemplateDto(string Id, string Name, string Language);

internal sealed record CandidateDto(string Name, string? Email, string? Phone);

internal sealed record CreateReferenceCheckDto(
    string ExternalId,
    string TemplateId,
    string Language,
    int ReferenceCount,
    CandidateDto Candidate,
    string CandidateContact,
    string RefereeContact,
    string? CallbackUrl);

internal sealed record ReferenceCheckDto(
    string Id,
    string ExternalId,
    string SubAccountId,
    string TemplateId,
    string Language,
    ReferenceCheckState State,
    int Requested,
    int Answered,
    string? CandidateUrl,
    long Sequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public ProviderCheckStatus ToStatus() => new()
    {
        ProviderCheckId = Id,
        CheckId = ExternalId,
        State = State,
        Requested = Requested,
        Answered = Answered,
        CandidateUrl = Uri.TryCreate(CandidateUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null,
        Sequence = Sequence,
        UpdatedAt = UpdatedAt,
    };
}

internal sealed record CallbackDto(string Event, string DeliveryId, ReferenceCheckDto Check);

internal sealed record ErrorDto(string Code, string Message);
