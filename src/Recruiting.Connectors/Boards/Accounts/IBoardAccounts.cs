using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>What a user enters for a board account (外部サービスアカウント管理).</summary>
public sealed record BoardAccountInput
{
    /// <summary>Gets the board's service name, exactly as registered (for example <c>doda Assist</c>, <c>Re就活</c>).</summary>
    public required string Board { get; init; }

    /// <summary>Gets the account's name, unique per tenant and board.</summary>
    /// <value>The default value is <c>default</c>.</value>
    public string Name { get; init; } = BoardImportConstants.DefaultAccountName;

    /// <summary>Gets the login id on the board.</summary>
    public required string LoginId { get; init; }

    /// <summary>Gets the password on the board; <see langword="null"/> keeps the stored one when the account exists.</summary>
    public string? Password { get; init; }

    /// <summary>Gets a free memo.</summary>
    public string? Memo { get; init; }

    /// <summary>Gets the board's declared extra fields by key (Re就活: <c>personInChargeId</c>).</summary>
    public IReadOnlyDictionary<string, string> ExtraFields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Board}/{Name} (login {LoginId}, password {(Password is null ? "unchanged" : "hidden")})";
}

/// <summary>The outcome of saving a board account.</summary>
/// <param name="Account">The account as stored, when it was saved.</param>
/// <param name="Problems">Every problem found, when it was not.</param>
/// <param name="SuggestedBoard">The registered service name the board was probably meant to be, when it is not registered.</param>
public sealed record BoardAccountSaveResult(BoardAccount? Account, IReadOnlyList<string> Problems, string? SuggestedBoard = null)
{
    /// <summary>Gets whether the account was saved.</summary>
    public bool Succeeded => Account is not null;
}

/// <summary>
/// Manages a tenant's board accounts: validated against the board registry (exact service name, declared extra fields),
/// passwords kept only in <see cref="ISecretStore"/>. Deleting an account stops its imports from that moment; a changed
/// password is used from the next run.
/// </summary>
public interface IBoardAccounts
{
    /// <summary>Creates or updates an account.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="input">The account.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored account, or the problems found.</returns>
    ValueTask<BoardAccountSaveResult> SaveAsync(TenantId tenant, BoardAccountInput input, CancellationToken cancellationToken = default);

    /// <summary>Gets an account (without its password).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="name">The account name.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The account, or <see langword="null"/>.</returns>
    ValueTask<BoardAccount?> GetAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's accounts (without passwords).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">Only this board's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The accounts.</returns>
    ValueTask<IReadOnlyList<BoardAccount>> ListAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an account and its password; a run of it in progress stops at its next applicant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="name">The account name.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether one was deleted.</returns>
    ValueTask<bool> DeleteAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default);

    /// <summary>Reads an account's credentials for a run (the password as stored now).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="name">The account name.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The credentials, or <see langword="null"/> when the account or its password is missing.</returns>
    /// <exception cref="SecretUnavailableException">The password is stored but the keys to read it are not available.</exception>
    ValueTask<BoardCredentials?> GetCredentialsAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default);
}
