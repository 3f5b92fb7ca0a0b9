using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Recruiting.MailImport;
using Recruiting.MailImport.Attachments;
using Recruiting.MailImport.Importing;

namespace Recruiting.Benchmarks.MailImport;

/// <summary>
/// In-memory host ports and SDK stores for the import benchmarks: documents are streamed into <see cref="Stream.Null"/>
/// (counting bytes, as a host writing to blob storage would), the ledger is a dictionary the benchmark clears per operation.
/// </summary>
internal sealed class BenchMailHost : IApplicationDirectory, IApplicationHistory, IUserDirectory, INotifier, ITenantMailSettingsStore, IMailQuarantineStore, IIdempotencyLedger
{
    public static readonly TenantId Tenant = new("bench");
    private readonly Dictionary<string, LedgerEntry> _ledger = new(StringComparer.Ordinal);
    private readonly ApplicationInfo _application = new()
    {
        Id = new ApplicationId("app-1"),
        Tenant = Tenant,
        Reference = new ApplicationReference("2024-000123"),
        Candidate = new CandidateId("cand-1"),
        ResponsibleUsers = [new UserId("hr")],
    };

    private readonly TenantMailSettings _settings = new() { Tenant = Tenant, ImportAddresses = ["import@bench.example"], SenderVerification = SenderVerification.AllowList, AllowedSenders = ["bench.example"] };
    private int _sequence;

    public long DocumentBytes { get; private set; }

    public int Quarantined { get; private set; }

    public void Reset()
    {
        _ledger.Clear();
        DocumentBytes = 0;
    }

    public IMailImporter CreateImporter(MailImportOptions options) => new MailImporter(
        Options.Create(options), this, this, this, this, this, this, this,
        new EventPublisher([], NullLogger<EventPublisher>.Instance),
        new FileNameAttachmentClassifier(),
        new MailImportTelemetry(),
        TimeProvider.System,
        NullLogger<MailImporter>.Instance);

    public ValueTask<ApplicationInfo?> FindByReferenceAsync(TenantId tenant, ApplicationReference reference, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(tenant == Tenant && reference == _application.Reference ? _application : null);

    public ValueTask<ApplicationInfo?> GetApplicationAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default) => ValueTask.FromResult<ApplicationInfo?>(_application);

    public ValueTask<Candidate?> GetCandidateAsync(TenantId tenant, CandidateId candidate, CancellationToken cancellationToken = default) => ValueTask.FromResult<Candidate?>(null);

    public ValueTask<JobInfo?> GetJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default) => ValueTask.FromResult<JobInfo?>(null);

    public ValueTask<TalentPoolInfo?> GetTalentPoolAsync(TenantId tenant, TalentPoolId pool, CancellationToken cancellationToken = default) => ValueTask.FromResult<TalentPoolInfo?>(null);

    public async IAsyncEnumerable<ApplicationInfo> ListApplicationsAsync(TenantId tenant, JobId job, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask<HistoryEntryId> AppendAsync(TenantId tenant, ApplicationId application, HistoryEntry entry, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(new HistoryEntryId("h-" + ++_sequence));

    public async ValueTask<DocumentId> AddDocumentAsync(TenantId tenant, ApplicationId application, DocumentUpload document, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        var stream = await document.OpenRead(cancellationToken);
        await using (stream)
        {
            var counter = new TypicalReply.CountingStream();
            await stream.CopyToAsync(counter, cancellationToken);
            DocumentBytes += counter.Length;
        }

        return new DocumentId("d-" + ++_sequence);
    }

    public async IAsyncEnumerable<StoredHistoryEntry> ListAsync(TenantId tenant, ApplicationId application, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask<UserInfo?> GetUserAsync(TenantId tenant, UserId user, CancellationToken cancellationToken = default) => ValueTask.FromResult<UserInfo?>(null);

    public ValueTask<UserInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default) => ValueTask.FromResult<UserInfo?>(null);

    public ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask SaveAsync(TenantMailSettings settings, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<TenantMailSettings?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default) => ValueTask.FromResult<TenantMailSettings?>(tenant == Tenant ? _settings : null);

    public ValueTask<TenantMailSettings?> FindByImportAddressAsync(string importAddress, CancellationToken cancellationToken = default) => ValueTask.FromResult<TenantMailSettings?>(_settings);

    public async IAsyncEnumerable<TenantId> ListTenantsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield return Tenant;
    }

    public ValueTask<QuarantineAddResult> AddAsync(QuarantineRequest request, Stream raw, CancellationToken cancellationToken = default)
    {
        Quarantined++;
        return ValueTask.FromResult(new QuarantineAddResult(new QuarantinedMail("q", request, raw.Length, QuarantineState.Held, 1, null, null), true));
    }

    ValueTask<QuarantinedMail?> IMailQuarantineStore.GetAsync(string id, CancellationToken cancellationToken) => ValueTask.FromResult<QuarantinedMail?>(null);

    public ValueTask<Stream?> OpenRawAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult<Stream?>(null);

    public async IAsyncEnumerable<QuarantinedMail> ListAsync(TenantId? tenant = null, QuarantineState? state = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask<bool> ReleaseAsync(string id, string? historyEntry, DateTimeOffset releasedAt, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default)
    {
        if (!_ledger.TryGetValue(key.Value, out var entry))
        {
            entry = new LedgerEntry(tenant, key, operation, LedgerState.Pending, payload, null, DateTimeOffset.UnixEpoch, null);
            _ledger[key.Value] = entry;
        }

        return ValueTask.FromResult(entry);
    }

    public ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default)
    {
        _ledger[key.Value] = _ledger[key.Value] with { State = LedgerState.Done, Result = result };
        return ValueTask.CompletedTask;
    }

    ValueTask<LedgerEntry?> IIdempotencyLedger.GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken)
        => ValueTask.FromResult(_ledger.TryGetValue(key.Value, out var e) ? e : null);

    public async IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }
}
