using System.Text.Json;
using FsCheck.Xunit;

namespace Recruiting.ClientAccess.Tests.Security;

/// <summary>Security properties over random worlds (FsCheck drives the seeds).</summary>
public sealed class ClientAccessPropertyTests
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Property(MaxTest = 40)]
    public void AClientNeverReachesAnythingOutsideItsVacanciesOrTenant(int seed)
    {
        using var host = new ClientAccessTestHost();
        var world = new RandomWorld(host, seed);
        Sync.Run(async () =>
        {
            foreach (var client in world.Clients)
            {
                var principal = ClientAccessTestHost.PrincipalOf(client);
                var active = client.Status == ClientStatus.Active;
                // Ids are asked in the client's own tenant: the same ids in other tenants name other things it never reaches.
                var tenant = client.Tenant;
                var foreign = world.Tenants.Where(t => t != tenant).SelectMany(world.CandidatesOf).SelectMany(c => c.Profile.Emails.Append(c.Profile.Name.Full)).ToList();
                foreach (var job in world.Jobs[tenant])
                {
                    var allowed = (await host.Portal.AuthorizeAsync(principal, new VacancyResource(job))).Allowed;
                    allowed.Should().Be(active && client.Vacancies.Contains(job));
                }

                foreach (var application in world.ApplicationsOf(tenant))
                {
                    var inScope = active && client.Vacancies.Contains(application.Job!.Value);
                    (await host.Portal.AuthorizeAsync(principal, new ApplicationResource(application.Id))).Allowed.Should().Be(inScope);
                }

                foreach (var candidate in world.Tenants.SelectMany(world.CandidatesOf))
                {
                    var reachable = active && world.ApplicationsOf(tenant).Any(a => a.Candidate == candidate.Id && client.Vacancies.Contains(a.Job!.Value));
                    var view = await host.Portal.GetCandidateViewAsync(principal, candidate.Id);
                    view.Succeeded.Should().Be(reachable);
                    if (view.Value is { } v)
                    {
                        v.Applications.Should().OnlyContain(a => client.Vacancies.Contains(a.Job));
                        v.Name.Should().Be(host.Host.Candidates[(tenant, candidate.Id)].Profile.Name);
                        var json = JsonSerializer.Serialize(v, Json);
                        foreach (var value in foreign)
                        {
                            json.Should().NotContainEquivalentOf(value);
                        }

                        foreach (var other in world.Tenants.Where(t => t != tenant))
                        {
                            json.Should().NotContain($"-{other.Value}-");
                        }
                    }
                }

                foreach (var note in host.Host.Notes.Where(n => n.Tenant == tenant).Select(n => new { n.Application, n.Id, n.Note.HiddenFromClients }).ToList())
                {
                    var application = host.Host.Applications[(tenant, note.Application)];
                    var expected = active && client.Vacancies.Contains(application.Job!.Value) && !note.HiddenFromClients;
                    (await host.Portal.AuthorizeAsync(principal, new NoteResource(note.Application, note.Id))).Allowed.Should().Be(expected);
                }

                foreach (var document in host.Host.Documents.Where(d => d.Tenant == tenant).Select(d => d.Document).ToList())
                {
                    var application = host.Host.Applications[(tenant, document.Application)];
                    var replaced = host.Host.Documents.Any(d => d.Tenant == tenant && d.Document.ClientVersionOf == document.Id);
                    var expected = active && client.Vacancies.Contains(application.Job!.Value) && !replaced;
                    (await host.Portal.AuthorizeAsync(principal, new DocumentResource(document.Application, document.Id))).Allowed.Should().Be(expected);
                }

                foreach (var interview in host.Host.Interviews.Where(i => i.Tenant == tenant).Select(i => i.Interview).ToList())
                {
                    var expected = active && client.Vacancies.Contains(interview.Job);
                    (await host.Portal.AuthorizeAsync(principal, new InterviewResource(interview.Id))).Allowed.Should().Be(expected);
                }

                var list = await host.Portal.ListCandidatesAsync(principal, pageSize: 100);
                if (list.Value is { } page)
                {
                    foreach (var item in page.Items)
                    {
                        client.Vacancies.Should().Contain(item.Job);
                        host.Host.Applications.Should().ContainKey((client.Tenant, item.Application));
                    }
                }
            }
        });
    }

    [Property(MaxTest = 40)]
    public void WithContactsHidden_NoEmailOrPhoneOfTheRecordAppearsInTheSerialisedView(int seed)
    {
        using var host = new ClientAccessTestHost();
        var world = new RandomWorld(host, seed);
        Sync.Run(async () =>
        {
            foreach (var client in world.Clients.Where(c => c.HideCandidateContacts && c.Status == ClientStatus.Active))
            {
                var principal = ClientAccessTestHost.PrincipalOf(client);
                foreach (var candidate in world.CandidatesOf(client.Tenant))
                {
                    var view = await host.Portal.GetCandidateViewAsync(principal, candidate.Id);
                    if (view.Value is null)
                    {
                        continue;
                    }

                    var json = JsonSerializer.Serialize(view.Value, Json);
                    foreach (var email in candidate.Profile.Emails)
                    {
                        json.Should().NotContainEquivalentOf(email);
                    }

                    foreach (var phone in candidate.Profile.Phones)
                    {
                        foreach (var form in RandomWorld.PhoneForms(phone))
                        {
                            json.Should().NotContain(form);
                        }
                    }

                    foreach (var value in candidate.Profile.SocialLinks.Concat(candidate.Profile.MessengerIds))
                    {
                        json.Should().NotContain(value);
                    }
                }

                var list = await host.Portal.ListCandidatesAsync(principal, pageSize: 100);
                var listJson = JsonSerializer.Serialize(list.Value, Json);
                foreach (var candidate in world.CandidatesOf(client.Tenant))
                {
                    foreach (var email in candidate.Profile.Emails)
                    {
                        listJson.Should().NotContainEquivalentOf(email);
                    }

                    foreach (var form in candidate.Profile.Phones.SelectMany(RandomWorld.PhoneForms))
                    {
                        listJson.Should().NotContain(form);
                    }
                }
            }
        });
    }

    [Property(MaxTest = 40)]
    public void AHiddenNoteNeverAppears(int seed)
    {
        using var host = new ClientAccessTestHost();
        var world = new RandomWorld(host, seed);
        Sync.Run(async () =>
        {
            foreach (var client in world.Clients.Where(c => c.Status == ClientStatus.Active))
            {
                foreach (var candidate in world.CandidatesOf(client.Tenant))
                {
                    var view = await host.Portal.GetCandidateViewAsync(ClientAccessTestHost.PrincipalOf(client), candidate.Id);
                    if (view.Value is { } v)
                    {
                        JsonSerializer.Serialize(v, Json).Should().NotContain("SECRET-");
                        var expectedOpen = host.Host.Notes.Count(n => n.Tenant == client.Tenant && !n.Note.HiddenFromClients
                            && v.Applications.Any(a => a.Id == n.Application));
                        v.Applications.Sum(a => a.Notes.Count).Should().Be(expectedOpen);
                    }
                }
            }
        });
    }

    [Property(MaxTest = 40)]
    public void ABlockedClientGetsNothing(int seed)
    {
        using var host = new ClientAccessTestHost();
        var world = new RandomWorld(host, seed);
        Sync.Run(async () =>
        {
            foreach (var active in world.Clients.Where(c => c.Status == ClientStatus.Active).ToList())
            {
                // Block every client, whatever it could see before.
                var client = active with { Status = ClientStatus.Blocked };
                await host.SaveClientAsync(client);
                world.Clients[world.Clients.IndexOf(active)] = client;
            }

            foreach (var client in world.Clients)
            {
                var principal = ClientAccessTestHost.PrincipalOf(client);
                foreach (var candidate in world.CandidatesOf(client.Tenant))
                {
                    (await host.Portal.GetCandidateViewAsync(principal, candidate.Id)).Refusal.Should().Be(ClientRefusal.ClientBlocked);
                }

                foreach (var job in world.Jobs[client.Tenant])
                {
                    (await host.Portal.AuthorizeAsync(principal, new VacancyResource(job))).Allowed.Should().BeFalse();
                }

                (await host.Portal.ListCandidatesAsync(principal)).Refusal.Should().Be(ClientRefusal.ClientBlocked);
                (await host.Portal.GetPipelineAsync(principal)).Refusal.Should().Be(ClientRefusal.ClientBlocked);
                (await host.Portal.GetInterviewCalendarAsync(principal, Recruiting.Testing.TestServices.Start, Recruiting.Testing.TestServices.Start.AddDays(30))).Refusal.Should().Be(ClientRefusal.ClientBlocked);
                foreach (var application in world.ApplicationsOf(client.Tenant))
                {
                    (await host.Portal.PerformAsync(principal, new AddClientNote(application.Id, "hi", "r"))).Refusal.Should().Be(ClientRefusal.ClientBlocked);
                }
            }

            host.Host.Notes.Should().NotContain(n => n.Note.Origin != null, "a blocked client adds no note");
            host.Host.Events.Should().BeEmpty();
        });
    }
}

/// <summary>Runs the async checks of a property; the in-memory ports complete synchronously.</summary>
internal static class Sync
{
    public static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();
}
