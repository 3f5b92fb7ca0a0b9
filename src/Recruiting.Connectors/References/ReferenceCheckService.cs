using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recruiting.References;

/// <summary>
/// The reference-check workflow. Requests follow the ledger-before-effect rule: the key is recorded as pending,
/// the provider is called with it (the provider deduplicates), the check is stored, the key is marked done.
/// Statuses (callbacks and polls) are applied only when newer, so duplicates and out-of-order deliveries change
/// nothing; a completed check's report is filed once as a document of the application.
/// </summary>
internal sealed partial class ReferenceCheckService : IReferenceCheckService
{
    internal const string CreateOperation = "references.create";
    internal const string AssignOperation = "references.assign";
    internal const string ReportOperation = "references.report";
    internal static readonly ActivitySource ActivitySource = new(RecruitingTelemetry.Connectors);

    private readonly IReferenceCheckProvider _provider;
    private readonly IReferenceCheckStore _checks;
    private readonly IReferenceProviderSettingsStore _settings;
    private readonly ISecretStore _secrets;
    private readonly IIdempotencyLedger _ledger;
    private readonly IApplicationDirectory _directory;
    private readonly IApplicationHistory _history;
    private readonly IRecruitingCommands _commands;
    private readonly EventPublisher _events;
    private readonly ReferenceCheckOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReferenceCheckService> _logger;
    private readonly Counter<long> _requested;
    private readonly Counter<long> _callbacks;
    private readonly Counter<long> _reports;
    private readonly Counter<long> _failures;

    public ReferenceCheckService(
        IReferenceCheckProvider provider,
        IReferenceCheckStore checks,
        IReferenceProviderSettingsStore settings,
        ISecretStore secrets,
        IIdempotencyLedger ledger,
        IApplicationDirectory directory,
        IApplicationHistory history,
        IRecruitingCommands commands,
        EventPublisher events,
        IOptions<ReferenceCheckOptions> options,
        IMeterFactory meterFactory,
        TimeProvider time,
        ILogger<ReferenceCheckService> logger)
    {
        _provider = provider;
        _checks = checks;
        _settings = settings;
        _secrets = secrets;
        _ledger = ledger;
        _directory = directory;
        _history = history;
        _commands = commands;
        _events = events;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var meter = RecruitingTelemetry.CreateMeter(meterFactory, RecruitingTelemetry.Connectors);
        _requested = meter.CreateCounter<long>("recruiting.references.requested", description: "Reference checks created at the provider.");
        _callbacks = meter.CreateCounter<long>("recruiting.references.callbacks", description: "Status callbacks received, tagged by outcome.");
        _reports = meter.CreateCounter<long>("recruiting.references.reports_filed", description: "Finished reports filed as documents.");
        _failures = meter.CreateCounter<long>("recruiting.references.failures", description: "Provider calls that failed after retries.");
    }

    public async ValueTask ConfigureTenantAsync(ReferenceProviderSettings settings, string apiKey, string webhookSecret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookSecret);
        if (!settings.BaseAddress.IsAbsoluteUri || settings.BaseAddress.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException("The provider base address must be an absolute http(s) URL.", nameof(settings));
        }

        await _secrets.SetAsync(settings.Tenant, ReferenceProviderSettings.ApiKeySecretName, apiKey, cancellationToken).ConfigureAwait(false);
        await _secrets.SetAsync(settings.Tenant, ReferenceProviderSettings.WebhookSecretName, webhookSecret, cancellationToken).ConfigureAwait(false);
        await _settings.SaveAsync(settings, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ReferenceRequestResult> RequestAsync(TenantId tenant, ReferenceCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ActivitySource.StartActivity("references.request");
        activity?.SetTag(RecruitingTelemetry.TenantTag, tenant.Value);

        if (request.Candidates is null || request.Candidates.Count == 0 || request.Candidates.Count > _options.MaxCandidatesPerRequest)
        {
            return ReferenceRequestResult.Refused(ReferenceRequestProblem.InvalidCandidates, $"A request holds 1 to {_options.MaxCandidatesPerRequest} candidates.");
        }

        var settings = await _settings.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (settings is null)
        {
            return ReferenceRequestResult.Refused(ReferenceRequestProblem.NotConfigured, $"Tenant '{tenant}' has no reference provider configured.");
        }

        JobId job;
        if (request.Job is { } selected)
        {
            job = selected;
        }
        else if (settings.ReferenceAssignment is { } assignment)
        {
            job = assignment;
        }
        else
        {
            return ReferenceRequestResult.Refused(ReferenceRequestProblem.NoReferenceAssignment, "Candidates without an assignment need the tenant's reference assignment, and none is configured.");
        }

        var choice = await ValidateChoicesAsync(tenant, settings, request, cancellationToken).ConfigureAwait(false);
        if (choice.Problem is { } problem)
        {
            return ReferenceRequestResult.Refused(problem, choice.Detail!);
        }

        var items = new List<ReferenceRequestItem>(request.Candidates.Count);
        foreach (var candidate in request.Candidates.Distinct())
        {
            items.Add(await RequestOneAsync(tenant, settings, request, choice.SubAccount!, job, candidate, cancellationToken).ConfigureAwait(false));
        }

        return new ReferenceRequestResult(null, null, items);
    }

    public async ValueTask<IReadOnlyList<ReferenceCheckView>> ListAsync(TenantId tenant, JobId? job = null, CancellationToken cancellationToken = default)
    {
        var views = new List<ReferenceCheckView>();
        await foreach (var record in _checks.ListAsync(tenant, job, cancellationToken).ConfigureAwait(false))
        {
            views.Add(ToView(record));
        }

        return views;
    }

    public async ValueTask<ReferenceCallbackResult> HandleCallbackAsync(TenantId tenant, ReferenceCallbackRequest callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        using var activity = ActivitySource.StartActivity("references.callback");
        activity?.SetTag(RecruitingTelemetry.TenantTag, tenant.Value);

        var read = await _provider.ReadCallbackAsync(tenant, callback, cancellationToken).ConfigureAwait(false);
        if (read.Status is not { } status)
        {
            var refusal = read.Refusal ?? CallbackRefusal.MalformedPayload;
            LogCallbackRefused(_logger, tenant.Value, refusal, null);
            Count(_callbacks, tenant, "refused");
            return new ReferenceCallbackResult(ReferenceStatusOutcome.Refused, refusal, null, null);
        }

        var record = await FindAsync(tenant, status, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            LogCallbackRefused(_logger, tenant.Value, CallbackRefusal.UnknownCheck, status.CheckId);
            Count(_callbacks, tenant, "refused");
            return new ReferenceCallbackResult(ReferenceStatusOutcome.Refused, CallbackRefusal.UnknownCheck, null, null);
        }

        var (outcome, current) = await ApplyAsync(record, status, cancellationToken).ConfigureAwait(false);
        Count(_callbacks, tenant, outcome == ReferenceStatusOutcome.Applied ? "applied" : outcome == ReferenceStatusOutcome.Duplicate ? "duplicate" : "stale");
        return new ReferenceCallbackResult(outcome, null, current.CheckId, current.State);
    }

    public async ValueTask<ReferencePollResult> PollAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        using var activity = ActivitySource.StartActivity("references.poll");
        activity?.SetTag(RecruitingTelemetry.TenantTag, tenant.Value);

        var open = new List<ReferenceCheckRecord>();
        await foreach (var record in _checks.ListOpenAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            open.Add(record);
        }

        int changed = 0, filed = 0, failed = 0;
        foreach (var record in open)
        {
            try
            {
                var current = record;
                if (IsRunning(record.State))
                {
                    var status = await _provider.GetStatusAsync(tenant, record.ProviderCheckId, cancellationToken).ConfigureAwait(false);
                    if (status is null)
                    {
                        LogUnknownAtProvider(_logger, tenant.Value, record.CheckId);
                        failed++;
                        continue;
                    }

                    var (outcome, updated) = await ApplyAsync(record, status, cancellationToken).ConfigureAwait(false);
                    changed += outcome == ReferenceStatusOutcome.Applied ? 1 : 0;
                    current = updated;
                    filed += updated.ReportDocument is not null && record.ReportDocument is null ? 1 : 0;
                }
                else if (await FileReportAsync(record, cancellationToken).ConfigureAwait(false) is not null)
                {
                    filed++;
                }

                if (current.State == ReferenceCheckState.Completed && (await _checks.GetAsync(tenant, current.CheckId, cancellationToken).ConfigureAwait(false))?.ReportDocument is null)
                {
                    failed++;
                }
            }
            catch (ReferenceProviderException ex)
            {
                LogProviderFailed(_logger, ex, tenant.Value, record.CheckId, ex.Code);
                Count(_failures, tenant, ex.Code);
                failed++;
            }
        }

        return new ReferencePollResult(open.Count, changed, filed, failed);
    }

    private async ValueTask<ReferenceCheckRecord?> FindAsync(TenantId tenant, ProviderCheckStatus status, CancellationToken cancellationToken)
    {
        var record = await _checks.GetAsync(tenant, status.CheckId, cancellationToken).ConfigureAwait(false);

        // A callback must name both ids of a check we created for this tenant; anything else is unknown or forged.
        return record is not null && record.Provider == _provider.Name && record.ProviderCheckId == status.ProviderCheckId ? record : null;
    }

    private async ValueTask<(ReferenceStatusOutcome Outcome, ReferenceCheckRecord Current)> ApplyAsync(ReferenceCheckRecord record, ProviderCheckStatus status, CancellationToken cancellationToken)
    {
        var merged = Merge(record, status);
        var updated = await _checks.ApplyStatusAsync(record.Tenant, record.CheckId, merged, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        ReferenceStatusOutcome outcome;
        ReferenceCheckRecord current;
        if (updated is null)
        {
            outcome = status.Sequence == record.Sequence && status.UpdatedAt == record.ProviderUpdatedAt ? ReferenceStatusOutcome.Duplicate : ReferenceStatusOutcome.Stale;
            current = await _checks.GetAsync(record.Tenant, record.CheckId, cancellationToken).ConfigureAwait(false) ?? record;
            LogStatusIgnored(_logger, record.Tenant.Value, record.CheckId, status.Sequence, current.Sequence, outcome);
        }
        else
        {
            outcome = ReferenceStatusOutcome.Applied;
            current = updated;
            if (updated.State != record.State || updated.Answered != record.Answered || updated.Requested != record.Requested)
            {
                await PublishAsync(updated, cancellationToken).ConfigureAwait(false);
            }
        }

        if (current.State == ReferenceCheckState.Completed && current.ReportDocument is null)
        {
            try
            {
                if (await FileReportAsync(current, cancellationToken).ConfigureAwait(false) is { } document)
                {
                    current = current with { ReportDocument = document };
                }
            }
            catch (ReferenceProviderException ex)
            {
                // The status is applied; the report is filed by the next poll or callback.
                LogProviderFailed(_logger, ex, record.Tenant.Value, record.CheckId, ex.Code);
                Count(_failures, record.Tenant, ex.Code);
            }
        }

        return (outcome, current);
    }

    /// <summary>A status never moves a check backwards: a finished check stays finished and answers only grow.</summary>
    internal static ProviderCheckStatus Merge(ReferenceCheckRecord record, ProviderCheckStatus status)
    {
        var state = IsRunning(record.State) ? (Rank(status.State) >= Rank(record.State) ? status.State : record.State) : record.State;
        return status with
        {
            State = state,
            Answered = Math.Max(record.Answered, status.Answered),
            Requested = status.Requested > 0 ? status.Requested : record.Requested,
            CandidateUrl = status.CandidateUrl ?? record.CandidateUrl,
        };
    }

    private static int Rank(ReferenceCheckState state) => state switch
    {
        ReferenceCheckState.Requested => 0,
        ReferenceCheckState.RefereesNamed => 1,
        ReferenceCheckState.InProgress => 2,
        _ => 3,
    };

    private static bool IsRunning(ReferenceCheckState state) => Rank(state) < 3;

    private async ValueTask<DocumentId?> FileReportAsync(ReferenceCheckRecord record, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey.Create("references.report", record.CheckId);
        var entry = await _ledger.BeginAsync(record.Tenant, key, ReportOperation, record.CheckId, cancellationToken).ConfigureAwait(false);
        DocumentId document;
        if (entry.State == LedgerState.Done && entry.Result is { Length: > 0 } done)
        {
            document = new DocumentId(done);
        }
        else
        {
            var report = await _provider.GetReportAsync(record.Tenant, record.ProviderCheckId, cancellationToken).ConfigureAwait(false);
            await using (report.Content.ConfigureAwait(false))
            {
                var opened = false;
                var upload = new DocumentUpload
                {
                    FileName = report.FileName,
                    ContentType = report.ContentType,
                    Kind = DocumentKind.ReferenceReport,
                    Length = report.Length,
                    Origin = ActionOrigin.FromRule("references"),
                    OpenRead = _ =>
                    {
                        if (opened)
                        {
                            throw new InvalidOperationException("The report content can be read once.");
                        }

                        opened = true;
                        return ValueTask.FromResult<Stream>(new NonClosingStream(report.Content));
                    },
                };
                document = await _history.AddDocumentAsync(record.Tenant, record.Application, upload, key, cancellationToken).ConfigureAwait(false);
            }

            await _ledger.CompleteAsync(record.Tenant, key, document.Value, cancellationToken).ConfigureAwait(false);
        }

        if (await _checks.MarkReportFiledAsync(record.Tenant, record.CheckId, document, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            Count(_reports, record.Tenant, "filed");
            LogReportFiled(_logger, record.Tenant.Value, record.CheckId, document.Value);
            return document;
        }

        return null;
    }

    private async ValueTask<(ReferenceRequestProblem? Problem, string? Detail, string? SubAccount)> ValidateChoicesAsync(TenantId tenant, ReferenceProviderSettings settings, ReferenceCheckRequest request, CancellationToken cancellationToken)
    {
        var subAccountId = request.SubAccount ?? settings.DefaultSubAccount;
        if (string.IsNullOrWhiteSpace(subAccountId))
        {
            return (ReferenceRequestProblem.UnknownSubAccount, "No sub-account was chosen and the tenant has no default.", null);
        }

        if (request.ReferenceCount < 1 || request.ReferenceCount > _options.MaxReferences)
        {
            return (ReferenceRequestProblem.InvalidReferenceCount, $"The reference count must be 1 to {_options.MaxReferences}; it was {request.ReferenceCount}.", null);
        }

        try
        {
            var subAccount = (await _provider.ListSubAccountsAsync(tenant, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Id == subAccountId);
            if (subAccount is null)
            {
                return (ReferenceRequestProblem.UnknownSubAccount, $"Sub-account '{subAccountId}' is not one of the tenant's.", null);
            }

            if (request.ReferenceCount > subAccount.MaxReferences)
            {
                return (ReferenceRequestProblem.InvalidReferenceCount, $"Sub-account '{subAccount.Name}' allows at most {subAccount.MaxReferences} references; {request.ReferenceCount} were asked for.", null);
            }

            var languages = await _provider.ListLanguagesAsync(tenant, subAccount.Id, cancellationToken).ConfigureAwait(false);
            if (!languages.Any(l => string.Equals(l.Code, request.Language, StringComparison.OrdinalIgnoreCase)))
            {
                return (ReferenceRequestProblem.UnknownLanguage, $"Sub-account '{subAccount.Name}' has no templates in '{request.Language}'.", null);
            }

            var templates = await _provider.ListTemplatesAsync(tenant, subAccount.Id, request.Language, cancellationToken).ConfigureAwait(false);
            if (!templates.Any(t => t.Id == request.TemplateId && string.Equals(t.Language, request.Language, StringComparison.OrdinalIgnoreCase)))
            {
                return (ReferenceRequestProblem.TemplateNotInLanguage, $"Template '{request.TemplateId}' is not a '{request.Language}' template of sub-account '{subAccount.Name}'.", null);
            }

            return (null, null, subAccount.Id);
        }
        catch (ReferenceProviderException ex) when (ex.Problem is ReferenceProviderProblem.NotConfigured)
        {
            return (ReferenceRequestProblem.NotConfigured, ex.Message, null);
        }
        catch (ReferenceProviderException ex)
        {
            LogProviderFailed(_logger, ex, tenant.Value, null, ex.Code);
            Count(_failures, tenant, ex.Code);
            return (ReferenceRequestProblem.ProviderUnavailable, ex.Message, null);
        }
    }

    private async ValueTask<ReferenceRequestItem> RequestOneAsync(TenantId tenant, ReferenceProviderSettings settings, ReferenceCheckRequest request, string subAccount, JobId job, CandidateId candidateId, CancellationToken cancellationToken)
    {
        var candidate = await _directory.GetCandidateAsync(tenant, candidateId, cancellationToken).ConfigureAwait(false);
        if (candidate is null)
        {
            return new(candidateId, ReferenceRequestOutcome.UnknownCandidate, null, null, $"Candidate '{candidateId}' is unknown in tenant '{tenant}'.");
        }

        var email = candidate.Profile.Emails.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
        var phone = candidate.Profile.Phones.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p));
        if (request.CandidateContact is ContactChannel.Sms or ContactChannel.Both && phone is null)
        {
            return new(candidateId, ReferenceRequestOutcome.CandidateHasNoPhone, null, null, "SMS was chosen but the candidate has no phone number.");
        }

        if (request.CandidateContact is ContactChannel.Email or ContactChannel.Both && email is null)
        {
            return new(candidateId, ReferenceRequestOutcome.CandidateHasNoEmail, null, null, "E-mail was chosen but the candidate has no e-mail address.");
        }

        ApplicationId application;
        if (request.Job is { } selected)
        {
            ApplicationInfo? found = null;
            await foreach (var a in _directory.ListApplicationsAsync(tenant, selected, cancellationToken).ConfigureAwait(false))
            {
                if (a.Candidate == candidateId)
                {
                    found = a;
                    break;
                }
            }

            if (found is null)
            {
                return new(candidateId, ReferenceRequestOutcome.NotInAssignment, null, null, $"Candidate '{candidateId}' has no application in assignment '{selected}'.");
            }

            application = found.Id;
        }
        else
        {
            // Unsolicited: place the candidate in the tenant's reference assignment first (ledger before effect).
            var assignKey = IdempotencyKey.Create("references.assign", candidateId.Value, job.Value);
            var entry = await _ledger.BeginAsync(tenant, assignKey, AssignOperation, null, cancellationToken).ConfigureAwait(false);
            if (entry.State == LedgerState.Done && entry.Result is { Length: > 0 } done)
            {
                application = new ApplicationId(done);
            }
            else
            {
                application = await _commands.AssignToJobAsync(tenant, candidateId, job, new ActionOrigin(false, "references", request.RequestedBy), assignKey, cancellationToken).ConfigureAwait(false);
                await _ledger.CompleteAsync(tenant, assignKey, application.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        var key = IdempotencyKey.Create("references.check", application.Value, request.Round);
        var checkId = CheckIdOf(tenant, key);
        if (await _checks.GetAsync(tenant, checkId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new(candidateId, ReferenceRequestOutcome.AlreadyRequested, checkId, application);
        }

        var providerRequest = new ProviderCheckRequest
        {
            CheckId = checkId,
            SubAccount = subAccount,
            Language = request.Language,
            TemplateId = request.TemplateId,
            ReferenceCount = request.ReferenceCount,
            Candidate = new ReferenceCandidate(candidate.Profile.Name.Full, email, phone),
            CandidateContact = request.CandidateContact,
            RefereeContact = request.RefereeContact,
            CallbackUrl = settings.CallbackUrl,
        };

        await _ledger.BeginAsync(tenant, key, CreateOperation, checkId, cancellationToken).ConfigureAwait(false);
        ProviderCheckStatus status;
        try
        {
            status = await _provider.CreateCheckAsync(tenant, providerRequest, key, cancellationToken).ConfigureAwait(false);
        }
        catch (ReferenceProviderException ex)
        {
            LogProviderFailed(_logger, ex, tenant.Value, checkId, ex.Code);
            Count(_failures, tenant, ex.Code);
            var outcome = ex.Problem is ReferenceProviderProblem.Rejected ? ReferenceRequestOutcome.ProviderRejected : ReferenceRequestOutcome.ProviderUnavailable;
            return new(candidateId, outcome, null, application, ex.Message);
        }

        var now = _time.GetUtcNow();
        var (stored, added) = await _checks.AddAsync(new ReferenceCheckRecord
        {
            Tenant = tenant,
            CheckId = checkId,
            Key = key,
            Provider = _provider.Name,
            ProviderCheckId = status.ProviderCheckId,
            Candidate = candidateId,
            Application = application,
            Job = job,
            SubAccount = subAccount,
            Language = request.Language,
            TemplateId = request.TemplateId,
            CandidateContact = request.CandidateContact,
            RefereeContact = request.RefereeContact,
            State = status.State,
            Requested = status.Requested,
            Answered = status.Answered,
            CandidateUrl = status.CandidateUrl,
            Sequence = status.Sequence,
            ProviderUpdatedAt = status.UpdatedAt,
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        await _ledger.CompleteAsync(tenant, key, JsonSerializer.Serialize(new { checkId, providerCheckId = status.ProviderCheckId }), cancellationToken).ConfigureAwait(false);

        if (!added)
        {
            return new(candidateId, ReferenceRequestOutcome.AlreadyRequested, stored.CheckId, application);
        }

        Count(_requested, tenant, "requested");
        LogRequested(_logger, tenant.Value, checkId, candidateId.Value, status.ProviderCheckId);
        await PublishAsync(stored, cancellationToken).ConfigureAwait(false);
        return new(candidateId, ReferenceRequestOutcome.Requested, checkId, application);
    }

    /// <summary>The SDK's check id is derived from the tenant and key, so a retried request names the same check.</summary>
    internal static string CheckIdOf(TenantId tenant, IdempotencyKey key)
        => "rc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant.Value + "\n" + key.Value)))[..24];

    private ValueTask PublishAsync(ReferenceCheckRecord record, CancellationToken cancellationToken)
        => _events.PublishAsync(new ReferenceCheckUpdated(record.Tenant, _time.GetUtcNow(), record.CheckId, record.Candidate, record.Application, record.State, record.Requested, record.Answered), cancellationToken);

    private static ReferenceCheckView ToView(ReferenceCheckRecord record) => new(
        record.CheckId,
        record.Candidate,
        record.Application,
        record.Job,
        record.State,
        record.Requested,
        record.Answered,
        IsRunning(record.State) ? record.CandidateUrl : null,
        record.ReportDocument,
        record.UpdatedAt);

    private static void Count(Counter<long> counter, TenantId tenant, string outcome)
        => counter.Add(1, RecruitingTelemetry.Tenant(tenant), new KeyValuePair<string, object?>("outcome", outcome));

    [LoggerMessage(EventId = RecruitingEventIds.References + 2, Level = LogLevel.Information, Message = "Reference check {CheckId} of tenant {Tenant} requested for candidate {Candidate} (provider id {ProviderCheckId})")]
    private static partial void LogRequested(ILogger logger, string tenant, string checkId, string candidate, string providerCheckId);

    [LoggerMessage(EventId = RecruitingEventIds.References + 3, Level = LogLevel.Warning, Message = "Reference callback for tenant {Tenant} refused: {Refusal} (check {CheckId})")]
    private static partial void LogCallbackRefused(ILogger logger, string tenant, CallbackRefusal refusal, string? checkId);

    [LoggerMessage(EventId = RecruitingEventIds.References + 4, Level = LogLevel.Debug, Message = "Reference status of check {CheckId} of tenant {Tenant} ignored: sequence {Sequence} against stored {Stored} ({Outcome})")]
    private static partial void LogStatusIgnored(ILogger logger, string tenant, string checkId, long sequence, long stored, ReferenceStatusOutcome outcome);

    [LoggerMessage(EventId = RecruitingEventIds.References + 5, Level = LogLevel.Information, Message = "Reference report of check {CheckId} of tenant {Tenant} filed as document {Document}")]
    private static partial void LogReportFiled(ILogger logger, string tenant, string checkId, string document);

    [LoggerMessage(EventId = RecruitingEventIds.References + 6, Level = LogLevel.Warning, Message = "Reference provider call for tenant {Tenant} (check {CheckId}) failed: {Code}")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception, string tenant, string? checkId, string code);

    [LoggerMessage(EventId = RecruitingEventIds.References + 7, Level = LogLevel.Warning, Message = "Reference check {CheckId} of tenant {Tenant} is unknown at the provider")]
    private static partial void LogUnknownAtProvider(ILogger logger, string tenant, string checkId);

    /// <summary>Hands the host a stream whose disposal leaves the provider response to the SDK.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
