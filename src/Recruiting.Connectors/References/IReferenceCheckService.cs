namespace Recruiting.References;

/// <summary>The reference-check workflow: configure a tenant, request checks, follow their status, file the reports.</summary>
public interface IReferenceCheckService
{
    /// <summary>Stores a tenant's provider configuration; the API key and webhook secret go to <see cref="ISecretStore"/>.</summary>
    /// <param name="settings">The configuration.</param>
    /// <param name="apiKey">The provider API key.</param>
    /// <param name="webhookSecret">The secret the provider signs callbacks with.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask ConfigureTenantAsync(ReferenceProviderSettings settings, string apiKey, string webhookSecret, CancellationToken cancellationToken = default);

    /// <summary>Requests references for candidates; one check each, idempotently (asking twice creates nothing new).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A problem that stopped the request, or an outcome per candidate.</returns>
    ValueTask<ReferenceRequestResult> RequestAsync(TenantId tenant, ReferenceCheckRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's checks, optionally of one assignment.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="job">Only this assignment's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The checks, oldest first.</returns>
    ValueTask<IReadOnlyList<ReferenceCheckView>> ListAsync(TenantId tenant, JobId? job = null, CancellationToken cancellationToken = default);

    /// <summary>Handles a status callback: verifies it, applies it if newer, files the report once complete.</summary>
    /// <param name="tenant">The tenant the callback URL belongs to.</param>
    /// <param name="callback">The callback as received.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>What the callback did.</returns>
    ValueTask<ReferenceCallbackResult> HandleCallbackAsync(TenantId tenant, ReferenceCallbackRequest callback, CancellationToken cancellationToken = default);

    /// <summary>Asks the provider for the status of every open check of a tenant and files finished reports still missing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>What the poll did.</returns>
    ValueTask<ReferencePollResult> PollAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
