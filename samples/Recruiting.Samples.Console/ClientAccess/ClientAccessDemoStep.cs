using Microsoft.Extensions.DependencyInjection;
using Recruiting.ClientAccess;
using Recruiting.Samples.Console.Ats;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.ClientAccess;

/// <summary>
/// <c>demo</c> → <c>clientAccess</c>: adds a client with contacts hidden, shows its view of a candidate next to the
/// recruiter's, lets the client move a stage and add a note, and shows the notifications that went out.
/// </summary>
internal sealed class ClientAccessDemoStep : IDemoStep
{
    public const string ClientEmail = "sato@customer.demo.example";
    private static readonly ApplicationId DemoApplication = new("app-demo-101");
    private static readonly CandidateId DemoCandidate = new("cand-demo-101");

    public string Section => "clientAccess";

    public async Task<object?> RunAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var ats = services.GetRequiredService<MiniAts>();
        var admin = services.GetRequiredService<ClientAdministration>();
        var invitations = services.GetRequiredService<ClientInvitations>();
        var portal = services.GetRequiredService<ClientPortal>();
        var clients = services.GetRequiredService<IClientDirectory>();
        var commands = services.GetRequiredService<IRecruitingCommands>();
        var ports = services.GetRequiredService<SampleClientAccessPorts>();
        var time = services.GetRequiredService<TimeProvider>();
        var sentBefore = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var message in ats.ListMessagesAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            sentBefore.Add(message.Id);
        }

        // The recruiter's notes on the candidate: one ticked "don't show to clients" (the default), one shared with clients.
        await commands.AddNoteAsync(tenant, DemoApplication, new NoteRequest("Salary expectation 9M JPY, negotiable. Called him on 090-1234-5678.", DemoTenantSeed.Recruiter),
            IdempotencyKey.Create("demo-client", "note-hidden"), cancellationToken).ConfigureAwait(false);
        await commands.AddNoteAsync(tenant, DemoApplication, new NoteRequest("Strong C# background; available from January. Reach him at taro.yamada@example.jp.", DemoTenantSeed.Recruiter, HiddenFromClients: false),
            IdempotencyKey.Create("demo-client", "note-shared"), cancellationToken).ConfigureAwait(false);

        // Adding the client sends its invitation (a demo database reused with --db reuses the client and invites again).
        var client = await clients.FindByEmailAsync(tenant, ClientEmail, cancellationToken).ConfigureAwait(false);
        ClientInvitationResult invitation;
        if (client is null)
        {
            var added = await admin.AddClientAsync(tenant, new NewClient
            {
                Name = "Hiroshi Sato (Customer K.K.)",
                Email = ClientEmail,
                Kind = ClientKind.External,
                HideCandidateContacts = true,
                Vacancies = [DemoTenantSeed.DemoJob],
            }, DemoTenantSeed.Recruiter, cancellationToken).ConfigureAwait(false);
            client = added.Client ?? throw new InvalidOperationException("The demo client could not be added: " + string.Join(", ", added.Errors));
            invitation = added.Invitation!;
        }
        else
        {
            invitation = await invitations.InviteAsync(tenant, client.Id, DemoTenantSeed.Recruiter, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The demo client is blocked.");
        }

        var token = Uri.UnescapeDataString(invitation.Link.Query.Split("token=")[1]);
        var session = (await invitations.RedeemAsync(tenant, token, cancellationToken).ConfigureAwait(false)).Session
            ?? throw new InvalidOperationException("The demo invitation could not be redeemed.");
        var principal = session.Principal;

        var recruiterView = await RecruiterViewAsync(services, tenant, cancellationToken).ConfigureAwait(false);
        var clientView = (await portal.GetCandidateViewAsync(principal, DemoCandidate, cancellationToken).ConfigureAwait(false)).Value;

        var requestSuffix = invitation.InvitationId;
        var move = await portal.PerformAsync(principal, new MoveApplicationStage(DemoApplication, new StageId("interview"), "move-" + requestSuffix), cancellationToken).ConfigureAwait(false);
        var note = await portal.PerformAsync(principal, new AddClientNote(DemoApplication, "Looks good — let's interview him next week.", "note-" + requestSuffix), cancellationToken).ConfigureAwait(false);

        // The recruiter sends the interview invitation; a copy goes to the vacancy's client without the candidate's contacts.
        var starts = time.GetUtcNow().AddDays(3);
        var interview = new InterviewInfo(new InterviewId("int-" + requestSuffix), DemoApplication, DemoTenantSeed.DemoJob, starts, starts.AddHours(1), "First interview", "Tokyo office, room 3",
            "Dear Taro Yamada, please confirm by replying to this mail or call us; we will call you on 090-1234-5678.");
        await ports.ScheduleInterviewAsync(tenant, interview, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<InterviewNotifications>().SendClientCopiesAsync(tenant, interview.Id, cancellationToken: cancellationToken).ConfigureAwait(false);

        var notifications = new List<object>();
        await foreach (var message in ats.ListMessagesAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            if (!sentBefore.Contains(message.Id))
            {
                notifications.Add(new { to = message.To, subject = message.Subject, body = message.TextBody });
            }
        }

        if (!move.Succeeded || !note.Succeeded)
        {
            throw new InvalidOperationException($"The demo client's actions were refused: {move.Refusal} {note.Refusal}");
        }

        return new { recruiterView, clientView, notifications };
    }

    private static async Task<object> RecruiterViewAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<IApplicationDirectory>();
        var notes = services.GetRequiredService<INoteReader>();
        var candidate = await directory.GetCandidateAsync(tenant, DemoCandidate, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The demo candidate is missing.");
        var application = await directory.GetApplicationAsync(tenant, DemoApplication, cancellationToken).ConfigureAwait(false);
        var noteViews = new List<object>();
        await foreach (var n in notes.ListNotesAsync(tenant, DemoApplication, cancellationToken).ConfigureAwait(false))
        {
            noteViews.Add(new { id = n.Id, text = n.Text, hiddenFromClients = n.HiddenFromClients });
        }

        return new
        {
            id = candidate.Id,
            name = candidate.Profile.Name,
            emails = candidate.Profile.Emails,
            phones = candidate.Profile.Phones,
            socialLinks = candidate.Profile.SocialLinks,
            skills = candidate.Profile.Skills,
            resumeText = candidate.Profile.ResumeText,
            application = application is null ? null : new { id = application.Id, reference = application.Reference, stage = application.Stage, status = application.Status },
            notes = noteViews,
        };
    }
}
