namespace Recruiting.ClientAccess;

/// <summary>Why a client's request was refused.</summary>
public enum ClientRefusal
{
    /// <summary>The session or token is not valid.</summary>
    NotAuthenticated,

    /// <summary>The client is not known in the tenant.</summary>
    UnknownClient,

    /// <summary>The client is blocked.</summary>
    ClientBlocked,

    /// <summary>The thing asked for belongs to another tenant.</summary>
    OtherTenant,

    /// <summary>The thing asked for does not exist.</summary>
    NotFound,

    /// <summary>The thing asked for is not reached through the client's vacancies.</summary>
    OutsideVacancies,

    /// <summary>The note is hidden from clients.</summary>
    HiddenFromClients,

    /// <summary>A version made for clients replaces the document.</summary>
    ReplacedByClientVersion,

    /// <summary>Clients may not do or see this at all (deny by default).</summary>
    NotPermitted,

    /// <summary>The stage is not part of the vacancy's process.</summary>
    StageNotInProcess,

    /// <summary>The tenant does not let clients move applications to this stage.</summary>
    StageNotAllowed,

    /// <summary>The request is malformed (empty note, too many skills …).</summary>
    InvalidInput,

    /// <summary>The host does not offer what the request needs (for example no profile editor is registered).</summary>
    NotSupported,

    /// <summary>The client already used the request id for a different request.</summary>
    RequestIdReused,
}

/// <summary>The outcome of a client's read: the value, or a typed refusal.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Value">The value, when allowed.</param>
/// <param name="Refusal">Why not, when refused.</param>
public sealed record ClientResult<T>(T? Value, ClientRefusal? Refusal)
    where T : class
{
    /// <summary>Gets whether the read was allowed.</summary>
    public bool Succeeded => Refusal is null;

    internal static ClientResult<T> Ok(T value) => new(value, null);

    internal static ClientResult<T> Refused(ClientRefusal refusal) => new(null, refusal);
}

/// <summary>Maps policy denials to refusals.</summary>
internal static class ClientRefusals
{
    public static ClientRefusal From(ClientAccessDecision decision) => (decision.Reasons.Count > 0 ? decision.Reasons[0] : AccessDenialReason.NoRule) switch
    {
        AccessDenialReason.UnknownClient => ClientRefusal.UnknownClient,
        AccessDenialReason.ClientBlocked => ClientRefusal.ClientBlocked,
        AccessDenialReason.OtherTenant => ClientRefusal.OtherTenant,
        AccessDenialReason.NotFound => ClientRefusal.NotFound,
        AccessDenialReason.OutsideVacancies => ClientRefusal.OutsideVacancies,
        AccessDenialReason.HiddenFromClients => ClientRefusal.HiddenFromClients,
        AccessDenialReason.ReplacedByClientVersion => ClientRefusal.ReplacedByClientVersion,
        _ => ClientRefusal.NotPermitted,
    };

    /// <summary>Blocked or unknown clients are refused before anything else is looked at.</summary>
    public static ClientRefusal? Gate(ClientInfo? client, TenantId tenant) => client is null || client.Tenant != tenant
        ? ClientRefusal.UnknownClient
        : client.Status != ClientStatus.Active ? ClientRefusal.ClientBlocked : null;
}
