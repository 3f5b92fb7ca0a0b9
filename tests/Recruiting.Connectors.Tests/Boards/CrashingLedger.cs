using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Connectors.Tests.Boards;

/// <summary>The process "dies" at the batched done write: thrown instead of writing.</summary>
internal sealed class SimulatedCrashException() : Exception("simulated crash at the batched done write");

/// <summary>
/// Wraps the registered ledger (the SQLite one) and, while <see cref="Armed"/>, throws instead of writing the batched
/// done marks: what a process kill between the host calls and that write leaves behind.
/// </summary>
internal sealed class CrashingLedger(IIdempotencyLedger inner) : IIdempotencyLedger
{
    public bool Armed { get; set; }

    public int DoneWrites { get; private set; }

    /// <summary>Replaces the ledger registration with this wrapper around it.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var descriptor = services.Last(d => d.ServiceType == typeof(IIdempotencyLedger));
        services.Remove(descriptor);
        services.AddSingleton(sp => new CrashingLedger((IIdempotencyLedger)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!))));
        services.AddSingleton<IIdempotencyLedger>(sp => sp.GetRequiredService<CrashingLedger>());
    }

    public ValueTask<LedgerEntry> BeginAsync(TenantId tenant, IdempotencyKey key, string operation, string? payload = null, CancellationToken cancellationToken = default)
        => inner.BeginAsync(tenant, key, operation, payload, cancellationToken);

    public ValueTask CompleteAsync(TenantId tenant, IdempotencyKey key, string? result, CancellationToken cancellationToken = default)
        => Armed ? throw new SimulatedCrashException() : inner.CompleteAsync(tenant, key, result, cancellationToken);

    public ValueTask<LedgerEntry?> GetAsync(TenantId tenant, IdempotencyKey key, CancellationToken cancellationToken = default)
        => inner.GetAsync(tenant, key, cancellationToken);

    public IAsyncEnumerable<LedgerEntry> ListPendingAsync(string operation, TenantId? tenant = null, CancellationToken cancellationToken = default)
        => inner.ListPendingAsync(operation, tenant, cancellationToken);

    public ValueTask<IReadOnlyList<LedgerEntry>> BeginManyAsync(TenantId tenant, IReadOnlyList<LedgerBegin> entries, CancellationToken cancellationToken = default)
        => inner.BeginManyAsync(tenant, entries, cancellationToken);

    public ValueTask CompleteManyAsync(TenantId tenant, IReadOnlyList<LedgerCompletion> completions, CancellationToken cancellationToken = default)
    {
        if (Armed)
        {
            throw new SimulatedCrashException();
        }

        DoneWrites++;
        return inner.CompleteManyAsync(tenant, completions, cancellationToken);
    }

    public ValueTask<IReadOnlyList<LedgerEntry?>> GetManyAsync(TenantId tenant, IReadOnlyList<IdempotencyKey> keys, CancellationToken cancellationToken = default)
        => inner.GetManyAsync(tenant, keys, cancellationToken);
}
