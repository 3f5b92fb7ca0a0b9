namespace Recruiting.References;

/// <summary>
/// A reference-check provider (for example Refapp) as the SDK talks to it: the tenant's sub-accounts, languages and
/// question templates; creating a check for a candidate; its status by callback or poll; the finished report.
/// Each call is made on behalf of a tenant, whose configuration (<see cref="ReferenceProviderSettings"/>) the
/// provider reads.
/// </summary>
public interface IReferenceCheckProvider
{
    /// <summary>Gets the provider's name, stored with each check.</summary>
    string Name { get; }

    /// <summary>Lists the tenant's sub-accounts.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The sub-accounts.</returns>
    /// <exception cref="ReferenceProviderException">The provider could not be reached, refused the call, or the tenant is not configured.</exception>
    ValueTask<IReadOnlyList<ReferenceSubAccount>> ListSubAccountsAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Lists the languages of a sub-account's templates.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="subAccount">The sub-account id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The languages.</returns>
    /// <exception cref="ReferenceProviderException">The provider could not be reached, refused the call, or the tenant is not configured.</exception>
    ValueTask<IReadOnlyList<ReferenceLanguage>> ListLanguagesAsync(TenantId tenant, string subAccount, CancellationToken cancellationToken = default);

    /// <summary>Lists the question templates of a sub-account in one language.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="subAccount">The sub-account id.</param>
    /// <param name="language">The language code.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The templates written in that language.</returns>
    /// <exception cref="ReferenceProviderException">The provider could not be reached, refused the call, or the tenant is not configured.</exception>
    ValueTask<IReadOnlyList<ReferenceTemplate>> ListTemplatesAsync(TenantId tenant, string subAccount, string language, CancellationToken cancellationToken = default);

    /// <summary>Creates a check; a repeated key returns the first check and creates nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="request">The request.</param>
    /// <param name="key">The idempotency key, sent to the provider.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The check's status as created.</returns>
    /// <exception cref="ReferenceProviderException">The provider could not be reached or refused the request.</exception>
    ValueTask<ProviderCheckStatus> CreateCheckAsync(TenantId tenant, ProviderCheckRequest request, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Reads a check's status (polling).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="providerCheckId">The provider's id of the check.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The status, or <see langword="null"/> when the provider does not know the check.</returns>
    /// <exception cref="ReferenceProviderException">The provider could not be reached or refused the call.</exception>
    ValueTask<ProviderCheckStatus?> GetStatusAsync(TenantId tenant, string providerCheckId, CancellationToken cancellationToken = default);

    /// <summary>Fetches the finished report of a completed check; the caller disposes its content.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="providerCheckId">The provider's id of the check.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ReferenceProviderException">The provider could not be reached, or has no report for the check.</exception>
    ValueTask<ReferenceReportDocument> GetReportAsync(TenantId tenant, string providerCheckId, CancellationToken cancellationToken = default);

    /// <summary>Verifies a status callback (signature and timestamp) and reads its status.</summary>
    /// <param name="tenant">The tenant the callback was addressed to.</param>
    /// <param name="callback">The callback as received.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The verified status, or a refusal with its reason.</returns>
    ValueTask<CallbackReadResult> ReadCallbackAsync(TenantId tenant, ReferenceCallbackRequest callback, CancellationToken cancellationToken = default);
}
