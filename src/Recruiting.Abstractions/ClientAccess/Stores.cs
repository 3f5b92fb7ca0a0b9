namespace Recruiting.ClientAccess;

/// <summary>An invitation link sent to a client; only the SHA-256 hash of its token is kept.</summary>
/// <param name="Id">The invitation id (part of the token, used to find the record).</param>
/// <param name="Tenant">The tenant.</param>
/// <param name="Client">The client invited.</param>
/// <param name="TokenHash">The SHA-256 of the token (lowercase hex).</param>
/// <param name="CreatedAt">When it was sent.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="InvitedBy">The recruiter who invited.</param>
/// <param name="UsedAt">When it was redeemed, if it was.</param>
/// <param name="RevokedAt">When it was revoked (by a later invitation), if it was.</param>
public sealed record ClientInvitationRecord(string Id, TenantId Tenant, ClientId Client, string TokenHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, UserId? InvitedBy, DateTimeOffset? UsedAt = null, DateTimeOffset? RevokedAt = null);

/// <summary>A client's signed-in session; only the SHA-256 hash of its token is kept.</summary>
/// <param name="Id">The session id (part of the token).</param>
/// <param name="Tenant">The tenant.</param>
/// <param name="Client">The client.</param>
/// <param name="TokenHash">The SHA-256 of the token (lowercase hex).</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="ExpiresAt">When it ends.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record ClientSessionRecord(string Id, TenantId Tenant, ClientId Client, string TokenHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt = null);

/// <summary>Keeps client invitations and sessions (SDK state).</summary>
public interface IClientCredentialStore
{
    /// <summary>Stores a new invitation.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask AddInvitationAsync(ClientInvitationRecord invitation, CancellationToken cancellationToken = default);

    /// <summary>Gets an invitation.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The invitation id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The invitation, or <see langword="null"/>.</returns>
    ValueTask<ClientInvitationRecord?> GetInvitationAsync(TenantId tenant, string id, CancellationToken cancellationToken = default);

    /// <summary>Marks an invitation used, only if it is neither used nor revoked (atomically, so a token works once).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The invitation id.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether this call marked it.</returns>
    ValueTask<bool> TryMarkInvitationUsedAsync(TenantId tenant, string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes every open invitation of a client.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many were revoked.</returns>
    ValueTask<int> RevokeInvitationsAsync(TenantId tenant, ClientId client, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores a new session.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask AddSessionAsync(ClientSessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>Gets a session.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="id">The session id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The session, or <see langword="null"/>.</returns>
    ValueTask<ClientSessionRecord?> GetSessionAsync(TenantId tenant, string id, CancellationToken cancellationToken = default);

    /// <summary>Revokes every open session of a client.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many were revoked.</returns>
    ValueTask<int> RevokeSessionsAsync(TenantId tenant, ClientId client, DateTimeOffset at, CancellationToken cancellationToken = default);
}

/// <summary>How copies of interview invitations reach a vacancy's clients.</summary>
public enum InterviewCopyMode
{
    /// <summary>Every interview invitation is copied to the vacancy's clients (the default).</summary>
    Always,

    /// <summary>Only when the recruiter ticks "send the client a notice of the interview" on that send.</summary>
    OptIn,
}

/// <summary>A tenant's client-access settings.</summary>
public sealed record ClientAccessSettings
{
    /// <summary>Gets the stages a client may move applications to; <see langword="null"/> allows every stage of the vacancy's process.</summary>
    public IReadOnlyList<StageId>? AllowedStages { get; init; }

    /// <summary>Gets the rejection reason recorded when a client moves an application to a rejected stage.</summary>
    public string RejectedByClientReason { get; init; } = "rejectedByClient";

    /// <summary>Gets whether a client's rejection runs the tenant's rejection automation (off by default).</summary>
    public bool RunAutomationOnClientRejection { get; init; }

    /// <summary>Gets how interview invitations are copied to clients.</summary>
    public InterviewCopyMode InterviewCopies { get; init; } = InterviewCopyMode.Always;
}

/// <summary>Keeps per-tenant client-access settings and each client's last visit of each vacancy (SDK state).</summary>
public interface IClientAccessStateStore
{
    /// <summary>Gets a tenant's settings.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The settings, or <see langword="null"/> when the tenant set none.</returns>
    ValueTask<ClientAccessSettings?> GetSettingsAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Stores a tenant's settings.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetSettingsAsync(TenantId tenant, ClientAccessSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Records a client's visit of a vacancy's pipeline and returns the previous visit.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The previous visit, or <see langword="null"/> on the first.</returns>
    ValueTask<DateTimeOffset?> RecordVisitAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the right to tell a vacancy's recruiters that a client read something of it: atomically, succeeds and records
    /// <paramref name="at"/> when the client's last read notice of that vacancy is older than <paramref name="period"/> (or there is none).
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="at">When.</param>
    /// <param name="period">The shortest time between two read notices of one client about one vacancy.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether a notice is due (and was claimed by this call).</returns>
    ValueTask<bool> TryClaimReadNoticeAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, TimeSpan period, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives back a claim made by <see cref="TryClaimReadNoticeAsync"/> at <paramref name="at"/> whose notice could not be
    /// sent, so that the client's next read of the vacancy is told instead of being swallowed by the period.
    /// A claim made since by another call (a later <paramref name="at"/>) is left alone.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="at">The instant the claim was made at.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the claim is given back.</returns>
    ValueTask ReleaseReadNoticeAsync(TenantId tenant, ClientId client, JobId job, DateTimeOffset at, CancellationToken cancellationToken = default);
}
