namespace Recruiting;

/// <summary>Reads the host's users, their roles and permissions. Implemented by the host.</summary>
public interface IUserDirectory
{
    /// <summary>Gets a user.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="user">The user id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The user, or <see langword="null"/> when unknown in that tenant.</returns>
    ValueTask<UserInfo?> GetUserAsync(TenantId tenant, UserId user, CancellationToken cancellationToken = default);

    /// <summary>Finds a user by e-mail address (case-insensitive).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    ValueTask<UserInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default);
}
