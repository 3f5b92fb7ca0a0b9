using System.Globalization;
using System.Text;
using Recruiting.ClientAccess.Redaction;

namespace Recruiting.ClientAccess;

/// <summary>What happened to the copies of an interview invitation.</summary>
/// <param name="SentTo">The clients a copy went to.</param>
/// <param name="Skipped">Why no copy was sent, when none was (<c>optIn</c>, <c>notFound</c>).</param>
public sealed record InterviewCopyResult(IReadOnlyList<ClientId> SentTo, string? Skipped);

/// <summary>
/// Copies interview invitations to the vacancy's clients: by default every time, or only when the recruiter ticks
/// "send the client a notice of the interview" if the tenant chose opt-in. A copy never holds contacts hidden from the client.
/// </summary>
public sealed class InterviewNotifications
{
    private readonly IClientDirectory _clients;
    private readonly IApplicationDirectory _directory;
    private readonly IClientAccessStateStore _state;
    private readonly ITenantDirectory _tenants;
    private readonly INotifier _notifier;
    private readonly IInterviewReader _interviews;
    private readonly ContactRedactor _redactor;

    internal InterviewNotifications(IClientDirectory clients, IApplicationDirectory directory, IClientAccessStateStore state, ITenantDirectory tenants, INotifier notifier, IInterviewReader interviews, ContactRedactor redactor)
    {
        _clients = clients;
        _directory = directory;
        _state = state;
        _tenants = tenants;
        _notifier = notifier;
        _interviews = interviews;
        _redactor = redactor;
    }

    /// <summary>Sends the copies of an interview invitation that was just sent to the candidate.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="interview">The interview.</param>
    /// <param name="sendToClients">The recruiter's choice on this send: <see langword="null"/> when the form did not ask.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The clients a copy went to.</returns>
    public async ValueTask<InterviewCopyResult> SendClientCopiesAsync(TenantId tenant, InterviewId interview, bool? sendToClients = null, CancellationToken cancellationToken = default)
    {
        var settings = await _state.GetSettingsAsync(tenant, cancellationToken).ConfigureAwait(false) ?? new ClientAccessSettings();
        var send = settings.InterviewCopies == InterviewCopyMode.Always ? sendToClients != false : sendToClients == true;
        if (!send)
        {
            return new InterviewCopyResult([], settings.InterviewCopies == InterviewCopyMode.OptIn ? "optIn" : "declined");
        }

        var info = await _interviews.GetInterviewAsync(tenant, interview, cancellationToken).ConfigureAwait(false);
        var application = info is null ? null : await _directory.GetApplicationAsync(tenant, info.Application, cancellationToken).ConfigureAwait(false);
        if (info is null || application is null || application.Job != info.Job)
        {
            return new InterviewCopyResult([], "notFound");
        }

        var job = await _directory.GetJobAsync(tenant, info.Job, cancellationToken).ConfigureAwait(false);
        var candidate = await _directory.GetCandidateAsync(tenant, application.Candidate, cancellationToken).ConfigureAwait(false);
        var tenantInfo = await _tenants.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        var zone = tenantInfo is not null && TimeZoneInfo.TryFindSystemTimeZoneById(tenantInfo.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;

        var sent = new List<ClientId>();
        await foreach (var client in _clients.ListClientsOfJobAsync(tenant, info.Job, cancellationToken).ConfigureAwait(false))
        {
            if (client.Tenant != tenant || client.Status != ClientStatus.Active || !client.Vacancies.Contains(info.Job))
            {
                continue;
            }

            await _notifier.NotifyAsync(new Notification
            {
                Tenant = tenant,
                Kind = NotificationKind.InterviewCopy,
                Addresses = [client.Email],
                Subject = $"Interview scheduled: {candidate?.Profile.Name.Full ?? application.Reference.Value} for {job?.Title ?? info.Job.Value}",
                Body = BuildBody(client, info, job, candidate, zone),
                Application = application.Id,
                Key = IdempotencyKey.Create("interview-copy", info.Id.Value, client.Id.Value),
            }, cancellationToken).ConfigureAwait(false);
            sent.Add(client.Id);
        }

        return new InterviewCopyResult(sent, null);
    }

    internal string BuildBody(ClientInfo client, InterviewInfo interview, JobInfo? job, Candidate? candidate, TimeZoneInfo zone)
    {
        var known = candidate is null ? KnownContacts.None : KnownContacts.From(candidate.Profile);
        string Mask(string text) => client.HideCandidateContacts ? _redactor.Redact(text, known, candidate?.Profile.Address?.Country) : text;
        var starts = TimeZoneInfo.ConvertTime(interview.StartsAt, zone);
        var ends = TimeZoneInfo.ConvertTime(interview.EndsAt, zone);
        var body = new StringBuilder()
            .Append("Vacancy: ").AppendLine(job?.Title ?? interview.Job.Value)
            .Append("Candidate: ").AppendLine(candidate?.Profile.Name.Full ?? "-")
            .Append("When: ").Append(starts.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append('–').Append(ends.ToString("HH:mm", CultureInfo.InvariantCulture))
            .Append(" (").Append(zone.Id).AppendLine(")")
            .Append("Interview: ").AppendLine(Mask(interview.Title));
        if (!string.IsNullOrWhiteSpace(interview.Location))
        {
            // A location can be the candidate's own address or number (a call, a home visit).
            body.Append("Where: ").AppendLine(Mask(interview.Location));
        }

        if (!client.HideCandidateContacts && candidate is not null)
        {
            foreach (var email in candidate.Profile.Emails)
            {
                body.Append("E-mail: ").AppendLine(email);
            }

            foreach (var phone in candidate.Profile.Phones)
            {
                body.Append("Phone: ").AppendLine(phone);
            }
        }

        if (!string.IsNullOrWhiteSpace(interview.Message))
        {
            body.AppendLine().AppendLine("Invitation sent to the candidate:")
                .AppendLine(Mask(interview.Message));
        }

        return body.ToString().TrimEnd();
    }
}
