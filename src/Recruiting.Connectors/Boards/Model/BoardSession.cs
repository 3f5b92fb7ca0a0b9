namespace Recruiting.Connectors.Boards;

/// <summary>
/// A logged-in conversation with a board for one run. Connectors derive from it to keep what they need
/// (cookies, CSRF tokens, a base address); the runner only passes it back and disposes it at the end of the run.
/// </summary>
public class BoardSession : IAsyncDisposable
{
    /// <summary>Initializes a new instance of the <see cref="BoardSession"/> class.</summary>
    /// <param name="credentials">The credentials the session was opened with (kept to log in again when the board ends the session mid-run).</param>
    /// <param name="openedAt">When the session was opened.</param>
    public BoardSession(BoardCredentials credentials, DateTimeOffset openedAt)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Credentials = credentials;
        OpenedAt = openedAt;
    }

    /// <summary>Gets the credentials the session was opened with.</summary>
    public BoardCredentials Credentials { get; }

    /// <summary>Gets when the session was opened.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>Releases what the session holds.</summary>
    /// <returns>A task that completes when released.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived session holds (logs out, drops cookies).</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
