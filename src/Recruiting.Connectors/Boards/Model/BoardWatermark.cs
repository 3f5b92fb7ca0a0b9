namespace Recruiting.Connectors.Boards;

/// <summary>
/// How far an account's applicants were read: the newest applicant of the last completed run. Applicants are listed
/// newest first, so a run reads pages until it meets an applicant at or before the watermark.
/// </summary>
/// <param name="AppliedAt">When the newest imported applicant applied.</param>
/// <param name="BoardApplicantId">Its board id, when the board gives ids (breaks ties between applicants of the same instant).</param>
public sealed record BoardWatermark(DateTimeOffset AppliedAt, string? BoardApplicantId = null)
{
    /// <summary>Tells whether an applicant is newer than the watermark (and so must be read).</summary>
    /// <param name="applicant">The applicant.</param>
    /// <returns><see langword="true"/> when it applied after the watermark, or at the same instant with another id; an applicant without a date is always read.</returns>
    public bool IsNewer(BoardApplicant applicant)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        if (applicant.AppliedAt is not { } applied)
        {
            return true;
        }

        return applied > AppliedAt
            || (applied == AppliedAt && BoardApplicantId is not null && !string.Equals(applicant.BoardApplicantId, BoardApplicantId, StringComparison.Ordinal));
    }
}

/// <summary>One page of applicants, newest first.</summary>
/// <param name="Applicants">The applicants on the page, newest first (summaries when the connector declares <see cref="BoardCapabilities.ApplicantDetail"/>).</param>
/// <param name="NextPage">The connector's token of the next page, or <see langword="null"/> when this was the last page or the page reached the watermark.</param>
public sealed record BoardApplicantPage(IReadOnlyList<BoardApplicant> Applicants, string? NextPage)
{
    /// <summary>
    /// Gets a value indicating whether the board was asked for the applicants since the watermark only (a search by
    /// applied date) and said in so many words that there are none (its "no applicants" message, or a total of 0). An empty
    /// first page is then no sign of a changed layout, however many rows the last run saw.
    /// </summary>
    public bool EmptySinceWatermark { get; init; }
}
