namespace Recruiting.ClientAccess;

/// <summary>Whether a hiring client is a customer of an agency or a hiring manager of the tenant's own company.</summary>
public enum ClientKind
{
    /// <summary>An external customer (the recruiter works for an agency).</summary>
    External,

    /// <summary>An internal hiring manager (the recruiter hires for the own company).</summary>
    Internal,
}

/// <summary>Whether a hiring client may use its access.</summary>
public enum ClientStatus
{
    /// <summary>The client may sign in and act.</summary>
    Active,

    /// <summary>The client is blocked (for example after its vacancy closed); every request is refused from the next one on.</summary>
    Blocked,
}

/// <summary>A hiring client of a tenant, as the client directory keeps it.</summary>
public sealed record ClientInfo
{
    /// <summary>Gets the client id.</summary>
    public required ClientId Id { get; init; }

    /// <summary>Gets the tenant the client belongs to.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the client's name (required).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the client's e-mail address (required; invitations go there).</summary>
    public required string Email { get; init; }

    /// <summary>Gets whether the client is external or internal.</summary>
    public ClientKind Kind { get; init; } = ClientKind.External;

    /// <summary>Gets whether the client is active or blocked.</summary>
    public ClientStatus Status { get; init; } = ClientStatus.Active;

    /// <summary>Gets whether candidates' contact details are hidden from the client ("hide candidate contacts").</summary>
    public bool HideCandidateContacts { get; init; }

    /// <summary>Gets the vacancies (jobs) the client is attached to; the client sees nothing else.</summary>
    public IReadOnlyList<JobId> Vacancies { get; init; } = [];

    /// <summary>Gets when the client was added.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the user who added the client, when known.</summary>
    public UserId? CreatedBy { get; init; }
}

/// <summary>
/// Reads and keeps a tenant's hiring clients and their vacancy links. Implemented by the host when it has clients of its
/// own; the SDK store (<c>UseSqliteStorage</c>) is the default for hosts that have none.
/// </summary>
public interface IClientDirectory
{
    /// <summary>Gets a client.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The client with its vacancies, or <see langword="null"/> when unknown in that tenant.</returns>
    ValueTask<ClientInfo?> GetClientAsync(TenantId tenant, ClientId client, CancellationToken cancellationToken = default);

    /// <summary>Finds a client by e-mail address (case-insensitive).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The client, or <see langword="null"/>.</returns>
    ValueTask<ClientInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's clients, ordered by id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The clients.</returns>
    IAsyncEnumerable<ClientInfo> ListClientsAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Lists the clients attached to a vacancy, ordered by id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The clients.</returns>
    IAsyncEnumerable<ClientInfo> ListClientsOfJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces a client, its vacancy links included.</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask SaveClientAsync(ClientInfo client, CancellationToken cancellationToken = default);
}
