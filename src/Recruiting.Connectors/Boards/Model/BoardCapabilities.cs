namespace Recruiting.Connectors.Boards;

/// <summary>What a connector can do; the runner only calls what is declared.</summary>
[Flags]
public enum BoardCapabilities
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Logs in with the account's credentials (<see cref="IBoardConnector.LoginAsync"/>).</summary>
    Login = 1,

    /// <summary>Lists postings with their published/ended state and dates (<see cref="IBoardConnector.ListPostingsAsync"/>).</summary>
    ListPostings = 2,

    /// <summary>Lists applicants newest first, paged, since a watermark (<see cref="IBoardConnector.ListApplicantsAsync"/>).</summary>
    ListApplicants = 4,

    /// <summary>Fetches an applicant's detail when the list gives only a summary (<see cref="IBoardConnector.GetApplicantDetailAsync"/>).</summary>
    ApplicantDetail = 8,

    /// <summary>Downloads an applicant's files (<see cref="IBoardConnector.OpenAttachmentAsync"/>).</summary>
    Attachments = 16,

    /// <summary>
    /// The connector sends one request of a session at a time on its own, so the runner may ask for the next applicant's
    /// detail while it still waits for (or reads) the one before: the next request goes out as soon as the page before
    /// has arrived, and the parsing of one page overlaps the board's work on the next. Declare it only with
    /// <see cref="ApplicantDetail"/> and only when concurrent calls of <see cref="IBoardConnector.GetApplicantDetailAsync"/>
    /// (and <see cref="IBoardConnector.OpenAttachmentAsync"/>) on one session are safe.
    /// </summary>
    OverlappedDetails = 32,
}
