using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recruiting.ClientAccess.Redaction;

namespace Recruiting.ClientAccess;

/// <summary>
/// The client's API and the policy's one entry point: every question a host asks about a client (may it see this
/// vacancy, application, candidate, note, document, interview) and every view and action, all deny-by-default and
/// re-reading the client on each call, so blocking applies on the next request.
/// </summary>
public sealed class ClientPortal
{
    /// <summary>The kind of <see cref="ClientActionPerformed"/> raised when a client reads a candidate.</summary>
    public const string ViewCandidateAction = "viewCandidate";

    /// <summary>The kind of <see cref="ClientActionPerformed"/> raised when a client reads its candidate list.</summary>
    public const string ListCandidatesAction = "listCandidates";

    /// <summary>The kind of <see cref="ClientActionPerformed"/> raised when a client reads the pipeline figures.</summary>
    public const string ViewPipelineAction = "viewPipeline";

    /// <summary>The kind of <see cref="ClientActionPerformed"/> raised when a client reads the interview calendar.</summary>
    public const string ViewInterviewsAction = "viewInterviews";

    private readonly IClientDirectory _clients;
    private readonly IApplicationDirectory _directory;
    private readonly IRecruitingCommands _commands;
    private readonly IClientAccessStateStore _state;
    private readonly IIdempotencyLedger _ledger;
    private readonly ITenantDirectory _tenants;
    private readonly INotifier _notifier;
    private readonly EventPublisher _events;
    private readonly TimeProvider _time;
    private readonly ClientAccessOptions _options;
    private readonly ClientAccessEvaluator _evaluator;
    private readonly ClientViewBuilder _views;
    private readonly ClientAccessMetrics _metrics;
    private readonly ILogger<ClientPortal> _logger;
    private readonly INoteReader? _notes;
    private readonly IDocumentReader? _documents;
    private readonly IInterviewReader? _interviews;
    private readonly ICandidateProfileEditor? _editor;
    private readonly IRejectionAutomationTrigger? _automation;

    internal ClientPortal(
        IClientDirectory clients,
        IApplicationDirectory directory,
        IRecruitingCommands commands,
        IClientAccessStateStore state,
        IIdempotencyLedger ledger,
        ITenantDirectory tenants,
        INotifier notifier,
        EventPublisher events,
        TimeProvider time,
        IOptions<ClientAccessOptions> options,
        ClientAccessEvaluator evaluator,
        ClientViewBuilder views,
        ClientAccessMetrics metrics,
        ILogger<ClientPortal> logger,
        INoteReader? notes = null,
        IDocumentReader? documents = null,
        IInterviewReader? interviews = null,
        ICandidateProfileEditor? editor = null,
        IRejectionAutomationTrigger? automation = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _directory = directory;
        _commands = commands;
        _state = state;
        _ledger = ledger;
        _tenants = tenants;
        _notifier = notifier;
        _events = events;
        _time = time;
        _options = options.Value;
        _evaluator = evaluator;
        _views = views;
        _metrics = metrics;
        _logger = logger;
        _notes = notes;
        _documents = documents;
        _interviews = interviews;
        _editor = editor;
        _automation = automation;
    }

    // ---- the policy's entry point -----------------------------------------------------------------------------

    /// <summary>Answers whether a client may see a resource. A kind of question the policy has no rule for is answered no.</summary>
    /// <param name="principal">The client.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The decision, with reasons when denied.</returns>
    public async ValueTask<ClientAccessDecision> AuthorizeAsync(ClientPrincipal principal, ClientResource resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(resource);
        using var activity = ClientAccessMetrics.ActivitySource.StartActivity("ClientAccess.Authorize");
        var client = await _clients.GetClientAsync(principal.Tenant, principal.Client, cancellationToken).ConfigureAwait(false);
        return await DecideAsync(principal.Tenant, client, resource, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ClientAccessDecision> DecideAsync(TenantId tenant, ClientInfo? client, ClientResource resource, CancellationToken cancellationToken)
    {
        ClientAccessDecision decision;
        if (!_evaluator.HasRule(resource))
        {
            decision = ClientAccessDecision.Deny(AccessDenialReason.NoRule);
        }
        else if (ClientRefusals.Gate(client, tenant) is { } gate)
        {
            // Nothing about the resource is looked up for a blocked or unknown client.
            decision = ClientAccessDecision.Deny(gate == ClientRefusal.ClientBlocked ? AccessDenialReason.ClientBlocked : AccessDenialReason.UnknownClient);
        }
        else
        {
            var facts = await ResolveAsync(tenant, client!, resource, cancellationToken).ConfigureAwait(false);
            decision = _evaluator.Evaluate(tenant, client, resource, facts);
        }

        _metrics.Decision(tenant, decision);
        if (!decision.Allowed && _logger.IsEnabled(LogLevel.Information))
        {
            ClientAccessLog.AccessDenied(_logger, tenant.Value, client?.Id.Value ?? "?", resource.GetType().Name, decision.Reasons.Count > 0 ? decision.Reasons[0] : AccessDenialReason.NoRule);
        }

        return decision;
    }

    private async ValueTask<ClientResourceFacts> ResolveAsync(TenantId tenant, ClientInfo client, ClientResource resource, CancellationToken cancellationToken)
    {
        switch (resource)
        {
            case VacancyResource vacancy:
                {
                    var job = await _directory.GetJobAsync(tenant, vacancy.Job, cancellationToken).ConfigureAwait(false);
                    return job is null ? ClientResourceFacts.Missing : new ClientResourceFacts { Exists = true, Tenant = job.Tenant, Jobs = [job.Id] };
                }

            case ApplicationResource application:
                return FactsOf(await _directory.GetApplicationAsync(tenant, application.Application, cancellationToken).ConfigureAwait(false));

            case CandidateResource candidate:
                {
                    var found = await _directory.GetCandidateAsync(tenant, candidate.Candidate, cancellationToken).ConfigureAwait(false);
                    if (found is null)
                    {
                        return ClientResourceFacts.Missing;
                    }

                    // Reached only through applications to the client's own vacancies: nothing else is searched.
                    var jobs = new List<JobId>();
                    await foreach (var application in ApplicationsOfCandidateAsync(tenant, client, candidate.Candidate, cancellationToken).ConfigureAwait(false))
                    {
                        jobs.Add(application.Job!.Value);
                    }

                    return new ClientResourceFacts { Exists = true, Tenant = found.Tenant, Jobs = jobs };
                }

            case NoteResource note:
                {
                    var application = await _directory.GetApplicationAsync(tenant, note.Application, cancellationToken).ConfigureAwait(false);
                    if (application is null || _notes is null)
                    {
                        return ClientResourceFacts.Missing;
                    }

                    await foreach (var n in _notes.ListNotesAsync(tenant, application.Id, cancellationToken).ConfigureAwait(false))
                    {
                        if (n.Id == note.Note && n.Application == application.Id)
                        {
                            return FactsOf(application) with { HiddenFromClients = n.HiddenFromClients };
                        }
                    }

                    return ClientResourceFacts.Missing;
                }

            case DocumentResource document:
                {
                    var application = await _directory.GetApplicationAsync(tenant, document.Application, cancellationToken).ConfigureAwait(false);
                    if (application is null || _documents is null)
                    {
                        return ClientResourceFacts.Missing;
                    }

                    DocumentInfo? found = null;
                    var replaced = false;
                    await foreach (var d in _documents.ListDocumentsAsync(tenant, application.Id, cancellationToken).ConfigureAwait(false))
                    {
                        if (d.Id == document.Document && d.Application == application.Id)
                        {
                            found = d;
                        }

                        replaced |= d.ClientVersionOf == document.Document;
                    }

                    return found is null ? ClientResourceFacts.Missing : FactsOf(application) with { ReplacedByClientVersion = replaced };
                }

            case InterviewResource interview:
                {
                    var found = _interviews is null ? null : await _interviews.GetInterviewAsync(tenant, interview.Interview, cancellationToken).ConfigureAwait(false);
                    if (found is null)
                    {
                        return ClientResourceFacts.Missing;
                    }

                    var application = await _directory.GetApplicationAsync(tenant, found.Application, cancellationToken).ConfigureAwait(false);
                    return application is null || application.Job != found.Job ? ClientResourceFacts.Missing : FactsOf(application);
                }

            default:
                return ClientResourceFacts.Missing;
        }
    }

    private static ClientResourceFacts FactsOf(ApplicationInfo? application) => application is null
        ? ClientResourceFacts.Missing
        : new ClientResourceFacts { Exists = true, Tenant = application.Tenant, Jobs = application.Job is { } job ? [job] : [] };

    private async IAsyncEnumerable<ApplicationInfo> ApplicationsOfCandidateAsync(TenantId tenant, ClientInfo client, CandidateId candidate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var job in client.Vacancies.Distinct())
        {
            await foreach (var application in _directory.ListApplicationsAsync(tenant, job, cancellationToken).ConfigureAwait(false))
            {
                if (application.Candidate == candidate && application.Tenant == tenant && application.Job == job)
                {
                    yield return application;
                }
            }
        }
    }

    // ---- views ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Returns the client's view of a candidate with everything the policy hides removed. A read is a client action: it raises
    /// <see cref="ClientActionPerformed"/> (<see cref="ViewCandidateAction"/>) per application shown, and the vacancy's recruiters
    /// are told at most once per client, vacancy and <see cref="ClientAccessOptions.ReadNotificationPeriod"/>.
    /// </summary>
    /// <param name="principal">The client.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The view, or a typed refusal.</returns>
    public async ValueTask<ClientResult<ClientCandidateView>> GetCandidateViewAsync(ClientPrincipal principal, CandidateId candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        using var activity = ClientAccessMetrics.ActivitySource.StartActivity("ClientAccess.CandidateView");
        var tenant = principal.Tenant;
        var client = await _clients.GetClientAsync(tenant, principal.Client, cancellationToken).ConfigureAwait(false);
        var decision = await DecideAsync(tenant, client, new CandidateResource(candidate), cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return ClientResult<ClientCandidateView>.Refused(ClientRefusals.From(decision));
        }

        var found = await _directory.GetCandidateAsync(tenant, candidate, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return ClientResult<ClientCandidateView>.Refused(ClientRefusal.NotFound);
        }

        var visible = new List<VisibleApplication>();
        string? clientResume = null;
        await foreach (var application in ApplicationsOfCandidateAsync(tenant, client!, candidate, cancellationToken).ConfigureAwait(false))
        {
            var job = await _directory.GetJobAsync(tenant, application.Job!.Value, cancellationToken).ConfigureAwait(false);
            var notes = new List<NoteInfo>();
            if (_notes is not null)
            {
                await foreach (var note in _notes.ListNotesAsync(tenant, application.Id, cancellationToken).ConfigureAwait(false))
                {
                    notes.Add(note);
                }
            }

            var documents = new List<DocumentInfo>();
            if (_documents is not null)
            {
                await foreach (var document in _documents.ListDocumentsAsync(tenant, application.Id, cancellationToken).ConfigureAwait(false))
                {
                    documents.Add(document);
                }

                if (clientResume is null)
                {
                    foreach (var version in documents.Where(d => d.ClientVersionOf is not null && d.Kind == DocumentKind.Cv))
                    {
                        clientResume = await _documents.ReadTextAsync(tenant, version.Id, cancellationToken).ConfigureAwait(false);
                        if (clientResume is not null)
                        {
                            break;
                        }
                    }
                }
            }

            visible.Add(new VisibleApplication(application, job, notes, documents));
        }

        _metrics.View(tenant, 1);
        var view = _views.BuildCandidate(client!, found, visible, clientResume);
        await AnnounceReadAsync(tenant, client!, ViewCandidateAction, visible.Select(v => (v.Application.Job!.Value, (ApplicationId?)v.Application.Id)).ToList(),
            $"viewed candidate {found.Profile.Name.Full}", cancellationToken).ConfigureAwait(false);
        return ClientResult<ClientCandidateView>.Ok(view);
    }

    /// <summary>
    /// Lists the candidates of the client's vacancies (or of one of them), newest application first, one page at a time. Raises
    /// <see cref="ClientActionPerformed"/> (<see cref="ListCandidatesAction"/>) for the vacancy asked, or for each vacancy on the page;
    /// recruiters are told as for every read (at most once per client, vacancy and <see cref="ClientAccessOptions.ReadNotificationPeriod"/>).
    /// </summary>
    /// <param name="principal">The client.</param>
    /// <param name="job">One of the client's vacancies, or <see langword="null"/> for all.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">The page size (at most <see cref="ClientAccessOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The page, or a typed refusal.</returns>
    public async ValueTask<ClientResult<ClientCandidatePage>> ListCandidatesAsync(ClientPrincipal principal, JobId? job = null, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (page < 1 || pageSize < 1 || pageSize > _options.MaxPageSize)
        {
            return ClientResult<ClientCandidatePage>.Refused(ClientRefusal.InvalidInput);
        }

        var tenant = principal.Tenant;
        var client = await _clients.GetClientAsync(tenant, principal.Client, cancellationToken).ConfigureAwait(false);
        if (ClientRefusals.Gate(client, tenant) is { } gate)
        {
            return ClientResult<ClientCandidatePage>.Refused(gate);
        }

        IEnumerable<JobId> jobs = client!.Vacancies.Distinct();
        if (job is { } one)
        {
            var decision = await DecideAsync(tenant, client, new VacancyResource(one), cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return ClientResult<ClientCandidatePage>.Refused(ClientRefusals.From(decision));
            }

            jobs = [one];
        }

        var applications = new List<ApplicationInfo>();
        foreach (var vacancy in jobs)
        {
            await foreach (var application in _directory.ListApplicationsAsync(tenant, vacancy, cancellationToken).ConfigureAwait(false))
            {
                // The host's answer is checked too: only this tenant's applications to this vacancy pass.
                var facts = FactsOf(application);
                if (application.Job == vacancy && _evaluator.Evaluate(tenant, client, new ApplicationResource(application.Id), facts).Allowed)
                {
                    applications.Add(application);
                }
            }
        }

        applications.Sort(static (a, b) =>
        {
            var byDate = Nullable.Compare(b.AppliedAt, a.AppliedAt);
            return byDate != 0 ? byDate : string.CompareOrdinal(a.Id.Value, b.Id.Value);
        });

        var items = new List<ClientCandidateListItem>(pageSize);
        foreach (var application in applications.Skip((page - 1) * pageSize).Take(pageSize))
        {
            var candidate = await _directory.GetCandidateAsync(tenant, application.Candidate, cancellationToken).ConfigureAwait(false);
            if (candidate is not null && candidate.Tenant == tenant)
            {
                items.Add(_views.BuildListItem(client, candidate, application, _options.ExcerptLength));
            }
        }

        _metrics.View(tenant, items.Count);
        var seen = job is { } asked ? [(asked, (ApplicationId?)null)] : items.Select(i => (i.Job, (ApplicationId?)null)).Distinct().ToList();
        await AnnounceReadAsync(tenant, client, ListCandidatesAction, seen, "viewed the candidate list", cancellationToken).ConfigureAwait(false);
        return ClientResult<ClientCandidatePage>.Ok(new ClientCandidatePage(items, applications.Count, page, pageSize));
    }

    /// <summary>
    /// Pipeline figures of each of the client's vacancies: candidates per stage and new since the last visit. This read is the
    /// client's visit: the previous visit is kept per client and per vacancy and moved to now once the figures are read, so each
    /// client sees what is new to it (everything on its first visit; an application the host gave no date counts on the first visit only).
    /// Raises <see cref="ClientActionPerformed"/> (<see cref="ViewPipelineAction"/>) per vacancy; recruiters are told as for every read.
    /// </summary>
    /// <param name="principal">The client.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The figures, or a typed refusal.</returns>
    public async ValueTask<ClientResult<IReadOnlyList<ClientPipelineFigures>>> GetPipelineAsync(ClientPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var tenant = principal.Tenant;
        var client = await _clients.GetClientAsync(tenant, principal.Client, cancellationToken).ConfigureAwait(false);
        if (ClientRefusals.Gate(client, tenant) is { } gate)
        {
            return ClientResult<IReadOnlyList<ClientPipelineFigures>>.Refused(gate);
        }

        var now = _time.GetUtcNow();
        var figures = new List<ClientPipelineFigures>();
        foreach (var vacancy in client!.Vacancies.Distinct())
        {
            var job = await _directory.GetJobAsync(tenant, vacancy, cancellationToken).ConfigureAwait(false);
            if (job is null || job.Tenant != tenant)
            {
                continue;
            }

            var stages = job.Stages ?? [];
            var counts = stages.ToDictionary(s => s.Id, _ => 0);
            var applications = new List<ApplicationInfo>();
            await foreach (var application in _directory.ListApplicationsAsync(tenant, vacancy, cancellationToken).ConfigureAwait(false))
            {
                if (application.Job == vacancy && application.Tenant == tenant)
                {
                    applications.Add(application);
                }
            }

            // The visit is recorded once the figures could be read, per client and vacancy; it returns the previous one.
            var lastVisit = await _state.RecordVisitAsync(tenant, client.Id, vacancy, now, cancellationToken).ConfigureAwait(false);
            var fresh = 0;
            foreach (var application in applications)
            {
                if (application.Stage is { } stage && counts.TryGetValue(stage, out var count))
                {
                    counts[stage] = count + 1;
                }

                // Everything is new on the first visit; later, what applied after the previous one (undated applications only count once).
                if (lastVisit is null || application.AppliedAt > lastVisit)
                {
                    fresh++;
                }
            }

            figures.Add(new ClientPipelineFigures(job.Id, job.Title, applications.Count, fresh, lastVisit, stages.Select(s => new ClientStageCount(s.Id, s.Name, counts[s.Id])).ToList()));
        }

        await AnnounceReadAsync(tenant, client, ViewPipelineAction, figures.Select(f => (f.Job, (ApplicationId?)null)).ToList(), "viewed the pipeline figures", cancellationToken).ConfigureAwait(false);
        return ClientResult<IReadOnlyList<ClientPipelineFigures>>.Ok(figures);
    }

    /// <summary>
    /// The interviews of the client's vacancies in a period, grouped by day in the tenant's time zone (titles and locations masked
    /// when contacts are hidden). Raises <see cref="ClientActionPerformed"/> (<see cref="ViewInterviewsAction"/>) per vacancy;
    /// recruiters are told as for every read.
    /// </summary>
    /// <param name="principal">The client.</param>
    /// <param name="from">The first instant.</param>
    /// <param name="to">The instant after the last.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The calendar, or a typed refusal.</returns>
    public async ValueTask<ClientResult<ClientInterviewCalendar>> GetInterviewCalendarAsync(ClientPrincipal principal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (to <= from || to - from > TimeSpan.FromDays(400))
        {
            return ClientResult<ClientInterviewCalendar>.Refused(ClientRefusal.InvalidInput);
        }

        var tenant = principal.Tenant;
        var client = await _clients.GetClientAsync(tenant, principal.Client, cancellationToken).ConfigureAwait(false);
        if (ClientRefusals.Gate(client, tenant) is { } gate)
        {
            return ClientResult<ClientInterviewCalendar>.Refused(gate);
        }

        if (_interviews is null)
        {
            return ClientResult<ClientInterviewCalendar>.Refused(ClientRefusal.NotSupported);
        }

        var zone = await ZoneOfAsync(tenant, cancellationToken).ConfigureAwait(false);
        var views = new List<ClientInterviewView>();
        foreach (var vacancy in client!.Vacancies.Distinct())
        {
            await foreach (var interview in _interviews.ListInterviewsAsync(tenant, vacancy, from, to, cancellationToken).ConfigureAwait(false))
            {
                var application = await _directory.GetApplicationAsync(tenant, interview.Application, cancellationToken).ConfigureAwait(false);
                if (application is null || application.Job != interview.Job || interview.Job != vacancy
                    || !_evaluator.Evaluate(tenant, client, new InterviewResource(interview.Id), FactsOf(application)).Allowed)
                {
                    continue;
                }

                var candidate = await _directory.GetCandidateAsync(tenant, application.Candidate, cancellationToken).ConfigureAwait(false);
                views.Add(_views.BuildInterview(client, interview, candidate?.Tenant == tenant ? candidate : null));
            }
        }

        var days = views
            .OrderBy(v => v.StartsAt)
            .GroupBy(v => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.StartsAt, zone.Zone).DateTime))
            .Select(g => new ClientInterviewDay(g.Key, g.ToList()))
            .ToList();
        await AnnounceReadAsync(tenant, client, ViewInterviewsAction, client.Vacancies.Distinct().Select(v => (v, (ApplicationId?)null)).ToList(), "viewed the interview calendar", cancellationToken).ConfigureAwait(false);
        return ClientResult<ClientInterviewCalendar>.Ok(new ClientInterviewCalendar(zone.Id, days));
    }

    private async ValueTask<(string Id, TimeZoneInfo Zone)> ZoneOfAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var info = await _tenants.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (info is not null && TimeZoneInfo.TryFindSystemTimeZoneById(info.TimeZoneId, out var zone))
        {
            return (info.TimeZoneId, zone);
        }

        return ("UTC", TimeZoneInfo.Utc);
    }

    // ---- actions ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Performs a client action. Each one raises <see cref="ClientActionPerformed"/> and notifies the vacancy's recruiters
    /// every time; anything else is refused. An accepted action follows ARCHITECTURE.md principle 2: it is recorded as
    /// pending in the <see cref="IIdempotencyLedger"/> under a key made of the client, the action and the client's
    /// <see cref="ClientActionRequest.RequestId"/>, the host is called with that key, and the entry is marked done with
    /// the result. The same request again returns the first result without a second effect or notification; a request
    /// interrupted after the host call (a crash) completes when it is sent again or replayed by <see cref="ReplayPendingActionsAsync"/>.
    /// </summary>
    /// <param name="principal">The client.</param>
    /// <param name="request">The action.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome; a request id reused for a different request is refused with <see cref="ClientRefusal.RequestIdReused"/>.</returns>
    public async ValueTask<ClientActionResult> PerformAsync(ClientPrincipal principal, ClientActionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ClientAccessMetrics.ActivitySource.StartActivity("ClientAccess.Action");
        var tenant = principal.Tenant;
        var client = await _clients.GetClientAsync(tenant, principal.Client, cancellationToken).ConfigureAwait(false);
        var action = ClientActionPayload.ActionOf(request);

        ClientActionResult result;
        if (ClientRefusals.Gate(client, tenant) is { } gate)
        {
            result = new ClientActionResult(action, gate);
        }
        else if (string.IsNullOrWhiteSpace(request.RequestId) || request.RequestId.Length > 100)
        {
            result = new ClientActionResult(action, ClientRefusal.InvalidInput);
        }
        else if (ClientActionPayload.From(client!.Id, request) is not { } payload)
        {
            result = new ClientActionResult(action, action == ClientActionPayload.Unknown ? ClientRefusal.NotPermitted : ClientRefusal.InvalidInput);
        }
        else
        {
            result = await AcceptAsync(tenant, client, payload, cancellationToken).ConfigureAwait(false);
        }

        _metrics.Action(tenant, action, result.Refusal?.ToString() ?? "performed");
        if (_logger.IsEnabled(LogLevel.Information))
        {
            if (result.Refusal is { } refusal)
            {
                ClientAccessLog.ActionRefused(_logger, tenant.Value, principal.Client.Value, action, refusal);
            }
            else
            {
                ClientAccessLog.ActionPerformed(_logger, tenant.Value, principal.Client.Value, action);
            }
        }

        return result;
    }

    /// <summary>
    /// Completes the client actions a crash left pending in the ledger (accepted, host maybe called, not marked done):
    /// each is run again with its key, so the host applies it at most once, and marked done. Call it at start-up or from a scheduler.
    /// An accepted action is completed even if the client was blocked since; one whose client or application is gone is marked done with a refusal.
    /// </summary>
    /// <param name="tenant">Only this tenant's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many actions were completed.</returns>
    public async ValueTask<int> ReplayPendingActionsAsync(TenantId? tenant = null, CancellationToken cancellationToken = default)
    {
        var pending = new List<LedgerEntry>();
        await foreach (var entry in _ledger.ListPendingAsync(ClientActionPayload.LedgerOperation, tenant, cancellationToken).ConfigureAwait(false))
        {
            pending.Add(entry);
        }

        var replayed = 0;
        foreach (var entry in pending)
        {
            var payload = ClientActionPayload.Parse(entry.Payload);
            var client = payload is null ? null : await _clients.GetClientAsync(entry.Tenant, new ClientId(payload.Client), cancellationToken).ConfigureAwait(false);
            if (payload is null || client is null || client.Tenant != entry.Tenant)
            {
                var gone = new ClientActionResult(payload?.Action ?? ClientActionPayload.Unknown, payload is null ? ClientRefusal.InvalidInput : ClientRefusal.UnknownClient);
                await _ledger.CompleteAsync(entry.Tenant, entry.Key, ClientActionPayload.SerializeResult(gone), cancellationToken).ConfigureAwait(false);
                continue;
            }

            ClientAccessLog.ActionReplayed(_logger, entry.Tenant.Value, client.Id.Value, payload.Action, entry.Key.Value);
            await ExecuteAsync(entry.Tenant, client, entry.Key, payload, cancellationToken).ConfigureAwait(false);
            replayed++;
        }

        return replayed;
    }

    private async ValueTask<ClientActionResult> AcceptAsync(TenantId tenant, ClientInfo client, ClientActionPayload payload, CancellationToken cancellationToken)
    {
        var key = IdempotencyKey.Create("client-action", client.Id.Value, payload.Action, payload.RequestId);
        var json = payload.Serialize();

        // A request already done answers its first result, whatever changed since (the key names the client's own request).
        var known = await _ledger.GetAsync(tenant, key, cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            if (!string.Equals(known.Payload, json, StringComparison.Ordinal))
            {
                return new ClientActionResult(payload.Action, ClientRefusal.RequestIdReused);
            }

            if (known.State == LedgerState.Done)
            {
                return ClientActionPayload.ParseResult(payload.Action, known.Result);
            }
        }

        if (await AuthorizeActionAsync(tenant, client, payload, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return new ClientActionResult(payload.Action, refusal);
        }

        // Ledger before effect: pending first, then the host with the key, then done.
        var entry = await _ledger.BeginAsync(tenant, key, ClientActionPayload.LedgerOperation, json, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(entry.Payload, json, StringComparison.Ordinal))
        {
            return new ClientActionResult(payload.Action, ClientRefusal.RequestIdReused);
        }

        if (entry.State == LedgerState.Done)
        {
            return ClientActionPayload.ParseResult(payload.Action, entry.Result);
        }

        return await ExecuteAsync(tenant, client, key, payload, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ClientRefusal?> AuthorizeActionAsync(TenantId tenant, ClientInfo client, ClientActionPayload payload, CancellationToken cancellationToken)
    {
        switch (payload.Action)
        {
            case ClientActionPayload.AddNote:
                return (await ApplicationInScopeAsync(tenant, client, new ApplicationId(payload.Application!), cancellationToken).ConfigureAwait(false)).Refusal;

            case ClientActionPayload.EditProfile:
                {
                    var decision = await DecideAsync(tenant, client, new CandidateResource(new CandidateId(payload.Candidate!)), cancellationToken).ConfigureAwait(false);
                    return !decision.Allowed ? ClientRefusals.From(decision) : _editor is null ? ClientRefusal.NotSupported : null;
                }

            case ClientActionPayload.MoveStage:
                {
                    var (application, refusal) = await ApplicationInScopeAsync(tenant, client, new ApplicationId(payload.Application!), cancellationToken).ConfigureAwait(false);
                    if (refusal is not null)
                    {
                        return refusal;
                    }

                    var job = await _directory.GetJobAsync(tenant, application!.Job!.Value, cancellationToken).ConfigureAwait(false);
                    var stage = job?.Stages?.FirstOrDefault(s => s.Id.Value == payload.Stage);
                    if (stage is null)
                    {
                        return ClientRefusal.StageNotInProcess;
                    }

                    var settings = await _state.GetSettingsAsync(tenant, cancellationToken).ConfigureAwait(false) ?? new ClientAccessSettings();
                    return settings.AllowedStages is { } allowed && !allowed.Contains(stage.Id) ? ClientRefusal.StageNotAllowed : null;
                }

            default:
                return ClientRefusal.NotPermitted;
        }
    }

    private async ValueTask<ClientActionResult> ExecuteAsync(TenantId tenant, ClientInfo client, IdempotencyKey key, ClientActionPayload payload, CancellationToken cancellationToken)
    {
        var result = payload.Action switch
        {
            ClientActionPayload.AddNote => await AddNoteAsync(tenant, client, key, payload, cancellationToken).ConfigureAwait(false),
            ClientActionPayload.EditProfile => await EditProfileAsync(tenant, client, key, payload, cancellationToken).ConfigureAwait(false),
            ClientActionPayload.MoveStage => await MoveStageAsync(tenant, client, key, payload, cancellationToken).ConfigureAwait(false),
            _ => new ClientActionResult(payload.Action, ClientRefusal.NotPermitted),
        };

        await _ledger.CompleteAsync(tenant, key, ClientActionPayload.SerializeResult(result), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static ActionOrigin OriginOf(ClientInfo client) => new(false, null, ClientViewBuilder.ActorOf(client.Id));

    private async ValueTask<(ApplicationInfo? Application, ClientRefusal? Refusal)> ApplicationInScopeAsync(TenantId tenant, ClientInfo client, ApplicationId id, CancellationToken cancellationToken)
    {
        var decision = await DecideAsync(tenant, client, new ApplicationResource(id), cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return (null, ClientRefusals.From(decision));
        }

        var application = await _directory.GetApplicationAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        return application is null ? (null, ClientRefusal.NotFound) : (application, null);
    }

    private async ValueTask<ClientActionResult> AddNoteAsync(TenantId tenant, ClientInfo client, IdempotencyKey key, ClientActionPayload payload, CancellationToken cancellationToken)
    {
        var application = await _directory.GetApplicationAsync(tenant, new ApplicationId(payload.Application!), cancellationToken).ConfigureAwait(false);
        if (application is null || application.Tenant != tenant)
        {
            return new ClientActionResult(payload.Action, ClientRefusal.NotFound);
        }

        var noteId = await _commands.AddNoteAsync(tenant, application.Id, new NoteRequest(payload.Text!, null, HiddenFromClients: false, OriginOf(client)), key, cancellationToken).ConfigureAwait(false);
        var candidate = await _directory.GetCandidateAsync(tenant, application.Candidate, cancellationToken).ConfigureAwait(false);
        await AnnounceAsync(tenant, client, payload.Action, application, key,
            $"added a note to {candidate?.Profile.Name.Full ?? application.Candidate.Value} ({application.Reference.Value})", payload.Text, cancellationToken).ConfigureAwait(false);
        return new ClientActionResult(payload.Action, null, NoteId: noteId);
    }

    private async ValueTask<ClientActionResult> EditProfileAsync(TenantId tenant, ClientInfo client, IdempotencyKey key, ClientActionPayload payload, CancellationToken cancellationToken)
    {
        if (_editor is null)
        {
            return new ClientActionResult(payload.Action, ClientRefusal.NotSupported);
        }

        var candidateId = new CandidateId(payload.Candidate!);
        IReadOnlyList<string> skills = payload.Skills!;
        IReadOnlyList<string> categories = payload.Categories!;
        await _editor.SetSkillsAndCategoriesAsync(tenant, candidateId, skills, categories, OriginOf(client), key, cancellationToken).ConfigureAwait(false);
        var candidate = await _directory.GetCandidateAsync(tenant, candidateId, cancellationToken).ConfigureAwait(false);
        await foreach (var application in ApplicationsOfCandidateAsync(tenant, client, candidateId, cancellationToken).ConfigureAwait(false))
        {
            await AnnounceAsync(tenant, client, payload.Action, application, IdempotencyKey.Create("client-action", key.Value, application.Id.Value),
                $"edited the skills and categories of {candidate?.Profile.Name.Full ?? candidateId.Value}",
                $"Skills: {string.Join(", ", skills)}\nCategories: {string.Join(", ", categories)}", cancellationToken).ConfigureAwait(false);
        }

        return new ClientActionResult(payload.Action, null);
    }

    private async ValueTask<ClientActionResult> MoveStageAsync(TenantId tenant, ClientInfo client, IdempotencyKey key, ClientActionPayload payload, CancellationToken cancellationToken)
    {
        var application = await _directory.GetApplicationAsync(tenant, new ApplicationId(payload.Application!), cancellationToken).ConfigureAwait(false);
        var job = application?.Job is { } jobId ? await _directory.GetJobAsync(tenant, jobId, cancellationToken).ConfigureAwait(false) : null;
        var stage = job?.Stages?.FirstOrDefault(s => s.Id.Value == payload.Stage);
        if (application is null || job is null)
        {
            return new ClientActionResult(payload.Action, ClientRefusal.NotFound);
        }

        if (stage is null)
        {
            return new ClientActionResult(payload.Action, ClientRefusal.StageNotInProcess);
        }

        var settings = await _state.GetSettingsAsync(tenant, cancellationToken).ConfigureAwait(false) ?? new ClientAccessSettings();
        var origin = OriginOf(client);
        await _commands.MoveToStageAsync(tenant, application.Id, stage.Id, origin, key, cancellationToken).ConfigureAwait(false);
        var candidate = await _directory.GetCandidateAsync(tenant, application.Candidate, cancellationToken).ConfigureAwait(false);
        var who = $"{candidate?.Profile.Name.Full ?? application.Candidate.Value} ({application.Reference.Value})";

        string? rejectionId = null;
        var queued = false;
        if (stage.IsRejected)
        {
            rejectionId = "client-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}\n{key.Value}")))[..24];
            await _commands.SetStatusAsync(tenant, application.Id, ApplicationStatus.Rejected, settings.RejectedByClientReason, origin, IdempotencyKey.Create("client-action", key.Value, "reject"), cancellationToken).ConfigureAwait(false);
            if (settings.RunAutomationOnClientRejection)
            {
                if (_automation is null)
                {
                    ClientAccessLog.NoAutomationTrigger(_logger, tenant.Value, rejectionId);
                }
                else
                {
                    // The automation runs as the vacancy's owner, never as the client.
                    var owner = job.Recruiters is { Count: > 0 } recruiters ? recruiters[0] : application.ResponsibleUsers.Count > 0 ? application.ResponsibleUsers[0] : (UserId?)null;
                    queued = await _automation.OnRejectedAsync(new RejectionRecorded(tenant, rejectionId, application.Id, settings.RejectedByClientReason, owner, origin, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                }
            }

            await _events.PublishAsync(new CandidateRejected(tenant, _time.GetUtcNow(), rejectionId, application.Id, settings.RejectedByClientReason, origin.Actor, queued), cancellationToken).ConfigureAwait(false);
        }
        else if (application.Status == ApplicationStatus.Rejected)
        {
            // Moving a rejected application back into the process makes it active again.
            await _commands.SetStatusAsync(tenant, application.Id, ApplicationStatus.Active, null, origin, IdempotencyKey.Create("client-action", key.Value, "reopen"), cancellationToken).ConfigureAwait(false);
        }

        var summary = stage.IsRejected
            ? $"rejected {who}: moved to {stage.Name} (reason {settings.RejectedByClientReason})"
            : $"moved {who} to {stage.Name}";
        await AnnounceAsync(tenant, client, payload.Action, application, key, summary, null, cancellationToken).ConfigureAwait(false);
        return new ClientActionResult(payload.Action, null, RejectionId: rejectionId, AutomationQueued: queued);
    }

    private async ValueTask AnnounceAsync(TenantId tenant, ClientInfo client, string action, ApplicationInfo application, IdempotencyKey key, string summary, string? details, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await _events.PublishAsync(new ClientActionPerformed(tenant, now, client.Id, action, application.Job, application.Id, summary), cancellationToken).ConfigureAwait(false);

        var job = application.Job is { } id ? await _directory.GetJobAsync(tenant, id, cancellationToken).ConfigureAwait(false) : null;
        var recruiters = job?.Recruiters is { Count: > 0 } r ? r : application.ResponsibleUsers;
        if (recruiters.Count == 0)
        {
            return;
        }

        var body = NoticeBody(client, summary, job?.Title ?? application.Job?.Value ?? "-");
        if (details is not null)
        {
            body.AppendLine().AppendLine(details);
        }

        await NotifyRecruitersAsync(tenant, recruiters, $"Client {client.Name} {summary}", body, application.Id, IdempotencyKey.Create("client-notify", key.Value), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The opening of a notice to recruiters: who did what, on which vacancy.</summary>
    private static StringBuilder NoticeBody(ClientInfo client, string what, string vacancy) => new StringBuilder()
        .Append(client.Name).Append(" (").Append(client.Email).Append(") ").Append(what).AppendLine(".")
        .Append("Vacancy: ").AppendLine(vacancy);

    private ValueTask NotifyRecruitersAsync(TenantId tenant, IReadOnlyList<UserId> recruiters, string subject, StringBuilder body, ApplicationId? application, IdempotencyKey key, CancellationToken cancellationToken)
        => _notifier.NotifyAsync(new Notification
        {
            Tenant = tenant,
            Kind = NotificationKind.ClientAction,
            Users = recruiters,
            Subject = subject,
            Body = body.ToString().TrimEnd(),
            Application = application,
            Key = key,
        }, cancellationToken);

    // ---- reads are client actions too --------------------------------------------------------------------------

    /// <summary>
    /// Raises <see cref="ClientActionPerformed"/> for a read (one per vacancy, or per application when one was read) and tells
    /// each vacancy's recruiters, at most once per client, vacancy and <see cref="ClientAccessOptions.ReadNotificationPeriod"/>.
    /// </summary>
    private async ValueTask AnnounceReadAsync(TenantId tenant, ClientInfo client, string kind, IReadOnlyList<(JobId Job, ApplicationId? Application)> targets, string what, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var group in targets.GroupBy(t => t.Job))
        {
            foreach (var (job, application) in group.Distinct())
            {
                await _events.PublishAsync(new ClientActionPerformed(tenant, now, client.Id, kind, job, application, what), cancellationToken).ConfigureAwait(false);
            }

            await NotifyReadAsync(tenant, client, kind, group.Key, group.Select(t => t.Application).FirstOrDefault(a => a is not null), what, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask NotifyReadAsync(TenantId tenant, ClientInfo client, string kind, JobId jobId, ApplicationId? applicationId, string what, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var period = _options.ReadNotificationPeriod;
        if (period > TimeSpan.Zero && !await _state.TryClaimReadNoticeAsync(tenant, client.Id, jobId, now, period, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var job = await _directory.GetJobAsync(tenant, jobId, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<UserId> recruiters = job?.Recruiters ?? [];
        if (recruiters.Count == 0 && applicationId is { } id && await _directory.GetApplicationAsync(tenant, id, cancellationToken).ConfigureAwait(false) is { } application)
        {
            recruiters = application.ResponsibleUsers;
        }

        if (recruiters.Count == 0)
        {
            return;
        }

        var title = job?.Title ?? jobId.Value;
        var body = NoticeBody(client, what, title);
        if (period > TimeSpan.Zero)
        {
            body.AppendLine()
                .Append("Reads are summarised: you hear of this client's reads of this vacancy at most once per ")
                .Append(period.ToString("c", System.Globalization.CultureInfo.InvariantCulture))
                .AppendLine("; its notes, edits and stage moves are notified each time.");
        }

        try
        {
            var key = IdempotencyKey.Create("client-read-notify", client.Id.Value, jobId.Value, kind, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            await NotifyRecruitersAsync(tenant, recruiters, $"Client {client.Name} {what} ({title})", body, applicationId, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The client's read has happened and is answered; the notice is not lost but owed: the claim goes back, so
            // the next read of this vacancy tells the recruiters.
            ClientAccessLog.ReadNoticeFailed(_logger, tenant.Value, client.Id.Value, jobId.Value, ex);
            if (period > TimeSpan.Zero)
            {
                await _state.ReleaseReadNoticeAsync(tenant, client.Id, jobId, now, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
