namespace Recruiting.Connectors.Boards;

/// <summary>
/// The credentials of one board account, read for one run (a password changed later is used from the next run).
/// <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class BoardCredentials
{
    /// <summary>Initializes a new instance of the <see cref="BoardCredentials"/> class.</summary>
    /// <param name="tenant">The tenant owning the account.</param>
    /// <param name="board">The board's registered service name.</param>
    /// <param name="account">The account's name within the tenant and board (for example <c>default</c>).</param>
    /// <param name="loginId">The login id on the board.</param>
    /// <param name="password">The password on the board.</param>
    /// <param name="extraFields">The board's declared extra fields (Re就活's person-in-charge id …).</param>
    public BoardCredentials(TenantId tenant, string board, string account, string loginId, string password, IReadOnlyDictionary<string, string>? extraFields = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(board);
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(loginId);
        ArgumentNullException.ThrowIfNull(password);
        Tenant = tenant;
        Board = board;
        Account = account;
        LoginId = loginId;
        Password = password;
        ExtraFields = extraFields ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Gets the tenant owning the account.</summary>
    public TenantId Tenant { get; }

    /// <summary>Gets the board's registered service name.</summary>
    public string Board { get; }

    /// <summary>Gets the account's name within the tenant and board.</summary>
    public string Account { get; }

    /// <summary>Gets the login id.</summary>
    public string LoginId { get; }

    /// <summary>Gets the password.</summary>
    public string Password { get; }

    /// <summary>Gets the board's declared extra fields by key.</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Board}/{Account} (login {LoginId}, password hidden)";
}
