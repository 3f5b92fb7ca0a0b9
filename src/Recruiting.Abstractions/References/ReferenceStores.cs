namespace Recruiting.References;

/// <summary>A tenant's reference-check provider configuration; its API key and webhook secret are kept in <see cref="ISecretStore"/>.</summary>
public sealed record ReferenceProviderSettings
{
    /// <summary>The secret name of the provider API key in <see cref="ISecretStore"/>.</summary>
    public const string ApiKeySecretName = "references/provider/apiKey";

    /// <summary>The secret name of the webhook signing secret in <see cref="ISecretStore"/>.</summary>
    public const string WebhookSecretName = "references/provider/webhookSecret";

    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the provider's API base address (for example <c>https://provider.example/api/</c>).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Gets the sub-account used when a request names none.</summary>
    public string? DefaultSubAccount { get; init; }

    /// <summary>Gets the URL the provider posts this tenant's status callbacks to; <see langword="null"/> to rely on polling.</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>Gets the assignment (job) candidates without one (unsolicited applications) are placed in before references are taken.</summary>
    public JobId? ReferenceAssignment { get; init; }
}

/// <summary>Keeps each tenant's provider configuration (the non-secret part). Implemented by the SDK store.</summary>
public interface IReferenceProviderSettingsStore
{
    /// <summary>Gets a tenant's configuration.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The configuration, or <see langword="null"/> when none.</returns>
    ValueTask<ReferenceProviderSettings?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Stores or replaces a tenant's configuration.</summary>
    /// <param name="settings">The configuration.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SaveAsync(ReferenceProviderSettings settings, CancellationToken cancellationToken = default);
}

/// <summary>A reference check as the SDK keeps it.</summary>
public sealed record ReferenceCheckRecord
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the SDK's id of the check.</summary>
    public required string CheckId { get; init; }

    /// <summary>Gets the idempotency key the check was created with.</summary>
    public required IdempotencyKey Key { get; init; }

    /// <summary>Gets the provider's name.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the provider's id of the check.</summary>
    public required string ProviderCheckId { get; init; }

    /// <summary>Gets the candidate.</summary>
    public required CandidateId Candidate { get; init; }

    /// <summary>Gets the application (in the assignment) the check belongs to.</summary>
    public required ApplicationId Application { get; init; }

    /// <summary>Gets the assignment (job).</summary>
    public required JobId Job { get; init; }

    /// <summary>Gets the sub-account.</summary>
    public required string SubAccount { get; init; }

    /// <summary>Gets the language code.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the question template.</summary>
    public required string TemplateId { get; init; }

    /// <summary>Gets how the candidate is contacted.</summary>
    public ContactChannel CandidateContact { get; init; }

    /// <summary>Gets how the referees are contacted.</summary>
    public ContactChannel RefereeContact { get; init; }

    /// <summary>Gets the state.</summary>
    public required ReferenceCheckState State { get; init; }

    /// <summary>Gets how many references were asked for.</summary>
    public required int Requested { get; init; }

    /// <summary>Gets how many have answered.</summary>
    public int Answered { get; init; }

    /// <summary>Gets the link to the candidate in the provider.</summary>
    public Uri? CandidateUrl { get; init; }

    /// <summary>Gets the provider sequence of the last status applied.</summary>
    public long Sequence { get; init; }

    /// <summary>Gets when the provider last changed the check.</summary>
    public DateTimeOffset ProviderUpdatedAt { get; init; }

    /// <summary>Gets when the SDK recorded the check.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the SDK last changed the record.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the document the finished report was filed as, once filed.</summary>
    public DocumentId? ReportDocument { get; init; }
}

/// <summary>Keeps the SDK's reference checks. Implemented by the SDK store.</summary>
public interface IReferenceCheckStore
{
    /// <summary>Adds a check unless one with the same id exists; returns the stored record and whether it was added.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored record (the existing one when known) and whether this call added it.</returns>
    ValueTask<(ReferenceCheckRecord Record, bool Added)> AddAsync(ReferenceCheckRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a check.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="checkId">The SDK's id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<ReferenceCheckRecord?> GetAsync(TenantId tenant, string checkId, CancellationToken cancellationToken = default);

    /// <summary>Finds a check by the provider's id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="provider">The provider's name.</param>
    /// <param name="providerCheckId">The provider's id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<ReferenceCheckRecord?> FindByProviderIdAsync(TenantId tenant, string provider, string providerCheckId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's checks, oldest first, optionally of one assignment.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="job">Only this assignment's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<ReferenceCheckRecord> ListAsync(TenantId tenant, JobId? job = null, CancellationToken cancellationToken = default);

    /// <summary>Lists checks that still need work: not finished, or completed without a filed report.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<ReferenceCheckRecord> ListOpenAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a provider status only when it is newer than the stored one (higher sequence, or equal sequence and later
    /// update time); a status that is older or the same changes nothing.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="checkId">The SDK's id.</param>
    /// <param name="status">The status.</param>
    /// <param name="now">The time of the change.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The updated record, or <see langword="null"/> when the status was not newer.</returns>
    ValueTask<ReferenceCheckRecord?> ApplyStatusAsync(TenantId tenant, string checkId, ProviderCheckStatus status, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records the document the report was filed as; the first document stays.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="checkId">The SDK's id.</param>
    /// <param name="document">The document.</param>
    /// <param name="now">The time of the change.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether this call recorded it.</returns>
    ValueTask<bool> MarkReportFiledAsync(TenantId tenant, string checkId, DocumentId document, DateTimeOffset now, CancellationToken cancellationToken = default);
}
