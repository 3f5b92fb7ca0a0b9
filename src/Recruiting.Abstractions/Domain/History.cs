namespace Recruiting;

/// <summary>What made an effect: a person, or an automated rule the host shows with ⚡.</summary>
/// <param name="Automated">Whether an automated rule made it.</param>
/// <param name="RuleId">The rule that made it, when automated.</param>
/// <param name="Actor">The user (or client) on whose behalf it was made.</param>
public sealed record ActionOrigin(bool Automated, string? RuleId = null, UserId? Actor = null)
{
    /// <summary>Gets the origin of an effect made by a person through the host.</summary>
    public static ActionOrigin Manual { get; } = new(false);

    /// <summary>Creates the origin of an effect made by an automated rule.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="actor">The user on whose behalf the rule ran.</param>
    /// <returns>The origin.</returns>
    public static ActionOrigin FromRule(string ruleId, UserId? actor = null) => new(true, ruleId, actor);
}

/// <summary>The kind of an application history entry.</summary>
public enum HistoryEntryKind
{
    /// <summary>An e-mail received (for example a forwarded reply).</summary>
    EmailReceived,

    /// <summary>An e-mail sent.</summary>
    EmailSent,

    /// <summary>A delivery record of an automated action (queued, sent, failed, cancelled).</summary>
    DeliveryRecord,

    /// <summary>An applicant imported from a job board or a file.</summary>
    Imported,

    /// <summary>A note.</summary>
    Note,

    /// <summary>A status or stage change.</summary>
    StatusChange,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>An entry to append to an application's history.</summary>
public sealed record HistoryEntry
{
    /// <summary>Gets the kind.</summary>
    public required HistoryEntryKind Kind { get; init; }

    /// <summary>Gets a one-line title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the plain-text body.</summary>
    public string? TextBody { get; init; }

    /// <summary>Gets the sanitised HTML body (safe to render).</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Gets when the thing happened (the original message's date for a mail).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets extra headers or facts to show (From, To, Subject, Date of an original mail …).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets what made the entry.</summary>
    public ActionOrigin Origin { get; init; } = ActionOrigin.Manual;
}

/// <summary>A history entry as the host keeps it.</summary>
/// <param name="Id">The entry id.</param>
/// <param name="Application">The application.</param>
/// <param name="Entry">The entry.</param>
public sealed record StoredHistoryEntry(HistoryEntryId Id, ApplicationId Application, HistoryEntry Entry);
