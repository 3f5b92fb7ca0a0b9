namespace Recruiting.Connectors.Boards;

/// <summary>Whether a board posting is on view.</summary>
public enum BoardPostingState
{
    /// <summary>The posting is published (掲載中).</summary>
    Published,

    /// <summary>The posting has ended (掲載終了); its applicants are still imported for the grace period after its end.</summary>
    Ended,
}

/// <summary>A job posting as a board lists it.</summary>
/// <param name="Id">The board's id of the posting (unique per board account).</param>
/// <param name="Title">The posting's title as the board shows it.</param>
/// <param name="State">Whether it is published or ended.</param>
/// <param name="PublishedAt">When it was published, when the board tells.</param>
/// <param name="EndedAt">When it ended (or ends, for a published posting with a planned end), when the board tells.</param>
public sealed record BoardPosting(string Id, string Title, BoardPostingState State, DateTimeOffset? PublishedAt = null, DateTimeOffset? EndedAt = null);
