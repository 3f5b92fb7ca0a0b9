namespace Recruiting;

/// <summary>A note to add to a candidate or application.</summary>
/// <param name="Text">The text.</param>
/// <param name="Author">The author.</param>
/// <param name="HiddenFromClients">Whether hiring clients must not see it (the default: "don't show to clients").</param>
/// <param name="Origin">What made it.</param>
public sealed record NoteRequest(string Text, UserId? Author, bool HiddenFromClients = true, ActionOrigin? Origin = null);

/// <summary>A task to add for a member.</summary>
/// <param name="Title">The title.</param>
/// <param name="Assignee">The member who must do it.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="Description">Details.</param>
/// <param name="Origin">What made it.</param>
public sealed record TaskRequest(string Title, UserId Assignee, DateTimeOffset DueAt, string? Description = null, ActionOrigin? Origin = null);

/// <summary>An e-mail to send.</summary>
public sealed record EmailMessage
{
    /// <summary>Gets the sender address.</summary>
    public required string From { get; init; }

    /// <summary>Gets the sender display name.</summary>
    public string? FromName { get; init; }

    /// <summary>Gets the recipients.</summary>
    public required IReadOnlyList<string> To { get; init; }

    /// <summary>Gets the subject.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the plain-text body.</summary>
    public string? TextBody { get; init; }

    /// <summary>Gets the HTML body.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Gets the application it concerns, when any (the host files the sent mail there).</summary>
    public ApplicationId? Application { get; init; }

    /// <summary>Gets what made it.</summary>
    public ActionOrigin Origin { get; init; } = ActionOrigin.Manual;
}

/// <summary>An SMS to send.</summary>
/// <param name="To">The phone number.</param>
/// <param name="Text">The text.</param>
/// <param name="Application">The application it concerns.</param>
/// <param name="Origin">What made it.</param>
public sealed record SmsMessage(string To, string Text, ApplicationId? Application = null, ActionOrigin? Origin = null);

/// <summary>The host's id of something sent.</summary>
/// <param name="MessageId">The host's or provider's id.</param>
public sealed record SendReceipt(string MessageId);
