using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Recruiting.ClientAccess;

/// <summary>A client to add.</summary>
public sealed record NewClient
{
    /// <summary>Gets the name (required).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the e-mail address (required).</summary>
    public required string Email { get; init; }

    /// <summary>Gets whether the client is external or internal.</summary>
    public ClientKind Kind { get; init; } = ClientKind.External;

    /// <summary>Gets whether candidates' contacts are hidden from the client.</summary>
    public bool HideCandidateContacts { get; init; }

    /// <summary>Gets the vacancies to attach.</summary>
    public IReadOnlyList<JobId> Vacancies { get; init; } = [];

    /// <summary>Gets whether to send the invitation now (the default).</summary>
    public bool SendInvitation { get; init; } = true;
}

/// <summary>What is wrong with a client to add or change.</summary>
public enum ClientValidationError
{
    /// <summary>The name is empty.</summary>
    NameRequired,

    /// <summary>The name is longer than 200 characters.</summary>
    NameTooLong,

    /// <summary>The e-mail address is empty.</summary>
    EmailRequired,

    /// <summary>The e-mail address is not valid.</summary>
    EmailInvalid,

    /// <summary>Another client of the tenant has this address.</summary>
    EmailTaken,

    /// <summary>A vacancy is not known in the tenant.</summary>
    UnknownVacancy,

    /// <summary>The client is not known in the tenant.</summary>
    UnknownClient,
}

/// <summary>The outcome of adding or changing a client.</summary>
/// <param name="Client">The client as stored, when it worked.</param>
/// <param name="Errors">What was wrong, when it did not.</param>
/// <param name="Invitation">The invitation sent, when one was.</param>
public sealed record ClientChangeResult(ClientInfo? Client, IReadOnlyList<ClientValidationError> Errors, ClientInvitationResult? Invitation = null)
{
    /// <summary>Gets whether it worked.</summary>
    public bool Succeeded => Client is not null && Errors.Count == 0;
}

/// <summary>
/// The recruiter's side of client access: add clients from the client list or from a vacancy, attach vacancies,
/// block and unblock (effective on the client's next request, open sessions included), hide contacts, tenant settings.
/// </summary>
public sealed class ClientAdministration
{
    private const int MaxNameLength = 200;
    private readonly IClientDirectory _clients;
    private readonly IApplicationDirectory _directory;
    private readonly ClientInvitations _invitations;
    private readonly IClientCredentialStore _credentials;
    private readonly IClientAccessStateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<ClientAdministration> _logger;

    /// <summary>Initializes a new instance of the <see cref="ClientAdministration"/> class.</summary>
    /// <param name="clients">The client directory.</param>
    /// <param name="directory">The host's applications and jobs.</param>
    /// <param name="invitations">Sends invitations.</param>
    /// <param name="credentials">Invitation and session store.</param>
    /// <param name="state">Settings store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public ClientAdministration(IClientDirectory clients, IApplicationDirectory directory, ClientInvitations invitations, IClientCredentialStore credentials, IClientAccessStateStore state, TimeProvider time, ILogger<ClientAdministration> logger)
    {
        _clients = clients;
        _directory = directory;
        _invitations = invitations;
        _credentials = credentials;
        _state = state;
        _time = time;
        _logger = logger;
    }

    /// <summary>Adds a client from the client list and, unless told not to, invites it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="addedBy">The recruiter adding it (its contact details go into the invitation).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The client and invitation, or what was wrong.</returns>
    public async ValueTask<ClientChangeResult> AddClientAsync(TenantId tenant, NewClient client, UserId addedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var errors = Validate(client.Name, client.Email);
        var email = client.Email?.Trim() ?? string.Empty;
        if (!errors.Contains(ClientValidationError.EmailInvalid) && email.Length > 0
            && await _clients.FindByEmailAsync(tenant, email, cancellationToken).ConfigureAwait(false) is not null)
        {
            errors.Add(ClientValidationError.EmailTaken);
        }

        foreach (var job in client.Vacancies.Distinct())
        {
            if (await _directory.GetJobAsync(tenant, job, cancellationToken).ConfigureAwait(false) is null)
            {
                errors.Add(ClientValidationError.UnknownVacancy);
                break;
            }
        }

        if (errors.Count > 0)
        {
            return new ClientChangeResult(null, errors);
        }

        var info = new ClientInfo
        {
            Id = new ClientId("client-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))),
            Tenant = tenant,
            Name = client.Name.Trim(),
            Email = email,
            Kind = client.Kind,
            HideCandidateContacts = client.HideCandidateContacts,
            Vacancies = client.Vacancies.Distinct().ToArray(),
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = addedBy,
        };
        await _clients.SaveClientAsync(info, cancellationToken).ConfigureAwait(false);
        var invitation = client.SendInvitation ? await _invitations.InviteAsync(tenant, info.Id, addedBy, cancellationToken).ConfigureAwait(false) : null;
        return new ClientChangeResult(info, [], invitation);
    }

    /// <summary>Adds a new client from a vacancy's page: the client is created attached to that vacancy.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="client">The client.</param>
    /// <param name="addedBy">The recruiter.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    public ValueTask<ClientChangeResult> AddClientToVacancyAsync(TenantId tenant, JobId job, NewClient client, UserId addedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AddClientAsync(tenant, client with { Vacancies = [.. client.Vacancies, job] }, addedBy, cancellationToken);
    }

    /// <summary>Attaches an existing client to a vacancy (from the vacancy's page).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    public async ValueTask<ClientChangeResult> AttachVacancyAsync(TenantId tenant, ClientId client, JobId job, CancellationToken cancellationToken = default)
    {
        if (await _directory.GetJobAsync(tenant, job, cancellationToken).ConfigureAwait(false) is null)
        {
            return new ClientChangeResult(null, [ClientValidationError.UnknownVacancy]);
        }

        return await ChangeAsync(tenant, client, c => c.Vacancies.Contains(job) ? c : c with { Vacancies = [.. c.Vacancies, job] }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Detaches a client from a vacancy.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="job">The vacancy.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    public ValueTask<ClientChangeResult> DetachVacancyAsync(TenantId tenant, ClientId client, JobId job, CancellationToken cancellationToken = default)
        => ChangeAsync(tenant, client, c => c with { Vacancies = c.Vacancies.Where(v => v != job).ToArray() }, cancellationToken);

    /// <summary>Blocks a client: its open sessions and invitations are revoked and every further request is refused.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    public async ValueTask<ClientChangeResult> BlockAsync(TenantId tenant, ClientId client, CancellationToken cancellationToken = default)
    {
        var result = await ChangeAsync(tenant, client, c => c with { Status = ClientStatus.Blocked }, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var now = _time.GetUtcNow();
            await _credentials.RevokeSessionsAsync(tenant, client, now, cancellationToken).ConfigureAwait(false);
            await _credentials.RevokeInvitationsAsync(tenant, client, now, cancellationToken).ConfigureAwait(false);
            ClientAccessLog.Invitation(_logger, tenant.Value, client.Value, "blocked");
        }

        return result;
    }

    /// <summary>Makes a blocked client active again (it needs a new invitation to sign in).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    public ValueTask<ClientChangeResult> UnblockAsync(TenantId tenant, ClientId client, CancellationToken cancellationToken = default)
        => ChangeAsync(tenant, client, c => c with { Status = ClientStatus.Active }, cancellationToken);

    /// <summary>Sets or clears "hide candidate contacts".</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="hide">Whether to hide.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    public ValueTask<ClientChangeResult> SetHideCandidateContactsAsync(TenantId tenant, ClientId client, bool hide, CancellationToken cancellationToken = default)
        => ChangeAsync(tenant, client, c => c with { HideCandidateContacts = hide }, cancellationToken);

    /// <summary>Changes a client's name and e-mail address.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="client">The client.</param>
    /// <param name="name">The name.</param>
    /// <param name="email">The e-mail address.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    public async ValueTask<ClientChangeResult> RenameAsync(TenantId tenant, ClientId client, string name, string email, CancellationToken cancellationToken = default)
    {
        var errors = Validate(name, email);
        if (errors.Count == 0 && await _clients.FindByEmailAsync(tenant, email.Trim(), cancellationToken).ConfigureAwait(false) is { } other && other.Id != client)
        {
            errors.Add(ClientValidationError.EmailTaken);
        }

        return errors.Count > 0
            ? new ClientChangeResult(null, errors)
            : await ChangeAsync(tenant, client, c => c with { Name = name.Trim(), Email = email.Trim() }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a tenant's client-access settings (the defaults when it set none).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The settings.</returns>
    public async ValueTask<ClientAccessSettings> GetSettingsAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => await _state.GetSettingsAsync(tenant, cancellationToken).ConfigureAwait(false) ?? new ClientAccessSettings();

    /// <summary>Stores a tenant's client-access settings.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="ArgumentException">The rejection reason is empty.</exception>
    public ValueTask ConfigureAsync(TenantId tenant, ClientAccessSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.RejectedByClientReason, nameof(settings));
        return _state.SetSettingsAsync(tenant, settings, cancellationToken);
    }

    /// <summary>Checks a name and an e-mail address.</summary>
    /// <param name="name">The name.</param>
    /// <param name="email">The address.</param>
    /// <returns>What is wrong (empty when nothing).</returns>
    public static List<ClientValidationError> Validate(string? name, string? email)
    {
        var errors = new List<ClientValidationError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(ClientValidationError.NameRequired);
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors.Add(ClientValidationError.NameTooLong);
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(ClientValidationError.EmailRequired);
        }
        else if (!IsValidEmail(email.Trim()))
        {
            errors.Add(ClientValidationError.EmailInvalid);
        }

        return errors;
    }

    private static bool IsValidEmail(string email)
    {
        // A bare address (no display name), a dotted domain, and no whitespace: what an invitation can be sent to.
        if (email.Length > 254 || email.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(email, out var parsed) || !string.Equals(parsed.Address, email, StringComparison.Ordinal))
        {
            return false;
        }

        var at = email.LastIndexOf('@');
        var domain = email[(at + 1)..];
        return at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }

    private async ValueTask<ClientChangeResult> ChangeAsync(TenantId tenant, ClientId client, Func<ClientInfo, ClientInfo> change, CancellationToken cancellationToken)
    {
        var current = await _clients.GetClientAsync(tenant, client, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Tenant != tenant)
        {
            return new ClientChangeResult(null, [ClientValidationError.UnknownClient]);
        }

        var changed = change(current);
        await _clients.SaveClientAsync(changed, cancellationToken).ConfigureAwait(false);
        return new ClientChangeResult(changed, []);
    }
}
