using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recruiting.MailImport.Importing;

/// <summary>The package's <see cref="ActivitySource"/> and <see cref="Meter"/> (<c>Recruiting.MailImport</c>) and its counters.</summary>
internal sealed class MailImportTelemetry : IDisposable
{
    private readonly Meter _meter;

    public MailImportTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory is null ? new Meter(RecruitingTelemetry.MailImport) : RecruitingTelemetry.CreateMeter(meterFactory, RecruitingTelemetry.MailImport);
        Imported = _meter.CreateCounter<long>("recruiting.mail.imported", "{message}", "Forwarded replies filed in an application's history.");
        Duplicates = _meter.CreateCounter<long>("recruiting.mail.duplicates", "{message}", "Forwarded replies already imported.");
        Quarantined = _meter.CreateCounter<long>("recruiting.mail.quarantined", "{message}", "Mails kept in quarantine, tagged with the reason.");
        Documents = _meter.CreateCounter<long>("recruiting.mail.documents", "{document}", "Attachments filed as documents.");
    }

    public static ActivitySource ActivitySource { get; } = new(RecruitingTelemetry.MailImport);

    public Counter<long> Imported { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Quarantined { get; }

    public Counter<long> Documents { get; }

    public void Dispose() => _meter.Dispose();
}
