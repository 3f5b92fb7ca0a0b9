namespace Recruiting.ClientAccess;

/// <summary>Something a client may ask to see. The policy has rules for the kinds below; any other kind is denied.</summary>
public abstract record ClientResource;

/// <summary>A vacancy.</summary>
/// <param name="Job">The vacancy.</param>
public sealed record VacancyResource(JobId Job) : ClientResource;

/// <summary>An application.</summary>
/// <param name="Application">The application.</param>
public sealed record ApplicationResource(ApplicationId Application) : ClientResource;

/// <summary>A candidate (reached only through applications to the client's vacancies).</summary>
/// <param name="Candidate">The candidate.</param>
public sealed record CandidateResource(CandidateId Candidate) : ClientResource;

/// <summary>A note of an application.</summary>
/// <param name="Application">The application.</param>
/// <param name="Note">The note.</param>
public sealed record NoteResource(ApplicationId Application, NoteId Note) : ClientResource;

/// <summary>A document of an application.</summary>
/// <param name="Application">The application.</param>
/// <param name="Document">The document.</param>
public sealed record DocumentResource(ApplicationId Application, DocumentId Document) : ClientResource;

/// <summary>An interview.</summary>
/// <param name="Interview">The interview.</param>
public sealed record InterviewResource(InterviewId Interview) : ClientResource;

/// <summary>The résumé database (search across every candidate): never open to clients.</summary>
public sealed record ResumeDatabaseResource : ClientResource;

/// <summary>What the SDK found out about a resource before the policy decides (the I/O is done; deciding is pure).</summary>
public sealed record ClientResourceFacts
{
    /// <summary>Gets facts of a resource that does not exist in the client's tenant.</summary>
    public static ClientResourceFacts Missing { get; } = new() { Exists = false };

    /// <summary>Gets whether the resource exists in the tenant asked.</summary>
    public required bool Exists { get; init; }

    /// <summary>Gets the tenant owning the resource.</summary>
    public TenantId? Tenant { get; init; }

    /// <summary>Gets the vacancies the resource is reached through (a candidate's: those of its applications).</summary>
    public IReadOnlyList<JobId> Jobs { get; init; } = [];

    /// <summary>Gets whether the resource is a note with "don't show to clients" ticked.</summary>
    public bool HiddenFromClients { get; init; }

    /// <summary>Gets whether the resource is an original document that a client-specific version replaces.</summary>
    public bool ReplacedByClientVersion { get; init; }
}
