namespace Recruiting.Connectors.Boards;

/// <summary>
/// Talks to one job board for the import runner. A connector declares what it can do in <see cref="Capabilities"/>;
/// the runner never calls a method whose capability is not declared (such a call throws <see cref="NotSupportedException"/>).
/// </summary>
/// <remarks>
/// <para>
/// Failures a run must react to are thrown as the typed exceptions of <see cref="BoardConnectorException"/>:
/// <see cref="BoardLoginRejectedException"/> (the board refused the credentials: the account's health becomes
/// <see cref="BoardHealth.CredentialsRejected"/> and runs stop until the account is edited),
/// <see cref="BoardLayoutChangedException"/> (a page no longer matches the connector's definition, with the failing
/// selector: <see cref="BoardHealth.LayoutChanged"/>, a manual import is needed) and
/// <see cref="BoardUnavailableException"/> (the board could not be reached once the connector's resilience pipeline
/// gave up: <see cref="BoardHealth.Unavailable"/>).
/// </para>
/// <para>
/// They are exceptions, not results, because each of them ends the whole conversation with the board wherever it
/// happens (login, a page in the middle of paging, a detail page), and every connector method would otherwise have to
/// thread a result through its callers. The runner catches them at one place and turns them into a typed run outcome,
/// a health record and a <see cref="BoardHealthChanged"/> event, so hosts only ever see results. Any other exception
/// is a bug or broken infrastructure and fails the run with its message recorded.
/// </para>
/// </remarks>
public interface IBoardConnector
{
    /// <summary>Gets the registered service name of the board this connector serves (for example <c>マイナビ転職</c>).</summary>
    string Board { get; }

    /// <summary>Gets what the connector can do.</summary>
    BoardCapabilities Capabilities { get; }

    /// <summary>Logs in with an account's credentials.</summary>
    /// <param name="credentials">The account's credentials, read at the start of the run.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The session to pass to the other methods; the caller disposes it.</returns>
    /// <exception cref="BoardLoginRejectedException">The board refused the credentials.</exception>
    /// <exception cref="BoardLayoutChangedException">The login form was not found.</exception>
    /// <exception cref="BoardUnavailableException">The board could not be reached.</exception>
    ValueTask<BoardSession> LoginAsync(BoardCredentials credentials, CancellationToken cancellationToken = default);

    /// <summary>Lists the account's postings, published and ended, with their dates.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The postings.</returns>
    /// <exception cref="BoardLayoutChangedException">The posting list no longer matches the definition.</exception>
    /// <exception cref="BoardUnavailableException">The board could not be reached.</exception>
    ValueTask<IReadOnlyList<BoardPosting>> ListPostingsAsync(BoardSession session, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of applicants, newest first.</summary>
    /// <param name="session">The session.</param>
    /// <param name="since">The account's watermark; a connector may stop paging (return no next page) once a page reaches it. <see langword="null"/> reads everything.</param>
    /// <param name="page">The token of the page to read (<see cref="BoardApplicantPage.NextPage"/> of the previous one), or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="BoardLayoutChangedException">The list no longer matches the definition.</exception>
    /// <exception cref="BoardUnavailableException">The board could not be reached.</exception>
    ValueTask<BoardApplicantPage> ListApplicantsAsync(BoardSession session, BoardWatermark? since, string? page, CancellationToken cancellationToken = default);

    /// <summary>Completes an applicant read from a list page with its detail page.</summary>
    /// <param name="session">The session.</param>
    /// <param name="applicant">The applicant as the list gave it.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The applicant with every field the board shows.</returns>
    /// <exception cref="BoardLayoutChangedException">The detail page no longer matches the definition.</exception>
    /// <exception cref="BoardUnavailableException">The board could not be reached.</exception>
    ValueTask<BoardApplicant> GetApplicantDetailAsync(BoardSession session, BoardApplicant applicant, CancellationToken cancellationToken = default);

    /// <summary>Opens one of an applicant's files.</summary>
    /// <param name="session">The session.</param>
    /// <param name="attachment">The file.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The content; the caller disposes it.</returns>
    /// <exception cref="BoardUnavailableException">The board could not be reached.</exception>
    ValueTask<Stream> OpenAttachmentAsync(BoardSession session, BoardAttachmentReference attachment, CancellationToken cancellationToken = default);
}
