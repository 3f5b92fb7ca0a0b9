namespace Recruiting.References;

/// <summary>
/// A recruiter's request for references: the candidates selected in an assignment (or unsolicited candidates when
/// <see cref="Job"/> is <see langword="null"/>) and the choices made in the request dialog.
/// </summary>
public sealed record ReferenceCheckRequest
{
    /// <summary>Gets the assignment the candidates were selected in; <see langword="null"/> for candidates without one
    /// (unsolicited applications), who are first placed in the tenant's reference assignment.</summary>
    public JobId? Job { get; init; }

    /// <summary>Gets the candidates.</summary>
    public required IReadOnlyList<CandidateId> Candidates { get; init; }

    /// <summary>Gets the sub-account; <see langword="null"/> uses the tenant's default.</summary>
    public string? SubAccount { get; init; }

    /// <summary>Gets the language of the questions.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the question template, which must be written in <see cref="Language"/>.</summary>
    public required string TemplateId { get; init; }

    /// <summary>Gets how many references to ask for.</summary>
    public required int ReferenceCount { get; init; }

    /// <summary>Gets how the candidates are asked for their referees.</summary>
    public ContactChannel CandidateContact { get; init; } = ContactChannel.Email;

    /// <summary>Gets how the referees are contacted.</summary>
    public ContactChannel RefereeContact { get; init; } = ContactChannel.Email;

    /// <summary>Gets the recruiter who asked.</summary>
    public UserId? RequestedBy { get; init; }

    /// <summary>Gets a round name; asking again with the same round creates nothing new, a new round makes new checks.</summary>
    /// <value>The default value is <c>1</c>.</value>
    public string Round { get; init; } = "1";
}

/// <summary>Why a whole request was refused before any check was created.</summary>
public enum ReferenceRequestProblem
{
    /// <summary>No candidates were given, or more than the options allow.</summary>
    InvalidCandidates,

    /// <summary>The tenant has no provider configuration.</summary>
    NotConfigured,

    /// <summary>The sub-account is not one of the tenant's (or none was given and the tenant has no default).</summary>
    UnknownSubAccount,

    /// <summary>The sub-account has no templates in the language.</summary>
    UnknownLanguage,

    /// <summary>The template is not one of the sub-account's templates in the chosen language.</summary>
    TemplateNotInLanguage,

    /// <summary>The reference count is 0 or above the provider's (or the options') maximum.</summary>
    InvalidReferenceCount,

    /// <summary>Candidates without an assignment were given but the tenant configured no reference assignment.</summary>
    NoReferenceAssignment,

    /// <summary>The provider could not be reached to check the choices.</summary>
    ProviderUnavailable,
}

/// <summary>What became of one candidate of a request.</summary>
public enum ReferenceRequestOutcome
{
    /// <summary>A check was created.</summary>
    Requested,

    /// <summary>A check for this candidate, assignment and round exists; nothing new was created.</summary>
    AlreadyRequested,

    /// <summary>The candidate is unknown in the tenant.</summary>
    UnknownCandidate,

    /// <summary>The candidate has no application in the assignment.</summary>
    NotInAssignment,

    /// <summary>SMS was chosen but the candidate has no phone number.</summary>
    CandidateHasNoPhone,

    /// <summary>E-mail was chosen but the candidate has no e-mail address.</summary>
    CandidateHasNoEmail,

    /// <summary>The provider could not be reached; asking again later completes it without duplicates.</summary>
    ProviderUnavailable,

    /// <summary>The provider refused the check.</summary>
    ProviderRejected,
}

/// <summary>The outcome of one candidate of a request.</summary>
/// <param name="Candidate">The candidate.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="CheckId">The check, when one exists.</param>
/// <param name="Application">The application in the assignment, when known.</param>
/// <param name="Detail">Details for people.</param>
public sealed record ReferenceRequestItem(CandidateId Candidate, ReferenceRequestOutcome Outcome, string? CheckId, ApplicationId? Application, string? Detail = null);

/// <summary>The outcome of a request: a problem that stopped it, or an item per candidate.</summary>
/// <param name="Problem">Why the whole request was refused, when it was.</param>
/// <param name="Detail">Details of the problem for people.</param>
/// <param name="Items">The candidates' outcomes, in request order.</param>
public sealed record ReferenceRequestResult(ReferenceRequestProblem? Problem, string? Detail, IReadOnlyList<ReferenceRequestItem> Items)
{
    /// <summary>Gets whether the request was accepted (each candidate then has its own outcome).</summary>
    public bool Accepted => Problem is null;

    internal static ReferenceRequestResult Refused(ReferenceRequestProblem problem, string detail) => new(problem, detail, []);
}

/// <summary>A reference check as a recruiter sees it in the candidate list.</summary>
/// <param name="CheckId">The SDK's id.</param>
/// <param name="Candidate">The candidate.</param>
/// <param name="Application">The application in the assignment.</param>
/// <param name="Job">The assignment.</param>
/// <param name="State">The state.</param>
/// <param name="Requested">References asked for.</param>
/// <param name="Answered">References answered.</param>
/// <param name="CandidateUrl">The link to the candidate in the provider, while the check runs.</param>
/// <param name="ReportDocument">The filed report, once filed.</param>
/// <param name="UpdatedAt">When the SDK last changed it.</param>
public sealed record ReferenceCheckView(
    string CheckId,
    CandidateId Candidate,
    ApplicationId Application,
    JobId Job,
    ReferenceCheckState State,
    int Requested,
    int Answered,
    Uri? CandidateUrl,
    DocumentId? ReportDocument,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Gets whether the check still runs at the provider.</summary>
    public bool IsRunning => State is ReferenceCheckState.Requested or ReferenceCheckState.RefereesNamed or ReferenceCheckState.InProgress;
}

/// <summary>What a status (callback or poll) did.</summary>
public enum ReferenceStatusOutcome
{
    /// <summary>The status was newer and was applied.</summary>
    Applied,

    /// <summary>The same status was applied before (a duplicate delivery); nothing changed.</summary>
    Duplicate,

    /// <summary>The status was older than the stored one (out of order); nothing changed.</summary>
    Stale,

    /// <summary>The callback was refused (see the refusal).</summary>
    Refused,
}

/// <summary>The result of a status callback; hosts answer 2xx unless <see cref="Outcome"/> is <see cref="ReferenceStatusOutcome.Refused"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Refusal">Why it was refused, when it was.</param>
/// <param name="CheckId">The check, when known.</param>
/// <param name="State">The check's state after the callback, when known.</param>
public sealed record ReferenceCallbackResult(ReferenceStatusOutcome Outcome, CallbackRefusal? Refusal, string? CheckId, ReferenceCheckState? State);

/// <summary>The result of polling a tenant's open checks.</summary>
/// <param name="Polled">Checks asked about.</param>
/// <param name="Changed">Checks whose status changed.</param>
/// <param name="ReportsFiled">Reports filed.</param>
/// <param name="Failed">Checks the provider could not answer for.</param>
public sealed record ReferencePollResult(int Polled, int Changed, int ReportsFiled, int Failed);
