using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recruiting.MailImport;
using Recruiting.MailImport.Importing;
using Recruiting.MailImport.Sanitizing;
using Recruiting.MailImport.Subjects;
using Recruiting.Samples.Console.Cli;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.MailImport;

/// <summary>Wires the mail capability into the sample host: the importer, the verbs <c>mail parse-subject|import|sanitize|quarantine|replay</c> and the demo step.</summary>
public sealed class MailModule : ISampleModule
{
    /// <summary>The demo tenant's import address.</summary>
    public const string DemoImportAddress = "import@demo.example";

    public void ConfigureServices(RecruitingBuilder recruiting, SampleHostContext context)
    {
        ArgumentNullException.ThrowIfNull(recruiting);
        ArgumentNullException.ThrowIfNull(context);

        // Production default stays Authenticated (this sample's receiving server would be mx.demo.example);
        // the demo tenant itself uses an allow-list so anyone can try their own .eml files.
        // Messages over the size limit are kept whole as files beside the database, never as a giant row in it.
        recruiting.AddMailImport(o =>
        {
            o.TrustedAuthServIds.Add("mx.demo.example");
            o.OversizeDirectory = context.DatabasePath + ".mail-oversize";
        });
        context.Services.AddSingleton<IDemoStep, MailDemoStep>();
    }

    public void AddCommands(RootCommand root, CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(cli);
        var mail = new Command("mail", "Forwarded mail reply import.");

        var subjectArgument = new Argument<string>("subject") { Description = "The raw Subject header value (RFC 2047 encoded words allowed)." };
        var subjectTenant = new Option<string?>("--tenant")
        {
            Description = "Read the reference in this tenant's format (its mail settings in --db, default ./recruiting.db). Without --tenant and --db the default format is used and no database is opened.",
        };
        var parseSubject = new Command("parse-subject", "Reads the application reference at the start of a subject.") { subjectArgument };
        parseSubject.Options.Add(subjectTenant);
        parseSubject.Options.Add(cli.Db);
        parseSubject.SetAction((parse, ct) =>
        {
            var subject = parse.GetValue(subjectArgument);
            var tenantName = parse.GetValue(subjectTenant);
            if (tenantName is null && parse.GetValue(cli.Db) is null)
            {
                return cli.RunPureAsync(_ => Task.FromResult<object?>(SubjectJson(new SubjectParser().Parse(subject))), ct);
            }

            return cli.RunAsync(cli.DbPath(parse), async (services, token) =>
            {
                if (tenantName is not null && string.IsNullOrWhiteSpace(tenantName))
                {
                    throw new CliUsageException("--tenant cannot be empty.");
                }

                var tenant = new TenantId(tenantName ?? SampleHost.DemoTenant.Value);
                var settings = await services.GetRequiredService<ITenantMailSettingsStore>().GetAsync(tenant, token).ConfigureAwait(false)
                    ?? throw new CliUsageException($"Tenant '{tenant}' has no mail settings in this database.");
                var options = services.GetRequiredService<IOptions<MailImportOptions>>().Value.Subjects;
                if (settings.ReferenceFormat is { IsEmpty: false } format)
                {
                    options = options.WithTenantFormat(format);
                    if (options.Validate() is { Count: > 0 } problems)
                    {
                        throw new CliUsageException($"Tenant '{tenant}''s reference format cannot be used: {string.Join(" ", problems)}");
                    }
                }

                return SubjectJson(new SubjectParser(options).Parse(subject));
            }, ct);
        });
        mail.Subcommands.Add(parseSubject);

        var fileArgument = new Argument<string>("file") { Description = "The .eml file." };
        var import = new Command("import", "Imports a forwarded reply (.eml) into the application named in its subject.") { fileArgument };
        import.Options.Add(cli.Db);
        import.Options.Add(cli.Tenant);
        import.SetAction((parse, ct) =>
        {
            // The file is checked before the host starts, so a missing file is an invocation error (exit 2).
            string file;
            try
            {
                file = CliContext.RequireFile(parse.GetValue(fileArgument));
            }
            catch (CliUsageException ex)
            {
                return cli.RunPureAsync(_ => Task.FromException<object?>(ex), ct);
            }

            return cli.RunAsync(cli.DbPath(parse), async (services, token) =>
            {
                var tenant = cli.TenantOf(parse);
                var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using (stream.ConfigureAwait(false))
                {
                    var outcome = await services.GetRequiredService<IMailImporter>().ImportAsync(tenant, stream, token).ConfigureAwait(false);
                    return ToJson(outcome);
                }
            }, ct);
        });
        mail.Subcommands.Add(import);

        var htmlArgument = new Argument<string>("file") { Description = "The .html file." };
        var sanitize = new Command("sanitize", "Prints an HTML file sanitised exactly as an imported mail's HTML body is stored.") { htmlArgument };
        sanitize.SetAction((parse, ct) => cli.RunPureAsync(async token =>
        {
            var file = CliContext.RequireFile(parse.GetValue(htmlArgument));
            var html = await File.ReadAllTextAsync(file, Encoding.UTF8, token).ConfigureAwait(false);
            return new { html = new MailHtmlSanitizer().Sanitize(html) };
        }, ct));
        mail.Subcommands.Add(sanitize);

        var quarantine = new Command("quarantine", "Lists the tenant's quarantined mails.");
        quarantine.Options.Add(cli.Db);
        quarantine.Options.Add(cli.Tenant);
        quarantine.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var list = new List<object>();
            await foreach (var mail in services.GetRequiredService<IMailQuarantineStore>().ListAsync(cli.TenantOf(parse), null, token).ConfigureAwait(false))
            {
                list.Add(new
                {
                    id = mail.Id,
                    reason = mail.Request.Reason,
                    detail = mail.Request.Detail,
                    reference = mail.Request.Reference,
                    from = mail.Request.From,
                    subject = mail.Request.Subject,
                    receivedAt = mail.Request.ReceivedAt,
                    state = mail.State,
                    attempts = mail.Attempts,
                    historyEntryId = mail.HistoryEntry,
                });
            }

            return new { quarantined = list };
        }, ct));
        mail.Subcommands.Add(quarantine);

        var idArgument = new Argument<string>("id") { Description = "The quarantine record id." };
        var replay = new Command("replay", "Imports a quarantined mail again once its cause is fixed.") { idArgument };
        replay.Options.Add(cli.Db);
        replay.SetAction((parse, ct) => cli.RunAsync(cli.DbPath(parse), async (services, token) =>
        {
            var id = parse.GetValue(idArgument) ?? string.Empty;
            var outcome = await services.GetRequiredService<IMailImporter>().ReplayAsync(id, token).ConfigureAwait(false)
                ?? throw new CliUsageException($"No held quarantine record '{id}'.");
            return ToJson(outcome);
        }, ct));
        mail.Subcommands.Add(replay);

        root.Subcommands.Add(mail);
    }

    public async Task SeedDemoTenantAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = services.GetRequiredService<ITenantMailSettingsStore>();
        if (await store.GetAsync(tenant, cancellationToken).ConfigureAwait(false) is not null)
        {
            return; // Seeded before: keep what the user changed since (a reference format, senders).
        }

        await store.SaveAsync(new TenantMailSettings
        {
            Tenant = tenant,
            ImportAddresses = [DemoImportAddress],
            SenderVerification = SenderVerification.AllowList,
            AllowedSenders = ["demo.example"],
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>mail parse-subject</c> JSON shape of ARCHITECTURE.md.</summary>
    private static object SubjectJson(SubjectParseResult result) => new { reference = result.Reference?.Value, subject = result.Subject, reason = result.Reason };

    /// <summary>The <c>mail import</c> JSON shape of ARCHITECTURE.md.</summary>
    internal static object ToJson(ImportOutcome outcome) => new
    {
        status = outcome.Status,
        reason = outcome.Reason,
        reference = outcome.Reference?.Value,
        historyEntryId = outcome.HistoryEntryId?.Value,
        original = outcome.Original is { } o ? new { from = o.From, fromName = o.FromName, subject = o.Subject, date = o.Date } : null,
        attachments = outcome.Attachments.Select(a => new { fileName = a.FileName, kind = a.Kind }).ToList(),
    };
}
