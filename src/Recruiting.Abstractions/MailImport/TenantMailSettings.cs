namespace Recruiting.MailImport;

/// <summary>How the importer decides whether to trust the person who forwarded a mail.</summary>
public enum SenderVerification
{
    /// <summary>
    /// The receiving server's <c>Authentication-Results</c> must show DKIM or DMARC pass aligned with the
    /// <c>From:</c> domain, and the sender must be an active user of the tenant. The default for production hosts.
    /// </summary>
    Authenticated,

    /// <summary>The <c>From:</c> address or its domain must be on the tenant's allow-list. Forgeable; meant for samples and closed networks.</summary>
    AllowList,
}

/// <summary>A tenant's mail import settings: the import addresses that belong to it and whom it trusts.</summary>
public sealed record TenantMailSettings
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the import addresses of the tenant (compared case-insensitively); each belongs to one tenant only.</summary>
    public IReadOnlyList<string> ImportAddresses { get; init; } = [];

    /// <summary>Gets how senders are verified; <see langword="null"/> uses the importer's default (<see cref="SenderVerification.Authenticated"/>).</summary>
    public SenderVerification? SenderVerification { get; init; }

    /// <summary>Gets the allowed senders for <see cref="MailImport.SenderVerification.AllowList"/>: full addresses (<c>hr@demo.example</c>) or domains (<c>demo.example</c> or <c>@demo.example</c>).</summary>
    public IReadOnlyList<string> AllowedSenders { get; init; } = [];

    /// <summary>
    /// Gets the tenant's own application reference format (pattern, lengths, check digit), validated when saved;
    /// <see langword="null"/> uses the importer-wide subject options.
    /// </summary>
    public TenantReferenceFormat? ReferenceFormat { get; init; }
}

/// <summary>Keeps each tenant's mail import settings (SDK state). The SQLite store implements it.</summary>
public interface ITenantMailSettingsStore
{
    /// <summary>Stores or replaces a tenant's settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when they are stored.</returns>
    /// <exception cref="ArgumentException">An import address already belongs to another tenant.</exception>
    /// <exception cref="InvalidTenantMailSettingsException">The reference format is invalid (for example its pattern is not a regular expression); nothing is stored.</exception>
    ValueTask SaveAsync(TenantMailSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Gets a tenant's settings.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The settings, or <see langword="null"/> when the tenant has none.</returns>
    ValueTask<TenantMailSettings?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Finds the tenant owning an import address.</summary>
    /// <param name="importAddress">The address (case-insensitive).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The owner's settings, or <see langword="null"/>.</returns>
    ValueTask<TenantMailSettings?> FindByImportAddressAsync(string importAddress, CancellationToken cancellationToken = default);

    /// <summary>Lists the tenants that have settings.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The tenants, ordered by id.</returns>
    IAsyncEnumerable<TenantId> ListTenantsAsync(CancellationToken cancellationToken = default);
}
