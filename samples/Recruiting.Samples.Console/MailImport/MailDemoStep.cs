using Microsoft.Extensions.DependencyInjection;
using Recruiting.MailImport.Importing;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.MailImport;

/// <summary>
/// The demo's mail step: a recruiter forwarded a candidate's reply with a CV and a cover letter to the demo tenant's import
/// address (subject <c>2024-000101 WG: Re: …</c>); it is imported and the resulting history entry is shown.
/// </summary>
internal sealed class MailDemoStep : IDemoStep
{
    public string Section => "mail";

    public async Task<object?> RunAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "DemoData", "mail", "forwarded-reply.eml");
        ImportOutcome outcome;
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            outcome = await services.GetRequiredService<IMailImporter>().ImportAsync(tenant, stream, cancellationToken).ConfigureAwait(false);
        }

        object? historyEntry = null;
        if (outcome is { Application: { } application, HistoryEntryId: { } entryId })
        {
            await foreach (var stored in services.GetRequiredService<IApplicationHistory>().ListAsync(tenant, application, cancellationToken).ConfigureAwait(false))
            {
                if (stored.Id == entryId)
                {
                    historyEntry = new
                    {
                        id = stored.Id.Value,
                        application = application.Value,
                        kind = stored.Entry.Kind,
                        title = stored.Entry.Title,
                        occurredAt = stored.Entry.OccurredAt,
                        textBody = stored.Entry.TextBody,
                        htmlBody = stored.Entry.HtmlBody,
                        recruiterNote = stored.Entry.Properties.GetValueOrDefault("recruiterNote"),
                    };
                }
            }
        }

        return new
        {
            status = outcome.Status,
            reason = outcome.Reason,
            reference = outcome.Reference?.Value,
            historyEntryId = outcome.HistoryEntryId?.Value,
            original = outcome.Original is { } o ? new { from = o.From, fromName = o.FromName, subject = o.Subject, date = o.Date } : null,
            attachments = outcome.Attachments.Select(a => new { fileName = a.FileName, kind = a.Kind }).ToList(),
            historyEntry,
        };
    }
}
