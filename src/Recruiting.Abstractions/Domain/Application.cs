namespace Recruiting;

/// <summary>Where an application stands.</summary>
public enum ApplicationStatus
{
    /// <summary>In process.</summary>
    Active,

    /// <summary>Rejected (disqualified).</summary>
    Rejected,

    /// <summary>Hired.</summary>
    Hired,

    /// <summary>Withdrawn by the candidate.</summary>
    Withdrawn,
}

/// <summary>An application of a candidate to a job, as the host reports it.</summary>
public sealed record ApplicationInfo
{
    /// <summary>Gets the application id.</summary>
    public required ApplicationId Id { get; init; }

    /// <summary>Gets the owning tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the reference number recruiters see.</summary>
    public required ApplicationReference Reference { get; init; }

    /// <summary>Gets the candidate.</summary>
    public required CandidateId Candidate { get; init; }

    /// <summary>Gets the job (vacancy, assignment) applied to; <see langword="null"/> for unsolicited applications.</summary>
    public JobId? Job { get; init; }

    /// <summary>Gets the current stage of the job's hiring flow.</summary>
    public StageId? Stage { get; init; }

    /// <summary>Gets the status.</summary>
    public ApplicationStatus Status { get; init; } = ApplicationStatus.Active;

    /// <summary>Gets the users responsible for the application (HR managers, department users with access).</summary>
    public IReadOnlyList<UserId> ResponsibleUsers { get; init; } = [];

    /// <summary>Gets when the application was received.</summary>
    public DateTimeOffset? AppliedAt { get; init; }
}

/// <summary>A job (vacancy, assignment) of the host.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Tenant">The owning tenant.</param>
/// <param name="Title">The title.</param>
/// <param name="Flow">The hiring flow the job uses.</param>
/// <param name="Stages">The stages of that flow, in order.</param>
/// <param name="Recruiters">The recruiters responsible for the job.</param>
public sealed record JobInfo(
    JobId Id,
    TenantId Tenant,
    string Title,
    HiringFlowId? Flow = null,
    IReadOnlyList<StageInfo>? Stages = null,
    IReadOnlyList<UserId>? Recruiters = null);

/// <summary>A stage of a hiring flow.</summary>
/// <param name="Id">The stage id.</param>
/// <param name="Name">The display name.</param>
/// <param name="IsRejected">Whether an application in this stage counts as rejected.</param>
public sealed record StageInfo(StageId Id, string Name, bool IsRejected = false);

/// <summary>A talent pool of the host.</summary>
/// <param name="Id">The pool id.</param>
/// <param name="Name">The display name.</param>
public sealed record TalentPoolInfo(TalentPoolId Id, string Name);
