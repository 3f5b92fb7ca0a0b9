using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recruiting.ClientAccess;

/// <summary>An invitation that was sent.</summary>
/// <param name="InvitationId">The invitation id.</param>
/// <param name="Link">The access link (it carries the token; the SDK keeps only its hash).</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="Revoked">How many earlier links of the client were revoked.</param>
public sealed record ClientInvitationResult(string InvitationId, Uri Link, DateTimeOffset ExpiresAt, int Revoked);

/// <summary>Why a token was refused.</summary>
public enum TokenRefusal
{
    /// <summary>The token is malformed or unknown.</summary>
    Invalid,

    /// <summary>The invitation was already used.</summary>
    Used,

    /// <summary>The invitation or session expired.</summary>
    Expired,

    /// <summary>The invitation or session was revoked (a later invitation, or the client was blocked).</summary>
    Revoked,

    /// <summary>The client is blocked.</summary>
    ClientBlocked,

    /// <summary>The client no longer exists.</summary>
    UnknownClient,
}

/// <summary>A signed-in client. Every request through <see cref="ClientPortal"/> re-reads the client, so blocking applies at once.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Client">The client.</param>
/// <param name="SessionId">The session.</param>
public sealed record ClientPrincipal(TenantId Tenant, ClientId Client, string SessionId);

/// <summary>A session handed to a client that redeemed its invitation.</summary>
/// <param name="Principal">The principal.</param>
/// <param name="SessionToken">The session token to keep in a cookie (the SDK keeps only its hash).</param>
/// <param name="ExpiresAt">When the session ends.</param>
public sealed record ClientSessionGrant(ClientPrincipal Principal, string SessionToken, DateTimeOffset ExpiresAt);

/// <summary>The outcome of redeeming an invitation.</summary>
/// <param name="Session">The session, when redeemed.</param>
/// <param name="Refusal">Why not.</param>
public sealed record InvitationRedemption(ClientSessionGrant? Session, TokenRefusal? Refusal)
{
    /// <summary>Gets whether it was redeemed.</summary>
    public bool Succeeded => Session is not null;
}

/// <summary>The outcome of checking a session token.</summary>
/// <param name="Principal">The client, when the session is valid.</param>
/// <param name="Refusal">Why not.</param>
public sealed record ClientAuthentication(ClientPrincipal? Principal, TokenRefusal? Refusal)
{
    /// <summary>Gets whether the session is valid.</summary>
    public bool Succeeded => Principal is not null;
}

/// <summary>
/// Invitations and sessions of clients: a single-use, expiring access link sent through <see cref="INotifier"/> with the
/// recruiter's contact details; only SHA-256 hashes of tokens are stored and compared in constant time; re-inviting
/// revokes earlier links.
/// </summary>
public sealed class ClientInvitations
{
    private readonly IClientDirectory _clients;
    private readonly IClientCredentialStore _store;
    private readonly INotifier _notifier;
    private readonly IUserDirectory _users;
    private readonly ITenantDirectory _tenants;
    private readonly TimeProvider _time;
    private readonly ClientAccessOptions _options;
    private readonly ClientAccessMetrics _metrics;
    private readonly ILogger<ClientInvitations> _logger;

    /// <summary>Initializes a new instance of the <see cref="ClientInvitations"/> class.</summary>
    /// <param name="clients">The client directory.</param>
    /// <param name="store">The invitation and session store.</param>
    /// <param name="notifier">Sends the invitation.</param>
    /// <param name="users">The host's users (the recruiter's contact details).</param>
    /// <param name="tenants">The host's tenants.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger.</param>
    public ClientInvitations(IClientDirectory clients, IClientCredentialStore store, INotifier notifier, IUserDirectory users, ITenantDirectory tenants, TimeProvider time, IOptions<ClientAccessOptions> options, ILogger<ClientInvitations> logger)
        : this(clients, store, notifier, users, tenants, time, options, new ClientAccessMetrics(), logger)
    {
    }

    internal ClientInvitations(IClientDirectory clients, IClientCredentialStore store, INotifier notifier, IUserDirectory users, ITenantDirectory tenants, TimeProvider time, IOptions<ClientAccessOptions> options, ClientAccessMetrics metrics, ILogger<ClientInvitations> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _store = store;
        _notifier = notifier;
        _users = users;
        _tenants = tenants;
        _time = time;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Invites a client (again): earlier links are revoked, a new link is sent.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="invitedBy">The recruiter whose contact details go into the message.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The invitation, or <see langword="null"/> when the client is unknown or blocked.</returns>
    public async ValueTask<ClientInvitationResult?> InviteAsync(TenantId tenant, ClientId client, UserId invitedBy, CancellationToken cancellationToken = default)
    {
        var info = await _clients.GetClientAsync(tenant, client, cancellationToken).ConfigureAwait(false);
        if (ClientRefusals.Gate(info, tenant) is not null)
        {
            _metrics.Invitation(tenant, "refused");
            return null;
        }

        var now = _time.GetUtcNow();
        var revoked = await _store.RevokeInvitationsAsync(tenant, client, now, cancellationToken).ConfigureAwait(false);
        var (id, token) = NewToken();
        var expires = now + _options.InvitationLifetime;
        await _store.AddInvitationAsync(new ClientInvitationRecord(id, tenant, client, SecretComparer.HashToken(token), now, expires, invitedBy), cancellationToken).ConfigureAwait(false);

        var link = BuildLink(tenant, token);
        var recruiter = await _users.GetUserAsync(tenant, invitedBy, cancellationToken).ConfigureAwait(false);
        var company = (await _tenants.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false))?.Name ?? tenant.Value;
        var body = new StringBuilder()
            .Append("Hello ").Append(info!.Name).AppendLine(",")
            .AppendLine()
            .Append(company).AppendLine(" invites you to review the candidates of your vacancies. Open the link below to sign in;")
            .Append("it works once and until ").Append(expires.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(".")
            .AppendLine()
            .AppendLine("Your recruiter:")
            .Append("  ").AppendLine(recruiter?.DisplayName ?? invitedBy.Value);
        if (recruiter is not null)
        {
            body.Append("  ").AppendLine(recruiter.Email);
            if (!string.IsNullOrWhiteSpace(recruiter.Phone))
            {
                body.Append("  ").AppendLine(recruiter.Phone);
            }
        }

        await _notifier.NotifyAsync(new Notification
        {
            Tenant = tenant,
            Kind = NotificationKind.ClientInvitation,
            Addresses = [info.Email],
            Subject = $"{company}: your access to the candidates",
            Body = body.ToString().TrimEnd(),
            Link = link,
            Key = IdempotencyKey.Create("client-invite", id),
        }, cancellationToken).ConfigureAwait(false);

        _metrics.Invitation(tenant, "sent");
        ClientAccessLog.Invitation(_logger, tenant.Value, client.Value, revoked > 0 ? $"sent, {revoked} earlier revoked" : "sent");
        return new ClientInvitationResult(id, link, expires, revoked);
    }

    /// <summary>Redeems an invitation token: once, before it expires, unless revoked, for an active client.</summary>
    /// <param name="tenant">The tenant (from the link).</param>
    /// <param name="token">The token (from the link).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The session, or a typed refusal.</returns>
    public async ValueTask<InvitationRedemption> RedeemAsync(TenantId tenant, string? token, CancellationToken cancellationToken = default)
    {
        var refusal = await CheckInvitationAsync(tenant, token, cancellationToken).ConfigureAwait(false);
        if (refusal.Refusal is { } reason)
        {
            _metrics.Invitation(tenant, reason.ToString());
            return new InvitationRedemption(null, reason);
        }

        var invitation = refusal.Invitation!;
        var now = _time.GetUtcNow();
        if (!await _store.TryMarkInvitationUsedAsync(tenant, invitation.Id, now, cancellationToken).ConfigureAwait(false))
        {
            // Another request redeemed or revoked it between the check and now.
            var again = await _store.GetInvitationAsync(tenant, invitation.Id, cancellationToken).ConfigureAwait(false);
            var lost = again?.RevokedAt is not null ? TokenRefusal.Revoked : TokenRefusal.Used;
            _metrics.Invitation(tenant, lost.ToString());
            return new InvitationRedemption(null, lost);
        }

        var (sessionId, sessionToken) = NewToken();
        var expires = now + _options.SessionLifetime;
        await _store.AddSessionAsync(new ClientSessionRecord(sessionId, tenant, invitation.Client, SecretComparer.HashToken(sessionToken), now, expires), cancellationToken).ConfigureAwait(false);
        _metrics.Invitation(tenant, "redeemed");
        ClientAccessLog.Invitation(_logger, tenant.Value, invitation.Client.Value, "redeemed");
        return new InvitationRedemption(new ClientSessionGrant(new ClientPrincipal(tenant, invitation.Client, sessionId), sessionToken, expires), null);
    }

    /// <summary>Checks a session token; the client is re-read, so a blocked client is refused even with an open session.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="sessionToken">The session token.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The principal, or a typed refusal.</returns>
    public async ValueTask<ClientAuthentication> AuthenticateAsync(TenantId tenant, string? sessionToken, CancellationToken cancellationToken = default)
    {
        if (!TrySplit(sessionToken, out var id))
        {
            return new ClientAuthentication(null, TokenRefusal.Invalid);
        }

        var session = await _store.GetSessionAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (session is null || session.Tenant != tenant || !SecretComparer.FixedTimeEquals(SecretComparer.HashToken(sessionToken!), session.TokenHash))
        {
            return new ClientAuthentication(null, TokenRefusal.Invalid);
        }

        if (session.RevokedAt is not null)
        {
            return new ClientAuthentication(null, TokenRefusal.Revoked);
        }

        if (_time.GetUtcNow() >= session.ExpiresAt)
        {
            return new ClientAuthentication(null, TokenRefusal.Expired);
        }

        var client = await _clients.GetClientAsync(tenant, session.Client, cancellationToken).ConfigureAwait(false);
        return ClientRefusals.Gate(client, tenant) switch
        {
            ClientRefusal.UnknownClient => new ClientAuthentication(null, TokenRefusal.UnknownClient),
            ClientRefusal.ClientBlocked => new ClientAuthentication(null, TokenRefusal.ClientBlocked),
            _ => new ClientAuthentication(new ClientPrincipal(tenant, session.Client, session.Id), null),
        };
    }

    private async ValueTask<(ClientInvitationRecord? Invitation, TokenRefusal? Refusal)> CheckInvitationAsync(TenantId tenant, string? token, CancellationToken cancellationToken)
    {
        if (!TrySplit(token, out var id))
        {
            return (null, TokenRefusal.Invalid);
        }

        var invitation = await _store.GetInvitationAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (invitation is null || invitation.Tenant != tenant || !SecretComparer.FixedTimeEquals(SecretComparer.HashToken(token!), invitation.TokenHash))
        {
            return (null, TokenRefusal.Invalid);
        }

        if (invitation.RevokedAt is not null)
        {
            return (null, TokenRefusal.Revoked);
        }

        if (invitation.UsedAt is not null)
        {
            return (null, TokenRefusal.Used);
        }

        if (_time.GetUtcNow() >= invitation.ExpiresAt)
        {
            return (null, TokenRefusal.Expired);
        }

        var client = await _clients.GetClientAsync(tenant, invitation.Client, cancellationToken).ConfigureAwait(false);
        return ClientRefusals.Gate(client, tenant) switch
        {
            ClientRefusal.UnknownClient => (null, TokenRefusal.UnknownClient),
            ClientRefusal.ClientBlocked => (null, TokenRefusal.ClientBlocked),
            _ => (invitation, null),
        };
    }

    private Uri BuildLink(TenantId tenant, string token)
    {
        var baseUri = _options.AccessLinkBase ?? throw new InvalidOperationException($"{nameof(ClientAccessOptions)}.{nameof(ClientAccessOptions.AccessLinkBase)} is not set.");
        var separator = string.IsNullOrEmpty(baseUri.Query) ? "?" : "&";
        return new Uri($"{baseUri.AbsoluteUri}{separator}tenant={Uri.EscapeDataString(tenant.Value)}&token={Uri.EscapeDataString(token)}");
    }

    /// <summary>A token is <c>ID.SECRET</c>: the id finds the record, the whole token's hash proves it.</summary>
    internal static (string Id, string Token) NewToken()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{id}.{secret}");
    }

    private static bool TrySplit(string? token, out string id)
    {
        id = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot != 24 || dot == token.Length - 1)
        {
            return false;
        }

        id = token[..dot];
        return true;
    }
}
