namespace Recruiting.ClientAccess.Redaction;

/// <summary>What the builder needs of one application the client may see.</summary>
internal sealed record VisibleApplication(ApplicationInfo Application, JobInfo? Job, IReadOnlyList<NoteInfo> Notes, IReadOnlyList<DocumentInfo> Documents);

/// <summary>Builds a client's views of candidates from the host's records: the pure core of redaction.</summary>
internal sealed class ClientViewBuilder(ContactRedactor redactor)
{
    public ContactRedactor Redactor { get; } = redactor;

    /// <summary>Builds the client's view of a candidate.</summary>
    /// <param name="client">The client.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="applications">The candidate's applications to the client's vacancies (already filtered by the policy).</param>
    /// <param name="clientResumeText">The text of the résumé version made for clients, when there is one.</param>
    /// <returns>The view.</returns>
    public ClientCandidateView BuildCandidate(ClientInfo client, Candidate candidate, IReadOnlyList<VisibleApplication> applications, string? clientResumeText)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(applications);
        var profile = candidate.Profile;
        var hide = client.HideCandidateContacts;
        var known = hide ? KnownContacts.From(profile) : KnownContacts.None;
        var region = profile.Address?.Country;
        string Mask(string? text) => hide ? Redactor.Redact(text, known, region) : text ?? string.Empty;

        var views = new List<ClientApplicationView>(applications.Count);
        foreach (var visible in applications)
        {
            var application = visible.Application;
            var stageName = visible.Job?.Stages?.FirstOrDefault(s => s.Id == application.Stage)?.Name;
            var notes = visible.Notes
                .Where(n => !n.HiddenFromClients && n.Application == application.Id)
                .Select(n => new ClientNoteView(n.Id, Mask(n.Text), n.CreatedAt, IsClientOrigin(n.Origin)))
                .ToList();
            var replaced = visible.Documents.Where(d => d.ClientVersionOf is not null).Select(d => d.ClientVersionOf!.Value).ToHashSet();
            var documents = visible.Documents
                .Where(d => d.Application == application.Id && !replaced.Contains(d.Id))
                .Select(d => new ClientDocumentView(d.Id, Mask(d.FileName), d.ContentType, d.Kind, d.ClientVersionOf is not null))
                .ToList();
            views.Add(new ClientApplicationView(application.Id, application.Reference, application.Job!.Value, visible.Job?.Title, application.Stage, stageName,
                application.Status, application.AppliedAt, notes, documents));
        }

        return new ClientCandidateView
        {
            Id = candidate.Id,
            Name = profile.Name,
            ContactsHidden = hide,
            Contacts = hide ? null : new ClientContactDetails(profile.Emails, profile.Phones, profile.Address, profile.SocialLinks, profile.MessengerIds),
            Language = profile.Language,
            Skills = profile.Skills,
            Categories = profile.Categories,
            ResumeText = clientResumeText is not null ? Mask(clientResumeText) : profile.ResumeText is null ? null : Mask(profile.ResumeText),
            ResumeIsClientVersion = clientResumeText is not null,
            Applications = views,
        };
    }

    /// <summary>Builds one row of the client's candidate list.</summary>
    /// <param name="client">The client.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="application">The application to one of the client's vacancies.</param>
    /// <param name="excerptLength">The length of the résumé excerpt.</param>
    /// <returns>The row.</returns>
    public ClientCandidateListItem BuildListItem(ClientInfo client, Candidate candidate, ApplicationInfo application, int excerptLength)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(application);
        var profile = candidate.Profile;
        string? excerpt = null;
        if (profile.ResumeText is { Length: > 0 } resume && excerptLength > 0)
        {
            // Mask the whole text before cutting, so a contact that the cut would split is still recognised.
            var masked = client.HideCandidateContacts ? Redactor.Redact(resume, KnownContacts.From(profile), profile.Address?.Country) : resume;
            excerpt = masked.Length <= excerptLength ? masked : masked[..excerptLength];
        }

        return new ClientCandidateListItem(candidate.Id, profile.Name, application.Id, application.Reference, application.Job!.Value, application.Stage,
            application.Status, application.AppliedAt, profile.Skills, profile.Categories, excerpt);
    }

    /// <summary>An interview of the client's calendar: title and location masked like free text when contacts are hidden (a location may be the candidate's address or phone).</summary>
    public ClientInterviewView BuildInterview(ClientInfo client, InterviewInfo interview, Candidate? candidate)
    {
        var known = candidate is null ? KnownContacts.None : KnownContacts.From(candidate.Profile);
        var region = candidate?.Profile.Address?.Country;
        string? Mask(string? text) => client.HideCandidateContacts && text is not null ? Redactor.Redact(text, known, region) : text;
        return new ClientInterviewView(interview.Id, interview.Job, interview.Application, candidate?.Profile.Name.Full, interview.StartsAt, interview.EndsAt, Mask(interview.Title)!, Mask(interview.Location));
    }

    internal static bool IsClientOrigin(ActionOrigin? origin) => origin?.Actor is { } actor && actor.Value.StartsWith(ClientActorPrefix, StringComparison.Ordinal);

    /// <summary>The prefix of the actor id recorded for a client's effects (<c>client:ID</c>).</summary>
    public const string ClientActorPrefix = "client:";

    public static UserId ActorOf(ClientId client) => new(ClientActorPrefix + client.Value);
}
