using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>The default <see cref="IBoardAccounts"/>: registry validation, passwords in the secret store, accounts in the account store.</summary>
internal sealed class BoardAccountService(IBoardRegistry registry, IBoardAccountStore store, ISecretStore secrets, TimeProvider time) : IBoardAccounts
{
    internal const int MaxNameLength = 100;
    internal const int MaxLoginIdLength = 200;
    internal const int MaxMemoLength = 2000;

    public async ValueTask<BoardAccountSaveResult> SaveAsync(TenantId tenant, BoardAccountInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        var registration = registry.Find(input.Board ?? string.Empty);
        string? suggestion = null;
        if (registration is null)
        {
            suggestion = registry.Suggest(input.Board ?? string.Empty);
            problems.Add(suggestion is null
                ? $"'{input.Board}' is not a registered board; use one of: {string.Join(", ", registry.Boards.Select(b => b.ServiceName))}."
                : $"'{input.Board}' is not a registered board; did you mean '{suggestion}'? Service names are matched exactly.");
        }
        else
        {
            problems.AddRange(registration.ValidateExtraFields(input.ExtraFields));
        }

        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > MaxNameLength || input.Name.Contains('/', StringComparison.Ordinal) || input.Name != input.Name.Trim())
        {
            problems.Add($"The account name must be 1 to {MaxNameLength} characters, without '/' or surrounding spaces.");
        }

        if (string.IsNullOrWhiteSpace(input.LoginId) || input.LoginId.Length > MaxLoginIdLength)
        {
            problems.Add($"The login id must be 1 to {MaxLoginIdLength} characters.");
        }

        if (input.Memo is { Length: > MaxMemoLength })
        {
            problems.Add($"The memo is longer than {MaxMemoLength} characters.");
        }

        if (input.Password is { Length: 0 })
        {
            problems.Add("The password is empty.");
        }

        BoardAccount? existing = null;
        if (problems.Count == 0)
        {
            existing = await store.GetAsync(tenant, input.Board!, input.Name, cancellationToken).ConfigureAwait(false);
            if (existing is null && input.Password is null)
            {
                problems.Add("A new account needs a password.");
            }
        }

        if (problems.Count > 0)
        {
            return new BoardAccountSaveResult(null, problems, suggestion);
        }

        var now = time.GetUtcNow();
        var account = new BoardAccount
        {
            Tenant = tenant,
            Board = input.Board!,
            Name = input.Name,
            LoginId = input.LoginId.Trim(),
            Memo = string.IsNullOrWhiteSpace(input.Memo) ? null : input.Memo,
            ExtraFields = new Dictionary<string, string>(input.ExtraFields.ToDictionary(kv => kv.Key, kv => kv.Value.Trim()), StringComparer.Ordinal),
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };

        // The secret first: an account row never points at a password that is not stored.
        if (input.Password is not null)
        {
            await secrets.SetAsync(tenant, account.PasswordSecretName, input.Password, cancellationToken).ConfigureAwait(false);
        }

        var saved = await store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
        return new BoardAccountSaveResult(saved, []);
    }

    public ValueTask<BoardAccount?> GetAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default)
        => store.GetAsync(tenant, board, name, cancellationToken);

    public ValueTask<IReadOnlyList<BoardAccount>> ListAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default)
        => store.ListAsync(tenant, board, cancellationToken);

    public async ValueTask<bool> DeleteAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default)
    {
        // The row first: imports stop at once, even if deleting the secret fails afterwards.
        var deleted = await store.DeleteAsync(tenant, board, name, cancellationToken).ConfigureAwait(false);
        await secrets.DeleteAsync(tenant, BoardAccount.SecretNameOf(board, name), cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    public async ValueTask<BoardCredentials?> GetCredentialsAsync(TenantId tenant, string board, string name, CancellationToken cancellationToken = default)
    {
        var account = await store.GetAsync(tenant, board, name, cancellationToken).ConfigureAwait(false);
        return account is null ? null : await GetCredentialsAsync(account, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the credentials of an account the caller has just read (its password from the secret store), or null when the password is gone.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The credentials, or <see langword="null"/>.</returns>
    internal async ValueTask<BoardCredentials?> GetCredentialsAsync(BoardAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var password = await secrets.GetAsync(account.Tenant, account.PasswordSecretName, cancellationToken).ConfigureAwait(false);
        return password is null ? null : new BoardCredentials(account.Tenant, account.Board, account.Name, account.LoginId, password, account.ExtraFields);
    }
}
