using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recruiting;

/// <summary>
/// Telemetry conventions (ARCHITECTURE.md principle 9). Each package has one <see cref="ActivitySource"/> and one
/// <see cref="Meter"/> named after it (<c>Recruiting.MailImport</c> …); counters are named
/// <c>recruiting.&lt;area&gt;.&lt;what&gt;</c> (for example <c>recruiting.mail.imported</c>) and tagged with <c>tenant</c>.
/// Log event ids come from <see cref="RecruitingEventIds"/>, a block of 1000 per package.
/// </summary>
public static class RecruitingTelemetry
{
    /// <summary>The common prefix of meter and activity source names; hosts subscribe with it.</summary>
    public const string Prefix = "Recruiting.";

    /// <summary>The tag name carrying the tenant id.</summary>
    public const string TenantTag = "tenant";

    /// <summary>Name of the Abstractions telemetry.</summary>
    public const string Core = "Recruiting";

    /// <summary>Name of the Connectors telemetry (boards and references).</summary>
    public const string Connectors = "Recruiting.Connectors";

    /// <summary>Name of the MailImport telemetry.</summary>
    public const string MailImport = "Recruiting.MailImport";

    /// <summary>Name of the Automation telemetry.</summary>
    public const string Automation = "Recruiting.Automation";

    /// <summary>Name of the ClientAccess telemetry.</summary>
    public const string ClientAccess = "Recruiting.ClientAccess";

    /// <summary>Name of the SQLite store telemetry.</summary>
    public const string Storage = "Recruiting.Storage";

    /// <summary>Creates the meter of a package through the host's <see cref="IMeterFactory"/>.</summary>
    /// <param name="meterFactory">The factory.</param>
    /// <param name="name">One of the names above.</param>
    /// <returns>The meter.</returns>
    public static Meter CreateMeter(IMeterFactory meterFactory, string name)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(new MeterOptions(name) { Version = typeof(RecruitingTelemetry).Assembly.GetName().Version?.ToString() });
    }

    /// <summary>A tag list holding the tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The tag.</returns>
    public static KeyValuePair<string, object?> Tenant(TenantId tenant) => new(TenantTag, tenant.Value);
}

/// <summary>Log event id blocks: 1000 per package so ids never collide.</summary>
public static class RecruitingEventIds
{
    /// <summary>First id of Abstractions.</summary>
    public const int Core = 1000;

    /// <summary>A notification recipient was unknown or inactive.</summary>
    public const int NotificationRecipientSkipped = 1001;

    /// <summary>An event sink threw.</summary>
    public const int EventSinkFailed = 1002;

    /// <summary>First id of Connectors/Boards.</summary>
    public const int Boards = 2000;

    /// <summary>First id of MailImport.</summary>
    public const int MailImport = 3000;

    /// <summary>First id of Automation.</summary>
    public const int Automation = 4000;

    /// <summary>First id of ClientAccess.</summary>
    public const int ClientAccess = 5000;

    /// <summary>First id of Storage.</summary>
    public const int Storage = 6000;

    /// <summary>First id of Connectors/References.</summary>
    public const int References = 7000;
}
