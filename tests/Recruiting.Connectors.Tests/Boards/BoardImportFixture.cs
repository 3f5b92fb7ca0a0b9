using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;
using Recruiting.Testing;

namespace Recruiting.Connectors.Tests.Boards;

/// <summary>Board import wired the way a host wires it: in-memory host, fake clock, a real SQLite file in a temp folder.</summary>
internal sealed class BoardImportFixture : IDisposable
{
    public static readonly TenantId Tenant = new("t1");

    private readonly TestTempDirectory _directory;

    public BoardImportFixture(Action<BoardImportOptions>? configure = null, TestTempDirectory? directory = null, FakeTimeProvider? time = null, InMemoryHost? host = null, Action<IServiceCollection>? services = null)
    {
        _directory = directory ?? new TestTempDirectory();
        OwnsDirectory = directory is null;
        Host = host ?? new InMemoryHost();
        Host.AddTenant(Tenant.Value);
        Host.AddJob(Tenant, "job-sales", "営業");
        Time = time ?? new FakeTimeProvider(TestServices.Start);
        var collection = TestServices.Create(Host, Time);
        collection.AddRecruiting().UseSqliteStorage(DatabasePath).AddBoardImport(configure ?? (_ => { }));
        services?.Invoke(collection);
        Provider = collection.BuildServiceProvider();
    }

    public bool OwnsDirectory { get; }

    public TestTempDirectory Directory => _directory;

    public string DatabasePath => _directory.File("recruiting.db");

    public InMemoryHost Host { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public IBoardAccounts Accounts => Get<IBoardAccounts>();

    public IBoardSettingsStore Settings => Get<IBoardSettingsStore>();

    public IBoardImportHistoryStore History => Get<IBoardImportHistoryStore>();

    public BoardImportPipeline Pipeline => Get<BoardImportPipeline>();

    public IBoardFileImporter Files => Get<IBoardFileImporter>();

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public async Task<BoardAccount> AddAccountAsync(string board = "マイナビ転職", string name = "default", IReadOnlyDictionary<string, string>? extra = null)
    {
        var result = await Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = board, Name = name, LoginId = "login-" + name, Password = "pw-" + name, ExtraFields = extra ?? new Dictionary<string, string>() });
        result.Problems.Should().BeEmpty();
        return result.Account!;
    }

    public Task MapAllAsync(string board = "マイナビ転職") => Settings.SetMappingAsync(Tenant, new PostingMapping(board, null, PostingMatch.Any, new JobId("job-sales"), new HiringFlowId("flow-sales"))).AsTask();

    /// <summary>Creates a fixture with the board's <c>default</c> account, every posting mapped and <paramref name="allowed"/> on the allow-list.</summary>
    public static async Task<BoardImportFixture> ReadyAsync(params string[] allowed)
    {
        var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();
        foreach (var posting in allowed)
        {
            await fixture.AllowAsync(posting);
        }

        return fixture;
    }

    /// <summary>Starts an automatic run of the board's <c>default</c> account.</summary>
    public async Task<BoardImportRun> StartAutomaticRunAsync() => (await Pipeline.StartRunAsync(Tenant, "マイナビ転職", "default", ImportTrigger.Automatic))!;

    public Task AllowAsync(string postingId, string board = "マイナビ転職") => Settings.AddActivePostingAsync(Tenant, new ActivePosting(board, null, PostingMatch.ById(postingId))).AsTask();

    public static BoardApplicant Applicant(string? id, string name = "山田 太郎", string posting = "P1", string? email = "taro@example.jp", DateTimeOffset? appliedAt = null, string? phone = null) => new()
    {
        BoardApplicantId = id,
        PostingId = posting,
        PostingTitle = "営業スタッフ",
        AppliedAt = appliedAt ?? new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(9)),
        Profile = new CandidateProfile
        {
            Name = new PersonName(name, Phonetic: "ヤマダ タロウ"),
            Emails = email is null ? [] : [email],
            Phones = phone is null ? [] : [phone],
            BirthDate = new DateOnly(1990, 4, 1),
        },
    };

    public void Dispose()
    {
        Provider.Dispose();
        if (OwnsDirectory)
        {
            _directory.Dispose();
        }
    }
}
