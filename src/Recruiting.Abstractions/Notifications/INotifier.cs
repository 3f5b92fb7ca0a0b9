namespace Recruiting;

/// <summary>What a notification is about.</summary>
public enum NotificationKind
{
    /// <summary>An import run completed.</summary>
    ImportRunCompleted,

    /// <summary>A board changed its layout or refused credentials; a manual import is needed.</summary>
    BoardNeedsAttention,

    /// <summary>A mail reply was imported to an application.</summary>
    MailReplyImported,

    /// <summary>A hiring client did something.</summary>
    ClientAction,

    /// <summary>An invitation for a hiring client.</summary>
    ClientInvitation,

    /// <summary>A copy of an interview invitation for a hiring client.</summary>
    InterviewCopy,

    /// <summary>A reference check changed.</summary>
    ReferenceCheck,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A message to people (recruiters, HR managers, clients), built by the SDK from what happened.</summary>
public sealed record Notification
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the kind.</summary>
    public required NotificationKind Kind { get; init; }

    /// <summary>Gets the users to notify.</summary>
    public IReadOnlyList<UserId> Users { get; init; } = [];

    /// <summary>Gets further addresses to notify (tenant notification addresses, clients).</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Gets the subject.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the plain-text body.</summary>
    public required string Body { get; init; }

    /// <summary>Gets a link for the recipient to follow, when any.</summary>
    public Uri? Link { get; init; }

    /// <summary>Gets the application concerned, when any.</summary>
    public ApplicationId? Application { get; init; }

    /// <summary>Gets the key that makes sending it twice send it once.</summary>
    public required IdempotencyKey Key { get; init; }
}

/// <summary>Sends notifications to people. The default sends e-mail through <see cref="IMessageSender"/>; hosts may replace it.</summary>
public interface INotifier
{
    /// <summary>Sends a notification.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when it was handed over.</returns>
    ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken = default);
}
