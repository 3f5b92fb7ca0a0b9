using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Recruiting.MailImport.Attachments;
using Recruiting.MailImport.Sanitizing;
using Recruiting.MailImport.Senders;
using Recruiting.MailImport.Subjects;
using Recruiting.MailImport.Unwrapping;

namespace Recruiting.MailImport.Importing;

/// <summary>
/// The importer: spool and hash, pre-scan against the limits, parse (persistent, over the spooled file), resolve the tenant,
/// verify the sender, read the reference, find the application, unwrap the forward, then — ledger before effect — append the
/// history entry, file the attachments, notify the responsible users and raise <see cref="MailReplyImported"/>. Anything that
/// cannot be imported is kept in the quarantine store with its reason and raw bytes and raises <see cref="MailQuarantined"/>.
/// </summary>
internal sealed class MailImporter : IMailImporter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] RecipientHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc", "Resent-To"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly MailImportOptions _options;
    private readonly ITenantMailSettingsStore _settings;
    private readonly IMailQuarantineStore _quarantine;
    private readonly IIdempotencyLedger _ledger;
    private readonly IApplicationDirectory _directory;
    private readonly IApplicationHistory _history;
    private readonly INotifier _notifier;
    private readonly EventPublisher _events;
    private readonly SenderVerifier _senders;
    private readonly SubjectParser _subjects;
    private readonly ConcurrentDictionary<TenantId, TenantSubjectParser> _tenantSubjects = new();
    private readonly ForwardUnwrapper _unwrapper;
    private readonly MailHtmlSanitizer _sanitizer;
    private readonly AttachmentExtractor _attachments;
    private readonly MailImportTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<MailImporter> _logger;

    static MailImporter() => MailEncodings.EnsureRegistered();

    public MailImporter(
        IOptions<MailImportOptions> options,
        ITenantMailSettingsStore settings,
        IMailQuarantineStore quarantine,
        IIdempotencyLedger ledger,
        IApplicationDirectory directory,
        IApplicationHistory history,
        IUserDirectory users,
        INotifier notifier,
        EventPublisher events,
        IAttachmentClassifier classifier,
        MailImportTelemetry telemetry,
        TimeProvider time,
        ILogger<MailImporter> logger)
    {
        _options = options.Value;
        _settings = settings;
        _quarantine = quarantine;
        _ledger = ledger;
        _directory = directory;
        _history = history;
        _notifier = notifier;
        _events = events;
        _senders = new SenderVerifier(users, _options);
        _subjects = new SubjectParser(_options.Subjects);
        _unwrapper = new ForwardUnwrapper();
        _sanitizer = new MailHtmlSanitizer();
        _attachments = new AttachmentExtractor(classifier, new AttachmentExtractorOptions { MaxParts = _options.MaxParts, MaxAttachments = _options.MaxAttachments });
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
    }

    public Task<ImportOutcome> ImportAsync(TenantId tenant, Stream raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return RunAsync(new Target(tenant, null), raw, null, cancellationToken);
    }

    public Task<ImportOutcome> ImportAsync(string importAddress, Stream raw, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(importAddress);
        ArgumentNullException.ThrowIfNull(raw);
        return RunAsync(new Target(null, importAddress.Trim()), raw, null, cancellationToken);
    }

    public Task<ImportOutcome> ImportAsync(Stream raw, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return RunAsync(new Target(null, null), raw, null, cancellationToken);
    }

    public async Task<ImportOutcome?> ReplayAsync(string quarantineId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(quarantineId);
        var record = await _quarantine.GetAsync(quarantineId, cancellationToken).ConfigureAwait(false);
        if (record is not { State: QuarantineState.Held })
        {
            return null;
        }

        var raw = await _quarantine.OpenRawAsync(quarantineId, cancellationToken).ConfigureAwait(false);
        if (raw is null)
        {
            return null;
        }

        ImportOutcome outcome;
        await using (raw.ConfigureAwait(false))
        {
            // An oversize message's record points at the file that holds it whole. Only a pointer the importer wrote counts: the
            // record must be a tooLarge one whose SHA-256 (of the original message) the pointer and the file name repeat, so a
            // mail that merely starts with the pointer header cannot make a replay read some other file.
            if (record.Request.Reason == MailImportReason.TooLarge && OversizeMailFiles.ReadPointer(raw) is { } pointer
                && string.Equals(pointer.Sha256, record.Request.Sha256, StringComparison.Ordinal)
                && string.Equals(Path.GetFileName(pointer.Path), record.Request.Sha256 + ".eml", StringComparison.Ordinal))
            {
                if (!File.Exists(pointer.Path) || new FileInfo(pointer.Path).Length != pointer.Length)
                {
                    return new ImportOutcome
                    {
                        Status = ImportStatus.Quarantined,
                        Reason = record.Request.Reason,
                        Detail = $"The file {pointer.Path} that keeps this message is missing or incomplete.",
                        Tenant = record.Request.Tenant,
                        QuarantineId = quarantineId,
                    };
                }

                var file = new FileStream(pointer.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using (file.ConfigureAwait(false))
                {
                    outcome = await RunAsync(new Target(record.Request.Tenant, null), file, record, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                outcome = await RunAsync(new Target(record.Request.Tenant, null), raw, record, cancellationToken).ConfigureAwait(false);
            }
        }

        if (outcome.Status is ImportStatus.Imported or ImportStatus.Duplicate)
        {
            await _quarantine.ReleaseAsync(quarantineId, outcome.HistoryEntryId?.Value, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            MailImportLog.Released(_logger, quarantineId, outcome.Status);
            outcome = outcome with { QuarantineId = quarantineId };
        }

        return outcome;
    }

    private async Task<ImportOutcome> RunAsync(Target target, Stream raw, QuarantinedMail? replaying, CancellationToken cancellationToken)
    {
        using var activity = MailImportTelemetry.ActivitySource.StartActivity("mail.import");
        var receivedAt = replaying?.Request.ReceivedAt ?? _time.GetUtcNow();
        var spool = await MessageSpool.CreateAsync(raw, _options.SpoolDirectory, cancellationToken).ConfigureAwait(false);
        await using (spool.ConfigureAwait(false))
        {
            var context = new ImportContext(spool, receivedAt);
            var outcome = await ImportSpooledAsync(target, context, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("recruiting.mail.status", outcome.Status.ToString());
            activity?.SetTag(RecruitingTelemetry.TenantTag, outcome.Tenant?.Value);
            if (outcome.Reason is { } reason)
            {
                activity?.SetTag("recruiting.mail.reason", reason.ToWord());
            }

            return outcome;
        }
    }

    private async Task<ImportOutcome> ImportSpooledAsync(Target target, ImportContext context, CancellationToken cancellationToken)
    {
        var spool = context.Spool;
        var shaKey = KeyOf(target.Tenant, "sha256", spool.Sha256);

        // 1. Settings of the tenant that owns the address (when the address is known before parsing).
        TenantMailSettings? settings = null;
        if (target.Tenant is { } tenant)
        {
            settings = await _settings.GetAsync(tenant, cancellationToken).ConfigureAwait(false) ?? new TenantMailSettings { Tenant = tenant };
        }
        else if (target.Address is { } address)
        {
            settings = await _settings.FindByImportAddressAsync(address, cancellationToken).ConfigureAwait(false);
            if (settings is null)
            {
                return await QuarantineAsync(context, null, shaKey, MailImportReason.UnknownRecipient, $"No tenant owns the import address {address}.", null, null, cancellationToken).ConfigureAwait(false);
            }
        }

        // 2. Size and structure limits, before anything is parsed.
        if (spool.Length > _options.MaxMessageBytes)
        {
            // Kept whole as a file, not as a database row (see OversizeMailFiles); the record points at it.
            var (file, pointer, notKept) = await OversizeMailFiles.KeepAsync(spool, _options, cancellationToken).ConfigureAwait(false);
            using var pointerStream = new MemoryStream(pointer, writable: false);
            return await QuarantineAsync(context, settings?.Tenant, KeyOf(settings?.Tenant, "sha256", spool.Sha256), MailImportReason.TooLarge, $"The message has {spool.Length} bytes; the limit is {_options.MaxMessageBytes}. {notKept ?? $"It is kept whole in {file}."}", null, null, cancellationToken, raw: pointerStream).ConfigureAwait(false);
        }

        var scan = new MimePreScanner(_options).Scan(spool.Rewind(), cancellationToken);
        if (scan.Reason is { } scanReason)
        {
            return await QuarantineAsync(context, settings?.Tenant, KeyOf(settings?.Tenant, "sha256", spool.Sha256), scanReason, scan.Detail, null, null, cancellationToken).ConfigureAwait(false);
        }

        // 3. Full parse, persistent: part contents stay in the spooled file and are streamed from it.
        MimeMessage message;
        try
        {
            var parserOptions = ParserOptions.Default.Clone();
            parserOptions.MaxMimeDepth = Math.Max(_options.MaxDepth + 2, 4);
            var parser = new MimeParser(parserOptions, spool.Rewind(), persistent: true);
            message = await parser.ParseMessageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            return await QuarantineAsync(context, settings?.Tenant, KeyOf(settings?.Tenant, "sha256", spool.Sha256), MailImportReason.UnreadableMime, "Not a MIME message: " + ex.Message, null, null, cancellationToken).ConfigureAwait(false);
        }

        using (message)
        {
            return await ImportMessageAsync(target, settings, context, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ImportOutcome> ImportMessageAsync(Target target, TenantMailSettings? settings, ImportContext context, MimeMessage message, CancellationToken cancellationToken)
    {
        var from = message.From.Mailboxes.FirstOrDefault()?.Address;
        var subjectText = message.Subject;

        // 4. The candidate's original message (pure), which also gives the duplicate key; a quarantined outcome shows it too.
        var unwrapped = _unwrapper.Unwrap(message);
        var original = unwrapped.Original is { } o ? new ImportedOriginal(o.From, o.FromName, o.Subject, o.Date) : null;

        // 5. Tenant from the recipients when a webhook handed over the bare message.
        if (settings is null)
        {
            settings = await FindTenantByRecipientsAsync(message, cancellationToken).ConfigureAwait(false);
            if (settings is null)
            {
                return await QuarantineAsync(context, null, KeyOf(null, "sha256", context.Spool.Sha256), MailImportReason.UnknownRecipient, "None of the recipients is a known import address.", from, subjectText, cancellationToken, original: original).ConfigureAwait(false);
            }
        }

        var tenant = settings.Tenant;
        var key = DuplicateKey(tenant, unwrapped, message, context.Spool.Sha256);

        // 6. Who forwarded it.
        var subjects = SubjectParserFor(settings);
        var verdict = await _senders.VerifyAsync(settings, message, cancellationToken).ConfigureAwait(false);
        if (!verdict.Trusted)
        {
            // The reference is only read, never resolved, for an untrusted sender: nothing about the application is revealed.
            var claimed = subjects.Parser?.Parse(RawSubject(message)).Reference;
            return await QuarantineAsync(context, tenant, key, MailImportReason.SenderNotAllowed, verdict.Detail, from, subjectText, cancellationToken, claimed, original).ConfigureAwait(false);
        }

        // 7. The reference at the start of the subject, in the tenant's own format when it has one.
        if (subjects.Parser is null)
        {
            return await QuarantineAsync(context, tenant, key, MailImportReason.MalformedReference, "The tenant's reference format cannot be used: " + subjects.Problem, from, subjectText, cancellationToken, original: original).ConfigureAwait(false);
        }

        var parsed = subjects.Parser.Parse(RawSubject(message));
        if (!parsed.Success || parsed.Reference is not { } reference)
        {
            var reason = parsed.Reason == SubjectParseFailure.NoReference ? MailImportReason.NoReference : MailImportReason.MalformedReference;
            var detail = parsed.Reason switch
            {
                SubjectParseFailure.Ambiguous => "The subject starts with two different references.",
                SubjectParseFailure.MalformedReference => "The subject starts with something that breaks the tenant's reference format.",
                _ => "The subject does not start with an application reference.",
            };
            return await QuarantineAsync(context, tenant, key, reason, detail, from, subjectText, cancellationToken, original: original).ConfigureAwait(false);
        }

        // 8. The application, in this tenant only; a reference of another configured tenant is reported as such.
        var application = await _directory.FindByReferenceAsync(tenant, reference, cancellationToken).ConfigureAwait(false);
        if (application is null || application.Tenant != tenant)
        {
            var owner = await FindOtherTenantAsync(tenant, reference, cancellationToken).ConfigureAwait(false);
            return owner is null
                ? await QuarantineAsync(context, tenant, key, MailImportReason.UnknownReference, $"Tenant {tenant} has no application {reference}.", from, subjectText, cancellationToken, reference, original).ConfigureAwait(false)
                : await QuarantineAsync(context, tenant, key, MailImportReason.OtherTenant, $"Application {reference} belongs to another tenant, not to {tenant}.", from, subjectText, cancellationToken, reference, original).ConfigureAwait(false);
        }

        return await ApplyAsync(tenant, application, reference, parsed, unwrapped, original, message, key, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ImportOutcome> ApplyAsync(TenantId tenant, ApplicationInfo application, ApplicationReference reference, SubjectParseResult parsed, UnwrapResult unwrapped, ImportedOriginal? original, MimeMessage message, IdempotencyKey key, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(new LedgerPayload(application.Id.Value, reference.Value, null, [], []), Json);
        var before = _time.GetUtcNow();
        var ledgerEntry = await _ledger.BeginAsync(tenant, key, MailImportConstants.LedgerOperation, payload, cancellationToken).ConfigureAwait(false);
        if (ledgerEntry.State == LedgerState.Done)
        {
            var first = ledgerEntry.Result is { } result ? JsonSerializer.Deserialize<LedgerPayload>(result, Json) : null;
            MailImportLog.Duplicate(_logger, key.Value, tenant.Value, first?.HistoryEntry);
            _telemetry.Duplicates.Add(1, RecruitingTelemetry.Tenant(tenant));
            return new ImportOutcome
            {
                Status = ImportStatus.Duplicate,
                Tenant = tenant,
                Reference = first?.Reference is { } r ? new ApplicationReference(r) : reference,
                Application = first?.Application is { } a ? new ApplicationId(a) : application.Id,
                HistoryEntryId = first?.HistoryEntry is { } h ? new HistoryEntryId(h) : null,
                Original = original,
                Attachments = first?.Attachments.Select(x => new ImportedAttachment(x.FileName, x.Kind)).ToList() ?? [],
                Documents = first?.Documents.Select(d => new DocumentId(d)).ToList() ?? [],
                Key = key,
            };
        }

        if (ledgerEntry.CreatedAt < before)
        {
            MailImportLog.ResumingPending(_logger, key.Value, tenant.Value);
        }

        // The history entry: the original's text, its sanitised HTML and headers; the recruiter's note kept apart.
        var entry = BuildEntry(parsed, unwrapped, message, reference);
        var historyId = await _history.AppendAsync(tenant, application.Id, entry, key, cancellationToken).ConfigureAwait(false);

        var filed = new List<ImportedAttachment>();
        var documents = new List<DocumentId>();
        var extraction = _attachments.Extract(message);
        for (var index = 0; index < extraction.Attachments.Count; index++)
        {
            var attachment = extraction.Attachments[index];
            var documentKey = IdempotencyKey.Create(MailImportConstants.KeyScope, key.Value, "doc", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            documents.Add(await _history.AddDocumentAsync(tenant, application.Id, attachment.ToDocumentUpload(), documentKey, cancellationToken).ConfigureAwait(false));
            filed.Add(new ImportedAttachment(attachment.FileName, attachment.Kind));
        }

        foreach (var problem in extraction.Problems)
        {
            MailImportLog.AttachmentProblem(_logger, key.Value, problem.Kind.ToString(), problem.Detail);
        }

        if (_options.NotifyResponsibleUsers && application.ResponsibleUsers.Count > 0)
        {
            await _notifier.NotifyAsync(new Notification
            {
                Tenant = tenant,
                Kind = NotificationKind.MailReplyImported,
                Users = application.ResponsibleUsers,
                Subject = $"Reply imported to application {reference}",
                Body = NotificationBody(reference, entry, filed),
                Application = application.Id,
                Key = IdempotencyKey.Create(MailImportConstants.KeyScope, key.Value, "notify"),
            }, cancellationToken).ConfigureAwait(false);
        }

        await _events.PublishAsync(new MailReplyImported(tenant, _time.GetUtcNow(), application.Id, historyId, reference, documents), cancellationToken).ConfigureAwait(false);

        var done = new LedgerPayload(application.Id.Value, reference.Value, historyId.Value, filed.Select(f => new LedgerAttachment(f.FileName, f.Kind)).ToList(), documents.Select(d => d.Value).ToList());
        await _ledger.CompleteAsync(tenant, key, JsonSerializer.Serialize(done, Json), cancellationToken).ConfigureAwait(false);

        _telemetry.Imported.Add(1, RecruitingTelemetry.Tenant(tenant));
        _telemetry.Documents.Add(documents.Count, RecruitingTelemetry.Tenant(tenant));
        MailImportLog.Imported(_logger, key.Value, tenant.Value, application.Id.Value, historyId.Value, documents.Count);
        return new ImportOutcome
        {
            Status = ImportStatus.Imported,
            Tenant = tenant,
            Reference = reference,
            Application = application.Id,
            HistoryEntryId = historyId,
            Original = original,
            Attachments = filed,
            Documents = documents,
            Key = key,
        };
    }

    private HistoryEntry BuildEntry(SubjectParseResult parsed, UnwrapResult unwrapped, MimeMessage message, ApplicationReference reference)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reference"] = reference.Value,
            ["forwardedBy"] = message.From.ToString(),
            ["unwrapped"] = unwrapped.Original is null ? "false" : "true",
            ["unwrapMethod"] = unwrapped.Method.ToString(),
        };

        if (unwrapped.RecruiterNote is { Length: > 0 } note)
        {
            properties["recruiterNote"] = note;
        }

        string? text;
        string? html;
        DateTimeOffset occurredAt;
        string title;
        if (unwrapped.Original is { } original)
        {
            foreach (var (name, value) in original.Headers)
            {
                properties["header." + name] = value;
            }

            if (original.Date is null && original.DateText is { Length: > 0 } unreadDate)
            {
                // The client's date could not be read: the entry is dated by the forward, and the text is kept and marked.
                properties["originalDateUnparsed"] = unreadDate;
            }

            text = original.TextBody;
            html = original.HtmlBody;
            occurredAt = original.Date ?? Date(message);
            title = original.Subject ?? parsed.Subject ?? string.Empty;
        }
        else
        {
            // Nothing could be unwrapped: the forward is filed as it is, marked so (properties["unwrapped"] = "false").
            properties["header.From"] = message.From.ToString();
            properties["header.To"] = message.To.ToString();
            properties["header.Subject"] = message.Subject ?? string.Empty;
            properties["header.Date"] = message.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            if (message.MessageId is { } id)
            {
                properties["header.Message-ID"] = id;
            }

            text = message.TextBody;
            html = message.HtmlBody;
            occurredAt = Date(message);
            title = parsed.Subject ?? string.Empty;
        }

        return new HistoryEntry
        {
            Kind = HistoryEntryKind.EmailReceived,
            Title = title.Length == 0 ? $"E-mail ({reference})" : title,
            TextBody = text,
            HtmlBody = html is null ? null : _sanitizer.Sanitize(html),
            OccurredAt = occurredAt,
            Properties = properties,
        };
    }

    private DateTimeOffset Date(MimeMessage message) => message.Headers.Contains(HeaderId.Date) ? message.Date : _time.GetUtcNow();

    private static string NotificationBody(ApplicationReference reference, HistoryEntry entry, List<ImportedAttachment> files)
    {
        var body = new StringBuilder();
        body.Append("A forwarded e-mail reply was filed in application ").Append(reference.Value).Append(".\n");
        body.Append("Subject: ").Append(entry.Title).Append('\n');
        if (entry.Properties.TryGetValue("header.From", out var from))
        {
            body.Append("From: ").Append(from).Append('\n');
        }

        if (files.Count > 0)
        {
            body.Append("Files: ").Append(string.Join(", ", files.Select(f => f.FileName))).Append('\n');
        }

        return body.ToString();
    }

    private async Task<TenantMailSettings?> FindTenantByRecipientsAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        foreach (var id in RecipientHeaders)
        {
            foreach (var header in message.Headers.Where(h => string.Equals(h.Field, id, StringComparison.OrdinalIgnoreCase)))
            {
                if (!InternetAddressList.TryParse(header.Value, out var list))
                {
                    continue;
                }

                foreach (var mailbox in list.Mailboxes)
                {
                    if (await _settings.FindByImportAddressAsync(mailbox.Address, cancellationToken).ConfigureAwait(false) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    private async Task<TenantId?> FindOtherTenantAsync(TenantId tenant, ApplicationReference reference, CancellationToken cancellationToken)
    {
        await foreach (var other in _settings.ListTenantsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (other != tenant && await _directory.FindByReferenceAsync(other, reference, cancellationToken).ConfigureAwait(false) is { } found && found.Tenant == other)
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>
    /// The subject parser for a tenant: the importer-wide one, or one built from the tenant's reference format over the
    /// importer-wide options, cached until the tenant's format changes (settings are read on every import).
    /// </summary>
    private TenantSubjectParser SubjectParserFor(TenantMailSettings settings)
    {
        if (settings.ReferenceFormat is not { IsEmpty: false } format)
        {
            _tenantSubjects.TryRemove(settings.Tenant, out _);
            return new TenantSubjectParser(null, _subjects, null);
        }

        if (_tenantSubjects.TryGetValue(settings.Tenant, out var cached) && cached.Format == format)
        {
            return cached;
        }

        var options = _options.Subjects.WithTenantFormat(format);
        var problems = options.Validate();
        var built = problems.Count == 0
            ? new TenantSubjectParser(format, new SubjectParser(options), null)
            : new TenantSubjectParser(format, null, string.Join(" ", problems));
        _tenantSubjects[settings.Tenant] = built;
        return built;
    }

    private static string? RawSubject(MimeMessage message)
    {
        var header = message.Headers.FirstOrDefault(h => h.Id == HeaderId.Subject);
        if (header is null)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(header.RawValue);
        }
        catch (DecoderFallbackException)
        {
            // Raw 8-bit in another charset: MimeKit's decoding (with its charset fallback) is the better reading.
            return header.Value;
        }
    }

    private static IdempotencyKey DuplicateKey(TenantId tenant, UnwrapResult unwrapped, MimeMessage message, string sha256)
    {
        if (unwrapped.Original?.MessageId is { Length: > 0 } original)
        {
            return KeyOf(tenant, "mid", original);
        }

        if (message.MessageId is { Length: > 0 } forward)
        {
            return KeyOf(tenant, "fwd", forward);
        }

        return KeyOf(tenant, "sha256", sha256);
    }

    private static IdempotencyKey KeyOf(TenantId? tenant, string kind, string value)
        => IdempotencyKey.Create(MailImportConstants.KeyScope, tenant?.Value ?? string.Empty, kind, value);

    private async Task<ImportOutcome> QuarantineAsync(ImportContext context, TenantId? tenant, IdempotencyKey key, MailImportReason reason, string? detail, string? from, string? subject, CancellationToken cancellationToken, ApplicationReference? reference = null, ImportedOriginal? original = null, Stream? raw = null)
    {
        var request = new QuarantineRequest
        {
            Tenant = tenant,
            MessageKey = key.Value,
            Reason = reason,
            Detail = detail,
            Reference = reference?.Value,
            From = from,
            Subject = subject is { Length: > 1000 } ? subject[..1000] : subject,
            Sha256 = context.Spool.Sha256,
            ReceivedAt = context.ReceivedAt,
        };
        var added = await _quarantine.AddAsync(request, raw ?? context.Spool.Rewind(), cancellationToken).ConfigureAwait(false);
        if (added.Created)
        {
            _telemetry.Quarantined.Add(1, RecruitingTelemetry.Tenant(tenant ?? new TenantId("-")), new KeyValuePair<string, object?>("reason", reason.ToWord()));
            if (tenant is { } t)
            {
                await _events.PublishAsync(new MailQuarantined(t, _time.GetUtcNow(), added.Mail.Id, reason.ToWord(), detail), cancellationToken).ConfigureAwait(false);
            }
        }

        MailImportLog.Quarantined(_logger, key.Value, tenant?.Value, added.Mail.Id, reason.ToWord(), detail);
        return new ImportOutcome
        {
            Status = ImportStatus.Quarantined,
            Reason = reason,
            Detail = detail,
            Tenant = tenant,
            Reference = reference,
            Original = original,
            QuarantineId = added.Mail.Id,
            Key = key,
        };
    }

    private sealed record Target(TenantId? Tenant, string? Address);

    private sealed record ImportContext(MessageSpool Spool, DateTimeOffset ReceivedAt);

    private sealed record LedgerAttachment(string FileName, DocumentKind Kind);

    private sealed record LedgerPayload(string Application, string Reference, string? HistoryEntry, List<LedgerAttachment> Attachments, List<string> Documents);

    private sealed record TenantSubjectParser(TenantReferenceFormat? Format, SubjectParser? Parser, string? Problem);
}
