using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.MailImport.Importing;
using Recruiting.Testing;

namespace Recruiting.MailImport.Tests.Importing;

/// <summary>
/// An importer wired the way a host wires it, over the in-memory host and in-memory SDK stores. Tenant <c>acme</c> owns
/// <c>import@acme.example</c>, trusts senders at <c>acme.example</c> and has applications 2024-000123 and 2024-000124;
/// tenant <c>beta</c> owns <c>import@beta.example</c> and application 2024-000999.
/// </summary>
internal sealed class ImportHarness : IDisposable
{
    public static readonly TenantId Acme = new("acme");
    public static readonly TenantId Beta = new("beta");

    public ImportHarness(Action<MailImportOptions>? configure = null, SenderVerification acmeVerification = SenderVerification.AllowList)
    {
        Time = new FakeTimeProvider(TestServices.Start);
        Host = new InMemoryHost();
        Host.AddTenant("acme", "Europe/Berlin");
        Host.AddTenant("beta", "Asia/Tokyo");
        Hr = Host.AddUser(Acme, "u-hr", "hr@acme.example", roles: [Roles.HrManager]);
        Department = Host.AddUser(Acme, "u-dept", "dept@acme.example", roles: [Roles.DepartmentUser]);
        var candidate = Host.AddCandidate(Acme, "c-1", new CandidateProfile { Name = new PersonName("Max Mustermann"), Emails = ["max@candidate.example"] });
        Application = Host.AddApplication(Acme, "a-123", "2024-000123", candidate.Id, null, [Hr.Id, Department.Id]);
        Host.AddApplication(Acme, "a-124", "2024-000124", candidate.Id, null, [Hr.Id]);
        var betaCandidate = Host.AddCandidate(Beta, "c-9", new CandidateProfile { Name = new PersonName("山田太郎") });
        Host.AddApplication(Beta, "b-999", "2024-000999", betaCandidate.Id, null);

        Stores = new InMemoryMailStores(Time);
        Stores.SaveAsync(new TenantMailSettings { Tenant = Acme, ImportAddresses = ["import@acme.example"], SenderVerification = acmeVerification, AllowedSenders = ["acme.example"] }).AsTask().GetAwaiter().GetResult();
        Stores.SaveAsync(new TenantMailSettings { Tenant = Beta, ImportAddresses = ["import@beta.example"], SenderVerification = SenderVerification.AllowList, AllowedSenders = ["beta.example"] }).AsTask().GetAwaiter().GetResult();

        var services = TestServices.Create(Host, Time);
        services.AddRecruiting().AddMailImport(o =>
        {
            o.TrustedAuthServIds.Add("mx.recruiting.example");
            configure?.Invoke(o);
        });
        services.AddSingleton<ITenantMailSettingsStore>(Stores);
        services.AddSingleton<IMailQuarantineStore>(Stores);
        services.AddSingleton<IMailboxCheckpointStore>(Stores);
        services.AddSingleton<IIdempotencyLedger>(Stores);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Importer = Services.GetRequiredService<IMailImporter>();
    }

    public FakeTimeProvider Time { get; }

    public InMemoryHost Host { get; }

    public UserInfo Hr { get; }

    public UserInfo Department { get; }

    public ApplicationInfo Application { get; }

    public InMemoryMailStores Stores { get; }

    public ServiceProvider Services { get; }

    public IMailImporter Importer { get; }

    public static string Eml(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "import", name);

    public async Task<ImportOutcome> ImportAsync(string file, TenantId? tenant = null)
    {
        await using var stream = File.OpenRead(Eml(file));
        return await Importer.ImportAsync(tenant ?? Acme, stream);
    }

    public void Dispose() => Services.Dispose();
}
