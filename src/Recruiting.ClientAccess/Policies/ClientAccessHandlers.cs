namespace Recruiting.ClientAccess;

/// <summary>Meets <see cref="ActiveClientRequirement"/> for a known, active client of the tenant asked in.</summary>
internal sealed class ActiveClientHandler : ClientAccessHandler<ActiveClientRequirement>
{
    protected override void Handle(ClientAccessContext context, ActiveClientRequirement requirement)
    {
        if (context.Client is null || context.Client.Tenant != context.Tenant)
        {
            context.Fail(AccessDenialReason.UnknownClient);
        }
        else if (context.Client.Status != ClientStatus.Active)
        {
            context.Fail(AccessDenialReason.ClientBlocked);
        }
        else
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>Meets <see cref="SameTenantRequirement"/> when the resource exists in the client's tenant.</summary>
internal sealed class SameTenantHandler : ClientAccessHandler<SameTenantRequirement>
{
    protected override void Handle(ClientAccessContext context, SameTenantRequirement requirement)
    {
        if (!context.Facts.Exists)
        {
            context.Fail(AccessDenialReason.NotFound);
        }
        else if (context.Facts.Tenant != context.Tenant || context.Client?.Tenant != context.Tenant)
        {
            context.Fail(AccessDenialReason.OtherTenant);
        }
        else
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>Meets <see cref="VacancyScopeRequirement"/> when the resource is reached through one of the client's vacancies.</summary>
internal sealed class VacancyScopeHandler : ClientAccessHandler<VacancyScopeRequirement>
{
    protected override void Handle(ClientAccessContext context, VacancyScopeRequirement requirement)
    {
        var vacancies = context.Client?.Vacancies ?? [];
        if (context.Facts.Jobs.Count > 0 && context.Facts.Jobs.Any(vacancies.Contains))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(AccessDenialReason.OutsideVacancies);
        }
    }
}

/// <summary>Meets <see cref="VisibleNoteRequirement"/> when "don't show to clients" is unticked.</summary>
internal sealed class VisibleNoteHandler : ClientAccessHandler<VisibleNoteRequirement>
{
    protected override void Handle(ClientAccessContext context, VisibleNoteRequirement requirement)
    {
        if (context.Facts.HiddenFromClients)
        {
            context.Fail(AccessDenialReason.HiddenFromClients);
        }
        else
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>Meets <see cref="ClientDocumentRequirement"/> unless a client version replaces the document.</summary>
internal sealed class ClientDocumentHandler : ClientAccessHandler<ClientDocumentRequirement>
{
    protected override void Handle(ClientAccessContext context, ClientDocumentRequirement requirement)
    {
        if (context.Facts.ReplacedByClientVersion)
        {
            context.Fail(AccessDenialReason.ReplacedByClientVersion);
        }
        else
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>The pure evaluator: the policy for a resource kind, the handlers, and deny unless every requirement succeeded.</summary>
internal sealed class ClientAccessEvaluator
{
    private readonly IReadOnlyList<IClientAccessHandler> _handlers;
    private readonly Dictionary<Type, ClientAccessPolicy> _policies;

    public ClientAccessEvaluator(IEnumerable<IClientAccessHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = handlers.ToArray();
        var scoped = new IClientAccessRequirement[] { ActiveClientRequirement.Instance, SameTenantRequirement.Instance, VacancyScopeRequirement.Instance };
        _policies = new Dictionary<Type, ClientAccessPolicy>
        {
            [typeof(VacancyResource)] = new ClientAccessPolicyBuilder().Require(scoped).Build(),
            [typeof(ApplicationResource)] = new ClientAccessPolicyBuilder().Require(scoped).Build(),
            [typeof(CandidateResource)] = new ClientAccessPolicyBuilder().Require(scoped).Build(),
            [typeof(InterviewResource)] = new ClientAccessPolicyBuilder().Require(scoped).Build(),
            [typeof(NoteResource)] = new ClientAccessPolicyBuilder().Require(scoped).Require(VisibleNoteRequirement.Instance).Build(),
            [typeof(DocumentResource)] = new ClientAccessPolicyBuilder().Require(scoped).Require(ClientDocumentRequirement.Instance).Build(),
        };
    }

    /// <summary>Gets the built-in handlers.</summary>
    public static IReadOnlyList<IClientAccessHandler> DefaultHandlers { get; } =
        [new ActiveClientHandler(), new SameTenantHandler(), new VacancyScopeHandler(), new VisibleNoteHandler(), new ClientDocumentHandler()];

    public bool HasRule(ClientResource resource) => _policies.ContainsKey(resource.GetType());

    public ClientAccessDecision Evaluate(TenantId tenant, ClientInfo? client, ClientResource resource, ClientResourceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (!_policies.TryGetValue(resource.GetType(), out var policy))
        {
            return ClientAccessDecision.Deny(AccessDenialReason.NoRule);
        }

        var context = new ClientAccessContext(tenant, client, resource, facts, policy.Requirements);
        foreach (var handler in _handlers)
        {
            handler.Handle(context);
        }

        if (context.HasSucceeded)
        {
            return ClientAccessDecision.Allow;
        }

        return context.HasFailed ? new ClientAccessDecision(false, context.Failures.ToArray()) : ClientAccessDecision.Deny(AccessDenialReason.RequirementNotMet);
    }
}
