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
}
