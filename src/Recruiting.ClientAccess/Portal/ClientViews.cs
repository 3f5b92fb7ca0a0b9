namespace Recruiting.ClientAccess;

/// <summary>A candidate as a hiring client sees it: only what concerns the client's vacancies, with everything the policy hides removed.</summary>
public sealed record ClientCandidateView
{
    /// <summary>Gets the candidate id.</summary>
    public required CandidateId Id { get; init; }

    /// <summary>Gets the name.</summary>
    public required PersonName Name { get; init; }

    /// <summary>Gets whether the candidate's contacts are hidden from this client.</summary>
    public required bool ContactsHidden { get; init; }

    /// <summary>Gets the contact details; <see langword="null"/> when hidden.</summary>
    public ClientContactDetails? Contacts { get; init; }

    /// <summary>Gets the preferred language.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the skills.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Gets the categories.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Gets the résumé text: the version made for clients when there is one, else the original (masked when contacts are hidden).</summary>
    public string? ResumeText { get; init; }

    /// <summary>Gets whether <see cref="ResumeText"/> is the version made for clients.</summary>
    public bool ResumeIsClientVersion { get; init; }

    /// <summary>Gets the candidate's applications to the client's vacancies.</summary>
    public IReadOnlyList<ClientApplicationView> Applications { get; init; } = [];
}

/// <summary>A candidate's contact details as a client may see them.</summary>
/// <param name="Emails">The e-mail addresses.</param>
/// <param name="Phones">The phone numbers.</param>
/// <param name="Address">The postal address.</param>
/// <param name="SocialLinks">The social profile links.</param>
/// <param name="MessengerIds">The messenger ids.</param>
public sealed record ClientContactDetails(IReadOnlyList<string> Emails, IReadOnlyList<string> Phones, PostalAddress? Address, IReadOnlyList<string> SocialLinks, IReadOnlyList<string> MessengerIds);

/// <summary>An application to one of the client's vacancies.</summary>
/// <param name="Id">The application id.</param>
/// <param name="Reference">The reference number.</param>
/// <param name="Job">The vacancy.</param>
/// <param name="JobTitle">The vacancy's title.</param>
/// <param name="Stage">The current stage.</param>
/// <param name="StageName">The current stage's name.</param>
/// <param name="Status">The status.</param>
/// <param name="AppliedAt">When the candidate applied.</param>
/// <param name="Notes">The notes the client may see.</param>
/// <param name="Documents">The documents the client may see.</param>
public sealed record ClientApplicationView(
    ApplicationId Id,
    ApplicationReference Reference,
    JobId Job,
    string? JobTitle,
    StageId? Stage,
    string? StageName,
    ApplicationStatus Status,
    DateTimeOffset? AppliedAt,
    IReadOnlyList<ClientNoteView> Notes,
    IReadOnlyList<ClientDocumentView> Documents);

/// <summary>A note a client may see.</summary>
/// <param name="Id">The note id.</param>
/// <param name="Text">The text (masked when contacts are hidden).</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="ByClient">Whether a client wrote it.</param>
public sealed record ClientNoteView(NoteId Id, string Text, DateTimeOffset CreatedAt, bool ByClient);

/// <summary>A document a client may see.</summary>
/// <param name="Id">The document id.</param>
/// <param name="FileName">The file name (masked when contacts are hidden).</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Kind">The kind.</param>
/// <param name="IsClientVersion">Whether it is a résumé version made for clients.</param>
public sealed record ClientDocumentView(DocumentId Id, string FileName, string ContentType, DocumentKind Kind, bool IsClientVersion);

/// <summary>One row of a client's candidate list.</summary>
/// <param name="Candidate">The candidate.</param>
/// <param name="Name">The name.</param>
/// <param name="Application">The application.</param>
/// <param name="Reference">The reference number.</param>
/// <param name="Job">The vacancy.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Status">The status.</param>
/// <param name="AppliedAt">When the candidate applied.</param>
/// <param name="Skills">The skills.</param>
/// <param name="Categories">The categories.</param>
/// <param name="Excerpt">The start of the résumé text (masked when contacts are hidden).</param>
public sealed record ClientCandidateListItem(
    CandidateId Candidate,
    PersonName Name,
    ApplicationId Application,
    ApplicationReference Reference,
    JobId Job,
    StageId? Stage,
    ApplicationStatus Status,
    DateTimeOffset? AppliedAt,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> Categories,
    string? Excerpt);

/// <summary>A page of a client's candidate list.</summary>
/// <param name="Items">The rows.</param>
/// <param name="Total">Rows in all pages.</param>
/// <param name="Page">The page number (from 1).</param>
/// <param name="PageSize">The page size.</param>
public sealed record ClientCandidatePage(IReadOnlyList<ClientCandidateListItem> Items, int Total, int Page, int PageSize);

/// <summary>Pipeline figures of one vacancy for its client.</summary>
/// <param name="Job">The vacancy.</param>
/// <param name="Title">The title.</param>
/// <param name="Total">Candidates in process.</param>
/// <param name="NewSinceLastVisit">Candidates who applied since the client's previous visit (all on the first visit).</param>
/// <param name="LastVisitAt">The client's previous visit.</param>
/// <param name="Stages">Candidates per stage, in process order.</param>
public sealed record ClientPipelineFigures(JobId Job, string Title, int Total, int NewSinceLastVisit, DateTimeOffset? LastVisitAt, IReadOnlyList<ClientStageCount> Stages);

/// <summary>Candidates in one stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Name">The stage name.</param>
/// <param name="Count">The count.</param>
public sealed record ClientStageCount(StageId Stage, string Name, int Count);

/// <summary>An interview as a client sees it.</summary>
/// <param name="Id">The interview.</param>
/// <param name="Job">The vacancy.</param>
/// <param name="Application">The application.</param>
/// <param name="Candidate">The candidate's name.</param>
/// <param name="StartsAt">When it starts.</param>
/// <param name="EndsAt">When it ends.</param>
/// <param name="Title">The title.</param>
/// <param name="Location">Where.</param>
public sealed record ClientInterviewView(InterviewId Id, JobId Job, ApplicationId Application, string? Candidate, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Title, string? Location);

/// <summary>A client's interviews grouped by day in the tenant's time zone.</summary>
/// <param name="TimeZoneId">The tenant's time zone.</param>
/// <param name="Days">The days that have interviews, in order.</param>
public sealed record ClientInterviewCalendar(string TimeZoneId, IReadOnlyList<ClientInterviewDay> Days);

/// <summary>The interviews of one day.</summary>
/// <param name="Date">The date.</param>
/// <param name="Interviews">The interviews, earliest first.</param>
public sealed record ClientInterviewDay(DateOnly Date, IReadOnlyList<ClientInterviewView> Interviews);
