using BenchmarkDotNet.Attributes;
using Recruiting.ClientAccess;
using Recruiting.ClientAccess.Redaction;

namespace Recruiting.Benchmarks.ClientAccess;

/// <summary>Redacting one candidate view with a 2-page résumé text and three notes. Target: under 50 µs.</summary>
[MemoryDiagnoser]
public class CandidateRedactionBenchmark
{
    private ClientViewBuilder _builder = null!;
    private Candidate _candidate = null!;
    private VisibleApplication[] _applications = null!;
    private ClientInfo _hidden = null!;
    private ClientInfo _visible = null!;

    [GlobalSetup]
    public void Setup()
    {
        _builder = new ClientViewBuilder(new ContactRedactor(ContactRedactor.DefaultRegions));
        _candidate = new Candidate(new CandidateId("cand-1"), MemoryHost.Tenant, MemoryHost.Profile(1, pages: 2));
        var application = new ApplicationInfo { Id = new ApplicationId("app-1"), Tenant = MemoryHost.Tenant, Reference = new ApplicationReference("2024-1"), Candidate = _candidate.Id, Job = new JobId("job-1") };
        var notes = new[]
        {
            new NoteInfo(new NoteId("n1"), application.Id, "Internal: expects 9M JPY", DateTimeOffset.UnixEpoch),
            new NoteInfo(new NoteId("n2"), application.Id, "Great fit; call him on 090-1001-0007 after 18:00.", DateTimeOffset.UnixEpoch, HiddenFromClients: false),
            new NoteInfo(new NoteId("n3"), application.Id, "Client asked for a second interview in 2025.", DateTimeOffset.UnixEpoch, HiddenFromClients: false),
        };
        _applications = [new VisibleApplication(application, null, notes, [new DocumentInfo(new DocumentId("d1"), application.Id, "cv candidate.1@example.jp.pdf", "application/pdf", DocumentKind.Cv)])];
        _hidden = new ClientInfo { Id = new ClientId("h"), Tenant = MemoryHost.Tenant, Name = "H", Email = "h@x.example", HideCandidateContacts = true, Vacancies = [new JobId("job-1")] };
        _visible = _hidden with { HideCandidateContacts = false };
    }

    /// <summary>Reads every character of the résumé once: shows what one pass costs on the machine the figures come from.</summary>
    [Benchmark]
    public int ScanResumeOnce()
    {
        var count = 0;
        foreach (var c in _candidate.Profile.ResumeText!)
        {
            if (char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(Baseline = true)]
    public ClientCandidateView ViewContactsVisible() => _builder.BuildCandidate(_visible, _candidate, _applications, null);

    [Benchmark]
    public ClientCandidateView ViewContactsHidden() => _builder.BuildCandidate(_hidden, _candidate, _applications, null);
}
