namespace Recruiting.ClientAccess;

/// <summary>Why a client was denied access.</summary>
public enum AccessDenialReason
{
    /// <summary>The client is not known in the tenant.</summary>
    UnknownClient,

    /// <summary>The client is blocked.</summary>
    ClientBlocked,

    /// <summary>The resource belongs to another tenant.</summary>
    OtherTenant,

    /// <summary>The resource does not exist.</summary>
    NotFound,

    /// <summary>The resource is not reached through any of the client's vacancies.</summary>
    OutsideVacancies,

    /// <summary>The note has "don't show to clients" ticked.</summary>
    HiddenFromClients,

    /// <summary>A version made for clients replaces the document.</summary>
    ReplacedByClientVersion,

    /// <summary>The policy has no rule for this kind of question (deny by default).</summary>
    NoRule,

    /// <summary>A requirement was not met by any handler.</summary>
    RequirementNotMet,
}

/// <summary>An immutable requirement of a client-access policy; handlers decide whether it is met.</summary>
public interface IClientAccessRequirement
{
}

/// <summary>The client must exist and be active.</summary>
public sealed record ActiveClientRequirement : IClientAccessRequirement
{
    /// <summary>Gets the instance.</summary>
    public static ActiveClientRequirement Instance { get; } = new();
}

/// <summary>The resource must exist in the client's own tenant.</summary>
public sealed record SameTenantRequirement : IClientAccessRequirement
{
    /// <summary>Gets the instance.</summary>
    public static SameTenantRequirement Instance { get; } = new();
}

/// <summary>The resource must be reached through one of the client's vacancies.</summary>
public sealed record VacancyScopeRequirement : IClientAccessRequirement
{
    /// <summary>Gets the instance.</summary>
    public static VacancyScopeRequirement Instance { get; } = new();
}

/// <summary>A note must have "don't show to clients" unticked.</summary>
public sealed record VisibleNoteRequirement : IClientAccessRequirement
{
    /// <summary>Gets the instance.</summary>
    public static VisibleNoteRequirement Instance { get; } = new();
}

/// <summary>A document must not be an original replaced by a client version.</summary>
public sealed record ClientDocumentRequirement : IClientAccessRequirement
{
    /// <summary>Gets the instance.</summary>
    public static ClientDocumentRequirement Instance { get; } = new();
}

/// <summary>A set of requirements that must all succeed. Build one with <see cref="ClientAccessPolicyBuilder"/>.</summary>
public sealed class ClientAccessPolicy
{
    internal ClientAccessPolicy(IReadOnlyList<IClientAccessRequirement> requirements) => Requirements = requirements;

    /// <summary>Gets the requirements.</summary>
    public IReadOnlyList<IClientAccessRequirement> Requirements { get; }
}

/// <summary>Builds a <see cref="ClientAccessPolicy"/>; single use, and a policy without requirements cannot be built.</summary>
public sealed class ClientAccessPolicyBuilder
{
    private readonly List<IClientAccessRequirement> _requirements = [];
    private bool _built;

    /// <summary>Adds requirements.</summary>
    /// <param name="requirements">The requirements.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The builder was already used.</exception>
    public ClientAccessPolicyBuilder Require(params IClientAccessRequirement[] requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ThrowIfBuilt();
        foreach (var requirement in requirements)
        {
            ArgumentNullException.ThrowIfNull(requirement, nameof(requirements));
            _requirements.Add(requirement);
        }

        return this;
    }

    /// <summary>Builds the policy.</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="InvalidOperationException">No requirement was added, or the builder was already used.</exception>
    public ClientAccessPolicy Build()
    {
        ThrowIfBuilt();
        if (_requirements.Count == 0)
        {
            throw new InvalidOperationException("A client-access policy needs at least one requirement.");
        }

        _built = true;
        return new ClientAccessPolicy(_requirements.ToArray());
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This policy builder was already used; create a new one.");
        }
    }
}

/// <summary>The state of one evaluation: pending requirements, successes and vetoes.</summary>
public sealed class ClientAccessContext
{
    private readonly HashSet<IClientAccessRequirement> _pending;
    private readonly List<AccessDenialReason> _failures = [];

    /// <summary>Initializes a new instance of the <see cref="ClientAccessContext"/> class.</summary>
    /// <param name="tenant">The tenant the client asked in.</param>
    /// <param name="client">The client as the directory has it now, or <see langword="null"/> when unknown.</param>
    /// <param name="resource">The resource asked about.</param>
    /// <param name="facts">What is known of the resource.</param>
    /// <param name="requirements">The requirements to meet.</param>
    public ClientAccessContext(TenantId tenant, ClientInfo? client, ClientResource resource, ClientResourceFacts facts, IEnumerable<IClientAccessRequirement> requirements)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(requirements);
        Tenant = tenant;
        Client = client;
        Resource = resource;
        Facts = facts;
        _pending = new HashSet<IClientAccessRequirement>(requirements, ReferenceEqualityComparer.Instance);
    }

    /// <summary>Gets the tenant asked in.</summary>
    public TenantId Tenant { get; }

    /// <summary>Gets the client, or <see langword="null"/> when unknown.</summary>
    public ClientInfo? Client { get; }

    /// <summary>Gets the resource.</summary>
    public ClientResource Resource { get; }

    /// <summary>Gets the facts about the resource.</summary>
    public ClientResourceFacts Facts { get; }

    /// <summary>Gets the requirements not yet met.</summary>
    public IEnumerable<IClientAccessRequirement> PendingRequirements => _pending;

    /// <summary>Gets the vetoes recorded.</summary>
    public IReadOnlyList<AccessDenialReason> Failures => _failures;

    /// <summary>Gets whether a handler vetoed.</summary>
    public bool HasFailed => _failures.Count > 0;

    /// <summary>Gets whether every requirement was met and nothing vetoed.</summary>
    public bool HasSucceeded => !HasFailed && _pending.Count == 0;

    /// <summary>Marks a requirement met.</summary>
    /// <param name="requirement">The requirement.</param>
    public void Succeed(IClientAccessRequirement requirement) => _pending.Remove(requirement);

    /// <summary>Vetoes access, whatever else succeeds.</summary>
    /// <param name="reason">Why.</param>
    public void Fail(AccessDenialReason reason)
    {
        if (!_failures.Contains(reason))
        {
            _failures.Add(reason);
        }
    }
}

/// <summary>Decides requirements of one type.</summary>
public interface IClientAccessHandler
{
    /// <summary>Handles the pending requirements it knows: <see cref="ClientAccessContext.Succeed"/> or <see cref="ClientAccessContext.Fail"/>.</summary>
    /// <param name="context">The context.</param>
    void Handle(ClientAccessContext context);
}

/// <summary>A handler of one requirement type.</summary>
/// <typeparam name="TRequirement">The requirement type.</typeparam>
public abstract class ClientAccessHandler<TRequirement> : IClientAccessHandler
    where TRequirement : IClientAccessRequirement
{
    /// <inheritdoc />
    public void Handle(ClientAccessContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var requirement in context.PendingRequirements.OfType<TRequirement>().ToList())
        {
            Handle(context, requirement);
        }
    }

    /// <summary>Decides one requirement.</summary>
    /// <param name="context">The context.</param>
    /// <param name="requirement">The requirement.</param>
    protected abstract void Handle(ClientAccessContext context, TRequirement requirement);
}

/// <summary>The answer to a client-access question.</summary>
/// <param name="Allowed">Whether access is allowed.</param>
/// <param name="Reasons">Why not, when denied.</param>
public sealed record ClientAccessDecision(bool Allowed, IReadOnlyList<AccessDenialReason> Reasons)
{
    /// <summary>Gets the allowing decision.</summary>
    public static ClientAccessDecision Allow { get; } = new(true, []);

    /// <summary>Creates a denial.</summary>
    /// <param name="reasons">Why.</param>
    /// <returns>The decision.</returns>
    public static ClientAccessDecision Deny(params AccessDenialReason[] reasons) => new(false, reasons);
}
