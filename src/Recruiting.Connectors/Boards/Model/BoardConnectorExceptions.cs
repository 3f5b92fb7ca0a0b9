namespace Recruiting.Connectors.Boards;

/// <summary>
/// The base of the failures a connector throws to end a run (see <see cref="IBoardConnector"/> for why these are
/// exceptions); the runner turns them into a run outcome and the account's <see cref="BoardHealth"/>.
/// </summary>
public abstract class BoardConnectorException : RecruitingException
{
    /// <summary>Initializes a new instance of the <see cref="BoardConnectorException"/> class.</summary>
    /// <param name="code">The stable camelCase code.</param>
    /// <param name="board">The board's service name.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected BoardConnectorException(string code, string board, string message, Exception? innerException)
        : base(code, message, innerException) => Board = board;

    /// <summary>Gets the board's service name.</summary>
    public string Board { get; }

    /// <summary>Gets the account health this failure leads to.</summary>
    public abstract BoardHealth Health { get; }

    /// <summary>Gets what failed, for people and for <see cref="BoardHealthChanged.Detail"/>.</summary>
    public virtual string? Detail => Message;
}

/// <summary>The board refused the account's credentials; runs stop until the account is edited.</summary>
public sealed class BoardLoginRejectedException : BoardConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="BoardLoginRejectedException"/> class.</summary>
    public BoardLoginRejectedException()
        : this("unknown", "The board refused the credentials.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardLoginRejectedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public BoardLoginRejectedException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardLoginRejectedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BoardLoginRejectedException(string message, Exception? innerException)
        : this("unknown", message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardLoginRejectedException"/> class.</summary>
    /// <param name="board">The board's service name.</param>
    /// <param name="message">The message (what the board said, never the password).</param>
    /// <param name="innerException">The cause.</param>
    public BoardLoginRejectedException(string board, string message, Exception? innerException = null)
        : base("boardLoginRejected", board, message, innerException)
    {
    }

    /// <inheritdoc />
    public override BoardHealth Health => BoardHealth.CredentialsRejected;
}

/// <summary>A board page no longer matches the connector's definition; a manual import is needed until it is fixed.</summary>
public sealed class BoardLayoutChangedException : BoardConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="BoardLayoutChangedException"/> class.</summary>
    public BoardLayoutChangedException()
        : this("unknown", "unknown", "The board's page no longer matches the connector's definition.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardLayoutChangedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public BoardLayoutChangedException(string message)
        : this("unknown", "unknown", message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardLayoutChangedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BoardLayoutChangedException(string message, Exception? innerException)
        : this("unknown", "unknown", message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardLayoutChangedException"/> class.</summary>
    /// <param name="board">The board's service name.</param>
    /// <param name="selector">The selector (or field) that failed to match, for example <c>form#login input[name=password]</c>.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BoardLayoutChangedException(string board, string selector, string message, Exception? innerException = null)
        : base("boardLayoutChanged", board, message, innerException) => Selector = selector;

    /// <summary>Gets the selector (or field) that failed to match.</summary>
    public string Selector { get; }

    /// <inheritdoc />
    public override BoardHealth Health => BoardHealth.LayoutChanged;

    /// <inheritdoc />
    public override string? Detail => Selector;
}

/// <summary>The board could not be reached or kept failing after the connector's retries.</summary>
public sealed class BoardUnavailableException : BoardConnectorException
{
    /// <summary>Initializes a new instance of the <see cref="BoardUnavailableException"/> class.</summary>
    public BoardUnavailableException()
        : this("unknown", "The board is unavailable.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    public BoardUnavailableException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BoardUnavailableException(string message, Exception? innerException)
        : this("unknown", message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BoardUnavailableException"/> class.</summary>
    /// <param name="board">The board's service name.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="statusCode">The last HTTP status, when any.</param>
    /// <param name="retryAfter">How long the board asked to wait, when it said.</param>
    public BoardUnavailableException(string board, string message, Exception? innerException = null, int? statusCode = null, TimeSpan? retryAfter = null)
        : base("boardUnavailable", board, message, innerException)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the last HTTP status, when any.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets how long the board asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <inheritdoc />
    public override BoardHealth Health => BoardHealth.Unavailable;
}
