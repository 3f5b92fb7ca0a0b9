namespace Recruiting;

/// <summary>Describes the SDK store in use.</summary>
/// <param name="Provider">The provider (for example <c>sqlite</c>).</param>
/// <param name="Location">Where it is (a file path for SQLite).</param>
/// <param name="SchemaVersion">The number of schema migrations applied.</param>
public sealed record StoreDescription(string Provider, string Location, int SchemaVersion);

/// <summary>Tells which SDK store is in use; the store applies its migrations when first asked.</summary>
public interface IStoreInfo
{
    /// <summary>Describes the store.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The description.</returns>
    /// <exception cref="StoreSchemaException">The store is not a Recruiting database or is newer than this code.</exception>
    ValueTask<StoreDescription> DescribeAsync(CancellationToken cancellationToken = default);
}

/// <summary>Keeps named secrets of a tenant (board passwords, provider API keys), encrypted at rest through <see cref="ISecretProtector"/>.</summary>
public interface ISecretStore
{
    /// <summary>Stores or replaces a secret.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="name">The secret's name (for example <c>boards/doda Assist/default/password</c>).</param>
    /// <param name="secret">The secret.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask SetAsync(TenantId tenant, string name, string secret, CancellationToken cancellationToken = default);

    /// <summary>Reads a secret.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="name">The secret's name.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The secret, or <see langword="null"/> when none is stored.</returns>
    /// <exception cref="SecretUnavailableException">The secret is stored but the keys to read it are not available.</exception>
    ValueTask<string?> GetAsync(TenantId tenant, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes a secret.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="name">The secret's name.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether one was deleted.</returns>
    ValueTask<bool> DeleteAsync(TenantId tenant, string name, CancellationToken cancellationToken = default);
}
