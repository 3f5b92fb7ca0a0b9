using System.Globalization;
using Recruiting.Testing;

namespace Recruiting.ClientAccess.Tests.Security;

/// <summary>A random set of tenants, vacancies, clients, candidates, applications, notes, documents and interviews.</summary>
internal sealed class RandomWorld
{
    private static readonly string[] Domains = ["example.jp", "docomo.ne.jp", "mail.example.de", "example.fr", "example.co.uk", "example.com", "yandex.example.ru"];

    public RandomWorld(ClientAccessTestHost host, int seed)
    {
        var random = new Random(seed);
        Host = host;
        var tenantCount = random.Next(1, 4);
        for (var t = 0; t < tenantCount; t++)
        {
            // The same ids in every tenant: scoping must come from the tenant, not from unique ids.
            var tenant = new TenantId("tenant-" + t.ToString(CultureInfo.InvariantCulture));
            Tenants.Add(tenant);
            host.Host.AddTenant(tenant.Value);
            host.Host.AddUser(tenant, "recruiter", $"recruiter@{tenant.Value}.example");
            var jobs = new List<JobId>();
            for (var j = 0; j < random.Next(1, 5); j++)
            {
                jobs.Add(host.Host.AddJob(tenant, $"job-{j}", $"Job {j}", recruiters: [new UserId("recruiter")]).Id);
            }

            Jobs[tenant] = jobs;
            var candidateCount = random.Next(1, 7);
            for (var c = 0; c < candidateCount; c++)
            {
                var profile = RandomProfile(random, c, t);
                var candidate = host.Host.AddCandidate(tenant, $"cand-{c}", profile);
                var applied = jobs.Where(_ => random.NextDouble() < 0.5).ToList();
                foreach (var job in applied)
                {
                    var app = host.Host.AddApplication(tenant, $"app-{c}-{job.Value}", $"{t}-{c}-{job.Value}", candidate.Id, job);
                    host.Host.Applications[(tenant, app.Id)] = app with { AppliedAt = TestServices.Start.AddHours(-random.Next(1, 500)) };
                    for (var n = 0; n < random.Next(0, 4); n++)
                    {
                        var hidden = random.NextDouble() < 0.5;
                        var marker = hidden ? "SECRET-" : "OPEN-";
                        var text = $"{marker}{tenant.Value}-{c}-{n} {RandomMention(random, profile)}";
                        host.AddNote(tenant, new NoteId($"note-{c}-{job.Value}-{n}"), app.Id, text, hidden);
                    }

                    var original = new DocumentId($"doc-{c}-{job.Value}");
                    host.Host.AddDocument(tenant, new DocumentInfo(original, app.Id, $"cv {profile.Emails[0]}.pdf", "application/pdf", DocumentKind.Cv));
                    if (random.NextDouble() < 0.5)
                    {
                        var version = new DocumentId($"doc-{c}-{job.Value}-client");
                        host.Host.AddDocument(tenant, new DocumentInfo(version, app.Id, "cv-for-clients.html", "text/html", DocumentKind.Cv, original), $"Client version. {RandomMention(random, profile)}");
                    }

                    if (random.NextDouble() < 0.5)
                    {
                        host.AddInterview(tenant, new InterviewInfo(new InterviewId($"int-{c}-{job.Value}"), app.Id, job, TestServices.Start.AddHours(random.Next(1, 200)), TestServices.Start.AddHours(201), "Interview"));
                    }
                }
            }

            var clientCount = random.Next(1, 4);
            var clientSpecs = Enumerable.Range(0, clientCount).Select(k => (Id: $"client-{k}", Vacancies: jobs.Where(_ => random.NextDouble() < 0.5).ToArray(), Hide: random.NextDouble() < 0.7, Blocked: random.NextDouble() < 0.2)).ToList();
            Sync.Run(async () =>
            {
                foreach (var spec in clientSpecs)
                {
                    var client = await host.AddClientAsync(tenant, spec.Id, spec.Hide, spec.Vacancies);
                    if (spec.Blocked)
                    {
                        client = await host.SaveClientAsync(client with { Status = ClientStatus.Blocked });
                    }

                    Clients.Add(client);
                }
            });
        }
    }

    public ClientAccessTestHost Host { get; }

    public List<TenantId> Tenants { get; } = [];

    public Dictionary<TenantId, List<JobId>> Jobs { get; } = [];

    public List<ClientInfo> Clients { get; } = [];

    public IEnumerable<Candidate> CandidatesOf(TenantId tenant) => Host.Host.Candidates.Values.Where(c => c.Tenant == tenant);

    public IEnumerable<ApplicationInfo> ApplicationsOf(TenantId tenant) => Host.Host.Applications.Values.Where(a => a.Tenant == tenant);

    /// <summary>Every form a phone of the record could take in text: as written, digits only, digits grouped differently.</summary>
    public static IEnumerable<string> PhoneForms(string phone)
    {
        yield return phone;
        var digits = new string(phone.Where(char.IsDigit).ToArray());
        yield return digits;
        yield return string.Join(' ', digits.Chunk(3).Select(c => new string(c)));
    }

    private static CandidateProfile RandomProfile(Random random, int index, int tenantIndex)
    {
        string D(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => random.Next(10).ToString(CultureInfo.InvariantCulture)));
        string[] formats =
        [
            $"090-{D(4)}-{D(4)}", $"+81 80 {D(4)} {D(4)}", $"+49 151 {D(8)}", $"+33 6 {D(2)} {D(2)} {D(2)} {D(2)}", $"+7 912 {D(3)}-{D(2)}-{D(2)}",
            $"(415) 555-{D(4)}", $"07700 {D(6)}", $"+38 044 {D(3)} {D(2)} {D(2)}", $"+46 70 {D(3)} {D(2)} {D(2)}", $"+1 {D(3)} {D(3)} {D(4)}",
        ];
        var local = new string(Enumerable.Range(0, random.Next(3, 10)).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var domain = Domains[random.Next(Domains.Length)];
        var email = domain.StartsWith("docomo", StringComparison.Ordinal) ? $"{local}..{tenantIndex}{index}.@{domain}" : $"{local}.t{tenantIndex}x{index}@{domain}";
        var phones = Enumerable.Range(0, random.Next(1, 3)).Select(_ => formats[random.Next(formats.Length)]).ToArray();
        var profile = new CandidateProfile
        {
            Name = new PersonName($"Candidate T{tenantIndex}-{index}"),
            Emails = [email],
            Phones = phones,
            Address = new PostalAddress([$"{random.Next(1, 99)}-{random.Next(1, 9)} Sakura-dori"], "100-0001", "Tokyo", Country: "JP"),
            SocialLinks = [$"https://www.linkedin.com/in/{local}"],
            MessengerIds = [$"telegram:@{local}_tg"],
            Skills = ["C#"],
        };
        return profile with { ResumeText = $"Candidate T{tenantIndex}-{index}. Worked 2019-2023. {RandomMention(random, profile)} Skills: C#, SQL. {RandomMention(random, profile)}" };
    }

    private static string RandomMention(Random random, CandidateProfile profile)
    {
        var phone = profile.Phones[random.Next(profile.Phones.Count)];
        var forms = PhoneForms(phone).ToArray();
        return random.Next(5) switch
        {
            0 => $"Mail {profile.Emails[0]} or call {forms[random.Next(forms.Length)]}.",
            1 => $"Tel: {forms[random.Next(forms.Length)]}",
            2 => $"Profile {profile.SocialLinks[0]} / {profile.MessengerIds[0]}",
            3 => $"({profile.Emails[0].ToUpperInvariant()})",
            _ => "No contact here.",
        };
    }
}
