namespace Recruiting;

/// <summary>Where an effect stands in the SDK's ledger.</summary>
public enum LedgerState
{
    /// <summary>Recorded before the host was called; not yet known to be done.</summary>
    Pending,

    /// <summary>The host confirmed it.</summary>
    Done,
}

/// <summary>A ledger entry.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Key">The idempotency key.</param>
/// <param name="Operation">What the effect is (for example <c>board.intake</c>); replay code picks its own entries by it.</param>
/// <param name="State">The state.</param>
/// <param name="Payload">What the SDK needs to replay the call after a crash (JSON), when any.</param>
/// <param name="Result">The host's result (JSON), once done.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="CompletedAt">When it was marked done.</param>
public sealed record LedgerEntry(TenantId Tenant, IdempotencyKey Key, string Operation, LedgerState State, string? Payload, string? Result, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>One key to record as pending in <see cref="IIdempotencyLedger.BeginManyAsync"/>.</summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="Operation">The operation name.</param>
/// <param name="Payload">The replay payload.</param>
public readonly record struct LedgerBegin(IdempotencyKey Key, string Operation, string? Payload);

/// <summary>One key to mark done in <see cref="IIdempotencyLedger.CompleteManyAsync"/>.</summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="Result">The host's result (JSON).</param>
public readonly record struct LedgerCompletion(IdempotencyKey Key, string? Result);

/// <summary>
/// The pending/done ledger of ARCHITECTURE.md principle 2: record the key as pending, call the host with it,
/// mark it done. After a crash, pending entries are replayed with the same key and the host answers the first result.
/// </summary>
public interface IIdempotencyLedger
{
    /// <summary>Records a key as pending unless it is known; returns the entry as stored (the existing one when known).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="key">The key.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="payload">The replay payload.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored entry; <see cref="LedgerEntry.State"/> tells whether the effect is already done.</returns>
    ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default);

    /// <summary>Marks a key done with the host's result.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="key">The key.</param>
    /// <param name="result">The result (JSON).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the mark is durable.</returns>
    /// <exception cref="InvalidOperationException">The key was never begun.</exception>
    ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default);

    /// <summary>Gets an entry.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    ValueTask<LedgerEntry?> GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Lists pending entries of an operation, oldest first, for replay.</summary>
    /// <param name="operation">The operation name.</param>
    /// <param name="tenant">Only this tenant's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records several keys as pending unless known, in one durable step when the store can (one transaction on SQLite);
    /// each key behaves as in <see cref="BeginAsync"/>. The default calls <see cref="BeginAsync"/> for each.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="entries">The keys with their operation and payload; a key given twice is recorded once.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored entries, in the order of <paramref name="entries"/>.</returns>
    async ValueTask<IReadOnlyList<LedgerEntry>> BeginManyAsync(TenantId tenant, IReadOnlyList<LedgerBegin> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var stored = new LedgerEntry[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            stored[i] = await BeginAsync(tenant, entries[i].Key, entries[i].Operation, entries[i].Payload, cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>
    /// Marks several keys done, in one durable step when the store can (one transaction on SQLite: all or none);
    /// each key behaves as in <see cref="CompleteAsync"/>. The default calls <see cref="CompleteAsync"/> for each.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="completions">The keys with the host's results.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the marks are durable.</returns>
    /// <exception cref="InvalidOperationException">A key was never begun.</exception>
    async ValueTask CompleteManyAsync(TenantId tenant, IReadOnlyList<LedgerCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        foreach (var completion in completions)
        {
            await CompleteAsync(tenant, completion.Key, completion.Result, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets several entries, in one read when the store can. The default calls <see cref="GetAsync"/> for each.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The entries (<see langword="null"/> for an unknown key), in the order of <paramref name="keys"/>.</returns>
    async ValueTask<IReadOnlyList<LedgerEntry?>> GetManyAsync(TenantId tenant, IReadOnlyList<IdempotencyKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var entries = new LedgerEntry?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            entries[i] = await GetAsync(tenant, keys[i], cancellationToken).ConfigureAwait(false);
        }

        return entries;
    }
}
