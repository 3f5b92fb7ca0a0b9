namespace Recruiting.References;

/// <summary>How the provider contacts a candidate or the referees.</summary>
public enum ContactChannel
{
    /// <summary>No automatic message; the recruiter contacts them.</summary>
    None,

    /// <summary>By e-mail.</summary>
    Email,

    /// <summary>By SMS.</summary>
    Sms,

    /// <summary>By e-mail and SMS.</summary>
    Both,
}

/// <summary>A sub-account of the tenant at the provider (a department or brand with its own templates).</summary>
/// <param name="Id">The provider's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="MaxReferences">The most references one check may ask for in this sub-account.</param>
public sealed record ReferenceSubAccount(string Id, string Name, int MaxReferences);

/// <summary>A language the provider's questions are available in.</summary>
/// <param name="Code">The BCP 47 code (for example <c>sv</c>, <c>en</c>).</param>
/// <param name="Name">The display name.</param>
public sealed record ReferenceLanguage(string Code, string Name);

/// <summary>A question template of the provider, written in one language.</summary>
/// <param name="Id">The provider's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Language">The language code of its questions.</param>
public sealed record ReferenceTemplate(string Id, string Name, string Language);

/// <summary>The candidate as the provider needs them to ask for referees.</summary>
/// <param name="Name">The full name.</param>
/// <param name="Email">The e-mail address, when known.</param>
/// <param name="Phone">The mobile phone number, when known.</param>
public sealed record ReferenceCandidate(string Name, string? Email, string? Phone);

/// <summary>What the SDK asks a provider to create: one reference check for one candidate.</summary>
public sealed record ProviderCheckRequest
{
    /// <summary>Gets the SDK's id of the check; the provider echoes it in statuses and callbacks.</summary>
    public required string CheckId { get; init; }

    /// <summary>Gets the sub-account.</summary>
    public required string SubAccount { get; init; }

    /// <summary>Gets the language code.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the question template.</summary>
    public required string TemplateId { get; init; }

    /// <summary>Gets how many references to ask for.</summary>
    public required int ReferenceCount { get; init; }

    /// <summary>Gets the candidate.</summary>
    public required ReferenceCandidate Candidate { get; init; }

    /// <summary>Gets how the candidate is contacted.</summary>
    public ContactChannel CandidateContact { get; init; } = ContactChannel.Email;

    /// <summary>Gets how the referees are contacted.</summary>
    public ContactChannel RefereeContact { get; init; } = ContactChannel.Email;

    /// <summary>Gets the URL the provider posts signed status callbacks to; <see langword="null"/> to rely on polling.</summary>
    public Uri? CallbackUrl { get; init; }
}

/// <summary>A check as the provider reports it.</summary>
public sealed record ProviderCheckStatus
{
    /// <summary>Gets the provider's id of the check.</summary>
    public required string ProviderCheckId { get; init; }

    /// <summary>Gets the SDK's id of the check, as sent on creation.</summary>
    public required string CheckId { get; init; }

    /// <summary>Gets the state.</summary>
    public required ReferenceCheckState State { get; init; }

    /// <summary>Gets how many references were asked for.</summary>
    public required int Requested { get; init; }

    /// <summary>Gets how many referees have answered.</summary>
    public required int Answered { get; init; }

    /// <summary>Gets the link to the candidate in the provider's application, when it gives one.</summary>
    public Uri? CandidateUrl { get; init; }

    /// <summary>Gets the provider's sequence number of this status; a higher number is newer.</summary>
    public required long Sequence { get; init; }

    /// <summary>Gets when the provider last changed the check.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A finished reference report as the provider serves it; the caller disposes the content.</summary>
/// <param name="FileName">A file name for it.</param>
/// <param name="ContentType">The MIME content type (usually <c>application/pdf</c>).</param>
/// <param name="Length">The length in bytes, when known.</param>
/// <param name="Content">The content.</param>
public sealed record ReferenceReportDocument(string FileName, string ContentType, long? Length, Stream Content);

/// <summary>A status callback exactly as received over HTTP, before it is trusted.</summary>
/// <param name="Headers">The request headers (names compared case-insensitively).</param>
/// <param name="Body">The raw body bytes, as signed.</param>
public sealed record ReferenceCallbackRequest(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

/// <summary>Why a callback was refused.</summary>
public enum CallbackRefusal
{
    /// <summary>The signature or timestamp header is missing.</summary>
    MissingSignature,

    /// <summary>The signature does not match the body.</summary>
    BadSignature,

    /// <summary>The timestamp is outside the tolerance (a replay or a wrong clock).</summary>
    StaleTimestamp,

    /// <summary>The body is not a status of the contract.</summary>
    MalformedPayload,

    /// <summary>The tenant has no provider configured (no webhook secret).</summary>
    NotConfigured,

    /// <summary>The callback names a check the SDK does not know for that tenant.</summary>
    UnknownCheck,
}

/// <summary>The result of reading a callback: a verified status, or a refusal with its reason.</summary>
/// <param name="Status">The verified status, when accepted.</param>
/// <param name="Refusal">The reason, when refused.</param>
public sealed record CallbackReadResult(ProviderCheckStatus? Status, CallbackRefusal? Refusal)
{
    /// <summary>Creates a verified result.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The result.</returns>
    public static CallbackReadResult Verified(ProviderCheckStatus status) => new(status, null);

    /// <summary>Creates a refusal.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The result.</returns>
    public static CallbackReadResult Refused(CallbackRefusal reason) => new(null, reason);
}
