namespace Recruiting;

/// <summary>Where an imported applicant came from.</summary>
/// <param name="Channel">The channel: a board's service name, or <c>csv</c> for a manual file.</param>
/// <param name="Account">The board account, when any.</param>
/// <param name="ExternalId">The board's applicant id, when it gives one.</param>
/// <param name="PostingId">The board posting applied to.</param>
/// <param name="PostingTitle">The board posting's title.</param>
public sealed record ApplicantSource(string Channel, string? Account = null, string? ExternalId = null, string? PostingId = null, string? PostingTitle = null);

/// <summary>A new applicant to create in the host.</summary>
public sealed record ApplicantIntakeRequest
{
    /// <summary>Gets the candidate's profile.</summary>
    public required CandidateProfile Profile { get; init; }

    /// <summary>Gets the host job the applicant goes to.</summary>
    public required JobId Job { get; init; }

    /// <summary>Gets the hiring flow, when the mapping names one.</summary>
    public HiringFlowId? Flow { get; init; }

    /// <summary>Gets where the applicant came from.</summary>
    public required ApplicantSource Source { get; init; }

    /// <summary>Gets when the candidate applied.</summary>
    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>Gets the documents to attach (résumés …).</summary>
    public IReadOnlyList<DocumentUpload> Documents { get; init; } = [];

    /// <summary>Gets free-form answers or fields the board gave that the profile has no place for.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the host made of an imported applicant.</summary>
/// <param name="Application">The application created (or found, for a repeated key).</param>
/// <param name="Candidate">The candidate.</param>
/// <param name="Reference">The application's reference number, when the host gives one.</param>
public sealed record IntakeResult(ApplicationId Application, CandidateId Candidate, ApplicationReference? Reference = null);

/// <summary>Creates applicants in the host. Implemented by the host.</summary>
public interface IApplicantIntake
{
    /// <summary>Creates the candidate and application; a repeated key returns the first result and changes nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="request">The applicant.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The created (or first) result.</returns>
    ValueTask<IntakeResult> ImportApplicantAsync(TenantId tenant, ApplicantIntakeRequest request, IdempotencyKey key, CancellationToken cancellationToken = default);
}
