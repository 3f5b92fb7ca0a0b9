namespace Recruiting.ClientAccess;

/// <summary>Something a client asks to do. The SDK knows the kinds below; any other kind is refused with <see cref="ClientRefusal.NotPermitted"/>.</summary>
/// <param name="RequestId">The client's request id; a repeated id changes nothing twice.</param>
public abstract record ClientActionRequest(string RequestId);

/// <summary>Adds a note or comment to an application (visible to the recruiters and the vacancy's clients).</summary>
/// <param name="Application">The application.</param>
/// <param name="Text">The text.</param>
/// <param name="RequestId">The request id.</param>
public sealed record AddClientNote(ApplicationId Application, string Text, string RequestId) : ClientActionRequest(RequestId);

/// <summary>Replaces a candidate's skills and categories.</summary>
/// <param name="Candidate">The candidate.</param>
/// <param name="Skills">The skills.</param>
/// <param name="Categories">The categories.</param>
/// <param name="RequestId">The request id.</param>
public sealed record EditCandidateProfile(CandidateId Candidate, IReadOnlyList<string> Skills, IReadOnlyList<string> Categories, string RequestId) : ClientActionRequest(RequestId);

/// <summary>Moves an application to another stage of its vacancy's process.</summary>
/// <param name="Application">The application.</param>
/// <param name="Stage">The target stage.</param>
/// <param name="RequestId">The request id.</param>
public sealed record MoveApplicationStage(ApplicationId Application, StageId Stage, string RequestId) : ClientActionRequest(RequestId);

/// <summary>The outcome of a client action.</summary>
/// <param name="Action">The action as its camelCase word (<c>addNote</c>, <c>editProfile</c>, <c>moveStage</c>).</param>
/// <param name="Refusal">Why it was refused, when it was.</param>
/// <param name="NoteId">The note added.</param>
/// <param name="RejectionId">The rejection recorded, when the move was to a rejected stage.</param>
/// <param name="AutomationQueued">Whether the tenant's rejection automation was run.</param>
public sealed record ClientActionResult(string Action, ClientRefusal? Refusal, NoteId? NoteId = null, string? RejectionId = null, bool AutomationQueued = false)
{
    /// <summary>Gets whether the action was performed.</summary>
    public bool Succeeded => Refusal is null;
}
