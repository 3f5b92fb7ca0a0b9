using BenchmarkDotNet.Attributes;
using Recruiting.ClientAccess;

namespace Recruiting.Benchmarks.ClientAccess;

/// <summary>Filtering and redacting one page (50 candidates) of a client's list; the host answers from memory over 100,000 applications across 2,000 vacancies. Target: under 5 ms.</summary>
[MemoryDiagnoser]
public class ClientCandidateListBenchmark
{
    private MemoryHost _host = null!;
    private ClientPortal _portal = null!;
    private ClientPrincipal _hidden = null!;
    private ClientPrincipal _visible = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new MemoryHost();
        _portal = _host.CreatePortal();
        JobId[] vacancies = [new("job-10"), new("job-20"), new("job-30"), new("job-40"), new("job-50")];
        _host.AddClient(new ClientInfo { Id = new ClientId("hidden"), Tenant = MemoryHost.Tenant, Name = "H", Email = "h@x.example", HideCandidateContacts = true, Vacancies = vacancies });
        _host.AddClient(new ClientInfo { Id = new ClientId("visible"), Tenant = MemoryHost.Tenant, Name = "V", Email = "v@x.example", Vacancies = vacancies });
        _hidden = new ClientPrincipal(MemoryHost.Tenant, new ClientId("hidden"), "s");
        _visible = new ClientPrincipal(MemoryHost.Tenant, new ClientId("visible"), "s");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> PageContactsVisible() => (await _portal.ListCandidatesAsync(_visible, pageSize: 50)).Value!.Items.Count;

    [Benchmark]
    public async Task<int> PageContactsHidden() => (await _portal.ListCandidatesAsync(_hidden, pageSize: 50)).Value!.Items.Count;
}
