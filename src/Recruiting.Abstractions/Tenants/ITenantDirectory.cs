namespace Recruiting;

/// <summary>A tenant (company) of the host.</summary>
public sealed record TenantInfo
{
    /// <summary>Gets the tenant id.</summary>
    public required TenantId Id { get; init; }

    /// <summary>Gets the company name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the IANA or Windows time zone id schedules run in (for example <c>Asia/Tokyo</c>).</summary>
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Gets the default language of the tenant's communication (BCP 47).</summary>
    public string DefaultLanguage { get; init; } = "en";

    /// <summary>Gets the address the SDK's notifications to the tenant go to (for example import run reports).</summary>
    public IReadOnlyList<string> NotificationAddresses { get; init; } = [];

    /// <summary>Gets the sender address the SDK uses for notifications.</summary>
    public string? NotificationSender { get; init; }

    /// <summary>Resolves the tenant's time zone.</summary>
    /// <returns>The time zone.</returns>
    /// <exception cref="TimeZoneNotFoundException">The id is unknown on this machine.</exception>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}

/// <summary>Reads the host's tenants. Implemented by the host.</summary>
public interface ITenantDirectory
{
    /// <summary>Gets a tenant.</summary>
    /// <param name="tenant">The tenant id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The tenant, or <see langword="null"/> when unknown.</returns>
    ValueTask<TenantInfo?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
