using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Recruiting.References;

namespace Recruiting.Connectors.Tests.References;

internal sealed class MemorySecretStore : ISecretStore
{
    public ConcurrentDictionary<(TenantId, string), string> Values { get; } = new();

    public ValueTask SetAsync(TenantId tenant, string name, string secret, CancellationToken cancellationToken = default)
    {
        Values[(tenant, name)] = secret;
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> GetAsync(TenantId tenant, string name, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Values.TryGetValue((tenant, name), out var v) ? v : null);

    public ValueTask<bool> DeleteAsync(TenantId tenant, string name, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Values.TryRemove((tenant, name), out _));
}

internal sealed class MemorySettingsStore : IReferenceProviderSettingsStore
{
    public ConcurrentDictionary<TenantId, ReferenceProviderSettings> Values { get; } = new();

    public ValueTask<ReferenceProviderSettings?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Values.TryGetValue(tenant, out var v) ? v : null);

    public ValueTask SaveAsync(ReferenceProviderSettings settings, CancellationToken cancellationToken = default)
    {
        Values[settings.Tenant] = settings;
        return ValueTask.CompletedTask;
    }
}

internal sealed class MemoryLedger(TimeProvider time) : IIdempotencyLedger
{
    private readonly ConcurrentDictionary<(TenantId, IdempotencyKey), LedgerEntry> _entries = new();

    public ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_entries.GetOrAdd((tenant, key), _ => new LedgerEntry(tenant, key, operation, LedgerState.Pending, payload, null, time.GetUtcNow(), null)));

    public ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default)
    {
        var entry = _entries[(tenant, key)];
        _entries[(tenant, key)] = entry with { State = LedgerState.Done, Result = result, CompletedAt = time.GetUtcNow() };
        return ValueTask.CompletedTask;
    }

    public ValueTask<LedgerEntry?> GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_entries.TryGetValue((tenant, key), out var e) ? e : null);

    public async IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in _entries.Values.Where(e => e.State == LedgerState.Pending && e.Operation == operation && (tenant is null || e.Tenant == tenant)))
        {
            yield return entry;
        }

        await Task.CompletedTask;
    }
}

internal sealed class MemoryCheckStore : IReferenceCheckStore
{
    private readonly object _gate = new();
    private readonly List<ReferenceCheckRecord> _records = [];

    public IReadOnlyList<ReferenceCheckRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.ToList();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    public ValueTask<(ReferenceCheckRecord Record, bool Added)> AddAsync(ReferenceCheckRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var existing = _records.FirstOrDefault(r => r.Tenant == record.Tenant && (r.CheckId == record.CheckId || r.Key == record.Key));
            if (existing is not null)
            {
                return ValueTask.FromResult((existing, false));
            }

            _records.Add(record);
            return ValueTask.FromResult((record, true));
        }
    }

    public ValueTask<ReferenceCheckRecord?> GetAsync(TenantId tenant, string checkId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_records.FirstOrDefault(r => r.Tenant == tenant && r.CheckId == checkId));
        }
    }

    public ValueTask<ReferenceCheckRecord?> FindByProviderIdAsync(TenantId tenant, string provider, string providerCheckId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_records.FirstOrDefault(r => r.Tenant == tenant && r.Provider == provider && r.ProviderCheckId == providerCheckId));
        }
    }

    public async IAsyncEnumerable<ReferenceCheckRecord> ListAsync(TenantId tenant, JobId? job = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var r in Records.Where(r => r.Tenant == tenant && (job is null || r.Job == job)))
        {
            yield return r;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<ReferenceCheckRecord> ListOpenAsync(TenantId tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var r in Records.Where(r => r.Tenant == tenant && ((int)r.State < 3 || (r.State == ReferenceCheckState.Completed && r.ReportDocument is null))))
        {
            yield return r;
        }

        await Task.CompletedTask;
    }

    public ValueTask<ReferenceCheckRecord?> ApplyStatusAsync(TenantId tenant, string checkId, ProviderCheckStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.Tenant == tenant && r.CheckId == checkId);
            var r = _records[index];
            if (!(r.Sequence < status.Sequence || (r.Sequence == status.Sequence && r.ProviderUpdatedAt < status.UpdatedAt)))
            {
                return ValueTask.FromResult<ReferenceCheckRecord?>(null);
            }

            var updated = r with { State = status.State, Requested = status.Requested, Answered = status.Answered, CandidateUrl = status.CandidateUrl, Sequence = status.Sequence, ProviderUpdatedAt = status.UpdatedAt, UpdatedAt = now };
            _records[index] = updated;
            return ValueTask.FromResult<ReferenceCheckRecord?>(updated);
        }
    }

    public ValueTask<bool> MarkReportFiledAsync(TenantId tenant, string checkId, DocumentId document, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.Tenant == tenant && r.CheckId == checkId);
            if (_records[index].ReportDocument is not null)
            {
                return ValueTask.FromResult(false);
            }

            _records[index] = _records[index] with { ReportDocument = document, UpdatedAt = now };
            return ValueTask.FromResult(true);
        }
    }
}

/// <summary>A provider played in memory, for workflow tests; the HTTP client is tested against the contract separately.</summary>
internal sealed class FakeProvider(TimeProvider time) : IReferenceCheckProvider
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ProviderCheckStatus> _byKey = new(StringComparer.Ordinal);

    public string Name => "http";

    public bool Down { get; set; }

    public int Creates { get; private set; }

    public int ReportFetches { get; private set; }

    public List<ProviderCheckRequest> Requests { get; } = [];

    public Dictionary<string, ProviderCheckStatus> Checks { get; } = new(StringComparer.Ordinal);

    public Func<ReferenceCallbackRequest, CallbackReadResult>? Callback { get; set; }

    public ValueTask<IReadOnlyList<ReferenceSubAccount>> ListSubAccountsAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return ValueTask.FromResult<IReadOnlyList<ReferenceSubAccount>>([new("main", "Huvudkonto", 5), new("it", "IT", 3)]);
    }

    public ValueTask<IReadOnlyList<ReferenceLanguage>> ListLanguagesAsync(TenantId tenant, string subAccount, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return ValueTask.FromResult<IReadOnlyList<ReferenceLanguage>>([new("sv", "Svenska"), new("en", "English")]);
    }

    public ValueTask<IReadOnlyList<ReferenceTemplate>> ListTemplatesAsync(TenantId tenant, string subAccount, string language, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        ReferenceTemplate[] all = [new("tpl-sv", "Standard", "sv"), new("tpl-en", "Standard", "en")];
        return ValueTask.FromResult<IReadOnlyList<ReferenceTemplate>>(all.Where(t => t.Language == language).ToList());
    }

    public ValueTask<ProviderCheckStatus> CreateCheckAsync(TenantId tenant, ProviderCheckRequest request, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        lock (_gate)
        {
            Creates++;
            if (_byKey.TryGetValue(key.Value, out var first))
            {
                return ValueTask.FromResult(first);
            }

            Requests.Add(request);
            var status = new ProviderCheckStatus
            {
                ProviderCheckId = $"p-{Checks.Count + 1}",
                CheckId = request.CheckId,
                State = ReferenceCheckState.Requested,
                Requested = request.ReferenceCount,
                Answered = 0,
                CandidateUrl = new Uri($"https://provider.test/c/{Checks.Count + 1}"),
                Sequence = 1,
                UpdatedAt = time.GetUtcNow(),
            };
            _byKey[key.Value] = status;
            Checks[status.ProviderCheckId] = status;
            return ValueTask.FromResult(status);
        }
    }

    public ProviderCheckStatus Advance(string providerCheckId, ReferenceCheckState state, int answered)
    {
        lock (_gate)
        {
            var current = Checks[providerCheckId];
            var next = current with { State = state, Answered = answered, Sequence = current.Sequence + 1, UpdatedAt = time.GetUtcNow() };
            Checks[providerCheckId] = next;
            return next;
        }
    }

    public ValueTask<ProviderCheckStatus?> GetStatusAsync(TenantId tenant, string providerCheckId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        lock (_gate)
        {
            return ValueTask.FromResult(Checks.TryGetValue(providerCheckId, out var s) ? s : null);
        }
    }

    public ValueTask<ReferenceReportDocument> GetReportAsync(TenantId tenant, string providerCheckId, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        ReportFetches++;
        var bytes = "%PDF-1.4 report "u8.ToArray().Concat(System.Text.Encoding.ASCII.GetBytes(providerCheckId)).ToArray();
        return ValueTask.FromResult(new ReferenceReportDocument($"report-{providerCheckId}.pdf", "application/pdf", bytes.Length, new MemoryStream(bytes)));
    }

    public ValueTask<CallbackReadResult> ReadCallbackAsync(TenantId tenant, ReferenceCallbackRequest callback, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Callback!(callback));

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new ReferenceProviderException(ReferenceProviderProblem.Unavailable, "down");
        }
    }
}
