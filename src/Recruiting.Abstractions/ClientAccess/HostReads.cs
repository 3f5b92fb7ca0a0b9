namespace Recruiting.ClientAccess;

/// <summary>A note or comment on an application, as the host keeps it.</summary>
/// <param name="Id">The note id.</param>
/// <param name="Application">The application it belongs to.</param>
/// <param name="Text">The text.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="HiddenFromClients">Whether "don't show to clients" is ticked (the default); clients see the note only when it is not.</param>
/// <param name="Author">The user who wrote it, when a user did.</param>
/// <param name="Origin">What made it (a client's notes carry the client as actor).</param>
public sealed record NoteInfo(NoteId Id, ApplicationId Application, string Text, DateTimeOffset CreatedAt, bool HiddenFromClients = true, UserId? Author = null, ActionOrigin? Origin = null);

/// <summary>Reads the notes of an application. Implemented by the host.</summary>
public interface INoteReader
{
    /// <summary>Lists an application's notes, oldest first.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The notes.</returns>
    IAsyncEnumerable<NoteInfo> ListNotesAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default);
}

/// <summary>Reads the documents of an application. Implemented by the host.</summary>
public interface IDocumentReader
{
    /// <summary>Lists an application's documents (client-specific résumé versions carry <see cref="DocumentInfo.ClientVersionOf"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The documents.</returns>
    IAsyncEnumerable<DocumentInfo> ListDocumentsAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default);

    /// <summary>Reads a document as text (a résumé made for clients in the host's editor), when the host has text for it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    ValueTask<string?> ReadTextAsync(TenantId tenant, DocumentId document, CancellationToken cancellationToken = default);
}

/// <summary>An interview scheduled for an application.</summary>
/// <param name="Id">The interview id.</param>
/// <param name="Application">The application.</param>
/// <param name="Job">The vacancy.</param>
/// <param name="StartsAt">When it starts.</param>
/// <param name="EndsAt">When it ends.</param>
/// <param name="Title">The title.</param>
/// <param name="Location">Where (a room or an address), when given.</param>
/// <param name="Message">The invitation text sent to the candidate, when any.</param>
public sealed record InterviewInfo(InterviewId Id, ApplicationId Application, JobId Job, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Title, string? Location = null, string? Message = null);

/// <summary>Reads a tenant's interviews. Implemented by the host.</summary>
public interface IInterviewReader
{
    /// <summary>Gets an interview.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="interview">The interview id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The interview, or <see langword="null"/> when unknown in that tenant.</returns>
    ValueTask<InterviewInfo?> GetInterviewAsync(TenantId tenant, InterviewId interview, CancellationToken cancellationToken = default);

    /// <summary>Lists a vacancy's interviews that start in [<paramref name="periodStart"/>, <paramref name="periodEnd"/>), earliest first.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="periodStart">The first instant.</param>
    /// <param name="periodEnd">The instant after the last.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The interviews.</returns>
    IAsyncEnumerable<InterviewInfo> ListInterviewsAsync(TenantId tenant, JobId job, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken = default);
}

/// <summary>Changes a candidate's skills and categories (a client may correct them). Implemented by the host.</summary>
public interface ICandidateProfileEditor
{
    /// <summary>Replaces a candidate's skills and categories; a repeated key changes nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="skills">The skills.</param>
    /// <param name="categories">The categories.</param>
    /// <param name="origin">What made the change.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when done.</returns>
    ValueTask SetSkillsAndCategoriesAsync(TenantId tenant, CandidateId candidate, IReadOnlyList<string> skills, IReadOnlyList<string> categories, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default);
}
