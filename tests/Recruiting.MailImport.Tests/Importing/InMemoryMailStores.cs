using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Recruiting.MailImport;

namespace Recruiting.MailImport.Tests.Importing;

/// <summary>In-memory SDK stores for the importer's unit tests (the SQLite ones are tested in Storage.Sqlite.Tests).</summary>
internal sealed class InMemoryMailStores : ITenantMailSettingsStore, IMailQuarantineStore, IMailboxCheckpointStore, IIdempotencyLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<TenantId, TenantMailSettings> _settings = [];
    private readonly List<(QuarantinedMail Mail, byte[] Raw)> _quarantine = [];
    private readonly ConcurrentDictionary<string, MailboxCheckpoint> _checkpoints = new();
    private readonly Dictionary<(TenantId, string), LedgerEntry> _ledger = [];
    private readonly TimeProvider _time;
    private int _sequence;

    public InMemoryMailStores(TimeProvider time) => _time = time;

    public IReadOnlyList<QuarantinedMail> Quarantine
    {
        get
        {
            lock (_gate)
            {
                return _quarantine.Select(q => q.Mail).ToList();
            }
        }
    }

    public IReadOnlyList<LedgerEntry> Ledger
    {
        get
        {
            lock (_gate)
            {
                return _ledger.Values.ToList();
            }
        }
    }

    /// <summary>Throws after the ledger's CompleteAsync is called this many more times (a crash before the mark), when set.</summary>
    public Func<IdempotencyKey, Exception?>? BeforeComplete { get; set; }

    public ValueTask SaveAsync(TenantMailSettings settings, CancellationToken cancellationToken = default)
    {
        InvalidTenantMailSettingsException.ThrowIfInvalid(settings);
        lock (_gate)
        {
            foreach (var address in settings.ImportAddresses)
            {
                if (_settings.Values.Any(s => s.Tenant != settings.Tenant && s.ImportAddresses.Contains(address, StringComparer.OrdinalIgnoreCase)))
                {
                    throw new ArgumentException($"Import address '{address}' already belongs to another tenant.", nameof(settings));
                }
            }

            _settings[settings.Tenant] = settings;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<TenantMailSettings?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_settings.GetValueOrDefault(tenant));
        }
    }

    public ValueTask<TenantMailSettings?> FindByImportAddressAsync(string importAddress, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_settings.Values.FirstOrDefault(s => s.ImportAddresses.Contains(importAddress, StringComparer.OrdinalIgnoreCase)));
        }
    }

    public async IAsyncEnumerable<TenantId> ListTenantsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<TenantId> tenants;
        lock (_gate)
        {
            tenants = _settings.Keys.OrderBy(t => t.Value, StringComparer.Ordinal).ToList();
        }

        foreach (var tenant in tenants)
        {
            yield return tenant;
        }

        await Task.CompletedTask;
    }

    public async ValueTask<QuarantineAddResult> AddAsync(QuarantineRequest request, Stream raw, CancellationToken cancellationToken = default)
    {
        using var copy = new MemoryStream();
        await raw.CopyToAsync(copy, cancellationToken);
        lock (_gate)
        {
            var index = _quarantine.FindIndex(q => q.Mail.State == QuarantineState.Held && q.Mail.Request.Tenant == request.Tenant && q.Mail.Request.MessageKey == request.MessageKey);
            if (index >= 0)
            {
                var existing = _quarantine[index];
                var updated = existing.Mail with { Request = existing.Mail.Request with { Reason = request.Reason, Detail = request.Detail, Reference = request.Reference }, Attempts = existing.Mail.Attempts + 1 };
                _quarantine[index] = (updated, existing.Raw);
                return new QuarantineAddResult(updated, false);
            }

            var mail = new QuarantinedMail($"q-{++_sequence}", request, copy.Length, QuarantineState.Held, 1, null, null);
            _quarantine.Add((mail, copy.ToArray()));
            return new QuarantineAddResult(mail, true);
        }
    }

    ValueTask<QuarantinedMail?> IMailQuarantineStore.GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<QuarantinedMail?>(_quarantine.FirstOrDefault(q => q.Mail.Id == id).Mail);
        }
    }

    public ValueTask<Stream?> OpenRawAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _quarantine.FirstOrDefault(q => q.Mail.Id == id);
            return ValueTask.FromResult<Stream?>(found.Raw is null ? null : new MemoryStream(found.Raw, writable: false));
        }
    }

    public async IAsyncEnumerable<QuarantinedMail> ListAsync(TenantId? tenant = null, QuarantineState? state = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var mail in Quarantine.Where(m => (tenant is null || m.Request.Tenant == tenant) && (state is null || m.State == state)))
        {
            yield return mail;
        }

        await Task.CompletedTask;
    }

    public ValueTask<bool> ReleaseAsync(string id, string? historyEntry, DateTimeOffset releasedAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _quarantine.FindIndex(q => q.Mail.Id == id && q.Mail.State == QuarantineState.Held);
            if (index < 0)
            {
                return ValueTask.FromResult(false);
            }

            var existing = _quarantine[index];
            _quarantine[index] = (existing.Mail with { State = QuarantineState.Released, ReleasedAt = releasedAt, HistoryEntry = historyEntry }, existing.Raw);
            return ValueTask.FromResult(true);
        }
    }

    ValueTask<MailboxCheckpoint?> IMailboxCheckpointStore.GetAsync(string source, CancellationToken cancellationToken)
        => ValueTask.FromResult(_checkpoints.TryGetValue(source, out var c) ? c : null);

    ValueTask IMailboxCheckpointStore.SaveAsync(string source, MailboxCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        _checkpoints[source] = checkpoint;
        return ValueTask.CompletedTask;
    }

    public ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_ledger.TryGetValue((tenant, key.Value), out var entry))
            {
                entry = new LedgerEntry(tenant, key, operation, LedgerState.Pending, payload, null, _time.GetUtcNow(), null);
                _ledger[(tenant, key.Value)] = entry;
            }

            return ValueTask.FromResult(entry);
        }
    }

    public ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default)
    {
        if (BeforeComplete?.Invoke(key) is { } crash)
        {
            throw crash;
        }

        lock (_gate)
        {
            if (!_ledger.TryGetValue((tenant, key.Value), out var entry))
            {
                throw new InvalidOperationException("never begun");
            }

            _ledger[(tenant, key.Value)] = entry with { State = LedgerState.Done, Result = result, CompletedAt = _time.GetUtcNow() };
        }

        return ValueTask.CompletedTask;
    }

    ValueTask<LedgerEntry?> IIdempotencyLedger.GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_ledger.GetValueOrDefault((tenant, key.Value)));
        }
    }

    public async IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in Ledger.Where(e => e.State == LedgerState.Pending && e.Operation == operation && (tenant is null || e.Tenant == tenant)))
        {
            yield return entry;
        }

        await Task.CompletedTask;
    }
}
