namespace Recruiting.Boards;

/// <summary>
/// A tenant's account on a job board (外部サービスアカウント), without its password: the password lives only in
/// <see cref="ISecretStore"/> under <see cref="PasswordSecretName"/>.
/// </summary>
public sealed record BoardAccount
{
    /// <summary>Gets the tenant owning the account.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the board's registered service name (for example <c>doda Assist</c>).</summary>
    public required string Board { get; init; }

    /// <summary>Gets the account's name, unique per tenant and board (for example <c>default</c>); a tenant may hold several company accounts on one board.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the login id on the board.</summary>
    public required string LoginId { get; init; }

    /// <summary>Gets a free memo.</summary>
    public string? Memo { get; init; }

    /// <summary>Gets the board's declared extra fields by key (Re就活's <c>personInChargeId</c>).</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the revision, 1 when created and one more on each change; health records compare it to know the account was edited.</summary>
    public long Revision { get; init; } = 1;

    /// <summary>Gets when the account was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the account was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the name of the account's password in <see cref="ISecretStore"/>.</summary>
    public string PasswordSecretName => SecretNameOf(Board, Name);

    /// <summary>Gets the secret name of an account's password.</summary>
    /// <param name="board">The board.</param>
    /// <param name="name">The account name.</param>
    /// <returns>The secret name, <c>boards/{board}/{name}/password</c>.</returns>
    public static string SecretNameOf(string board, string name) => $"boards/{board}/{name}/password";
}

/// <summary>Keeps the tenants' board accounts (without passwords). Implemented by the SDK store (SQLite by default).</summary>
public interface IBoardAccountStore
{
    /// <summary>Creates or replaces an account; the stored revision is the previous one plus one (1 for a new account) and <see cref="BoardAccount.CreatedAt"/> of an existing account is kept.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The account as stored.</returns>
    ValueTask<BoardAccount> SaveAsync(BoardAccount account, CancellationToken cancellationToken = default);

    /// <summary>Gets an account.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board's service name.</param>
    /// <param name="name">The account name.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The account, or <see langword="null"/> when there is none (never created, or deleted).</returns>
    ValueTask<BoardAccount?> GetAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's accounts, by board then name.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">Only this board's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The accounts.</returns>
    ValueTask<IReadOnlyList<BoardAccount>> ListAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default);

    /// <summary>Lists every tenant's accounts (for the scheduler), by tenant, board and name.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The accounts.</returns>
    IAsyncEnumerable<BoardAccount> ListAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes an account.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board's service name.</param>
    /// <param name="name">The account name.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether one was deleted.</returns>
    ValueTask<bool> DeleteAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default);
}
