namespace Recruiting.Connectors.Boards;

/// <summary>A file a board keeps for an applicant (a résumé, a portfolio); fetched through <see cref="IBoardConnector.OpenAttachmentAsync"/>.</summary>
/// <param name="Id">The connector's id of the file (a download path, a query, a board id); opaque to everyone but the connector.</param>
/// <param name="FileName">The file name as the board names it.</param>
/// <param name="ContentType">The MIME content type, when known.</param>
/// <param name="Length">The length in bytes, when known.</param>
public sealed record BoardAttachmentReference(string Id, string FileName, string? ContentType = null, long? Length = null);

/// <summary>
/// An applicant as a board (or a board's CSV export) gives it: who applied, to which posting, when, with the
/// candidate's profile as written by the board (e-mail addresses and phone numbers are never corrected).
/// </summary>
public sealed record BoardApplicant
{
    /// <summary>Gets the board's own id of the applicant (応募ID/応募者ID), or <see langword="null"/> when the board gives none;
    /// without it the idempotency key is a normalised fingerprint of the applicant.</summary>
    public string? BoardApplicantId { get; init; }

    /// <summary>Gets the board's id of the posting applied to, when known.</summary>
    public string? PostingId { get; init; }

    /// <summary>Gets the title of the posting applied to (応募職種/募集職種/求人タイトル), when known.</summary>
    public string? PostingTitle { get; init; }

    /// <summary>Gets when the candidate applied (応募日時), when known.</summary>
    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>Gets the candidate's profile: name with its phonetic reading, birth date, gender, phones and e-mails as written.</summary>
    public required CandidateProfile Profile { get; init; }

    /// <summary>Gets the fields the board gave that the profile has no place for (extra CSV columns, questionnaire answers), by their label.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = EmptyFields;

    /// <summary>Gets the files the board keeps for the applicant.</summary>
    public IReadOnlyList<BoardAttachmentReference> Attachments { get; init; } = [];

    private static IReadOnlyDictionary<string, string> EmptyFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
