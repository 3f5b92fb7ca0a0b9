using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Recruiting.Connectors.Boards;

/// <summary>The boards counters (<c>recruiting.boards.*</c>, tagged with tenant and board) and the activity source of board import.</summary>
internal sealed class BoardImportMetrics : IDisposable
{
    public static readonly ActivitySource ActivitySource = new(RecruitingTelemetry.Connectors);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public BoardImportMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory is null ? new Meter(RecruitingTelemetry.Connectors) : RecruitingTelemetry.CreateMeter(meterFactory, RecruitingTelemetry.Connectors);
        Imported = _meter.CreateCounter<long>("recruiting.boards.imported", "{applicant}", "Applicants imported from boards and files.");
        Duplicates = _meter.CreateCounter<long>("recruiting.boards.duplicates", "{applicant}", "Applicants seen again and not imported twice.");
        Skipped = _meter.CreateCounter<long>("recruiting.boards.not_on_allow_list", "{applicant}", "Applicants to postings not on the active-postings list.");
        Failed = _meter.CreateCounter<long>("recruiting.boards.failed", "{applicant}", "Applicants that could not be imported.");
    }

    public Counter<long> Imported { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Skipped { get; }

    public Counter<long> Failed { get; }

    public static TagList Tags(TenantId tenant, string board) => new() { RecruitingTelemetry.Tenant(tenant), { "board", board } };

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
