using System.Diagnostics;
using Recruiting.Automation;

namespace Recruiting.Benchmarks.Automation;

/// <summary>Wraps the outbox store to tell how much of an operation's wall time the store's calls took.</summary>
internal sealed class TimedOutboxStore(IRejectionOutboxStore inner) : IRejectionOutboxStore
{
    private readonly Stopwatch _record = new();
    private readonly Stopwatch _claim = new();
    private readonly Stopwatch _complete = new();
    private readonly Stopwatch _other = new();

    public string Record => Format(_record);

    public string Claim => Format(_claim);

    public string Complete => Format(_complete);

    public string Other => Format(_other);

    public void Reset()
    {
        _record.Reset();
        _claim.Reset();
        _complete.Reset();
        _other.Reset();
    }

    public string RecordCpu { get; private set; } = "";

    public async ValueTask<IReadOnlyList<RecordedRejection>> RecordAsync(IReadOnlyList<NewRejection> rejections, CancellationToken cancellationToken = default)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await Time(_record, () => inner.RecordAsync(rejections, cancellationToken)).ConfigureAwait(false);
        RecordCpu = $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:N0} ms CPU";
        return result;
    }

    public ValueTask<RejectionRecord?> GetRejectionAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default)
        => Time(_other, () => inner.GetRejectionAsync(tenant, rejectionId, cancellationToken));

    public ValueTask<RejectionRecord?> FindActiveAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => Time(_other, () => inner.FindActiveAsync(tenant, application, cancellationToken));

    public ValueTask<IReadOnlyList<OutboxAction>> ListActionsAsync(TenantId tenant, string rejectionId, CancellationToken cancellationToken = default)
        => Time(_other, () => inner.ListActionsAsync(tenant, rejectionId, cancellationToken));

    public ValueTask<IReadOnlyList<OutboxAction>> ListByStateAsync(TenantId tenant, AutomatedActionState state, int limit, CancellationToken cancellationToken = default)
        => Time(_other, () => inner.ListByStateAsync(tenant, state, limit, cancellationToken));

    public ValueTask<IReadOnlyList<OutboxAction>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
        => Time(_claim, () => inner.ClaimDueAsync(now, leaseUntil, limit, cancellationToken));

    public ValueTask<int> CompleteAsync(IReadOnlyList<ActionCompletion> completions, CancellationToken cancellationToken = default)
        => Time(_complete, () => inner.CompleteAsync(completions, cancellationToken));

    public ValueTask<IReadOnlyList<OutboxAction>> CancelPendingAsync(TenantId tenant, string rejectionId, int? actionIndex, string cause, DateTimeOffset at, CancellationToken cancellationToken = default)
        => Time(_other, () => inner.CancelPendingAsync(tenant, rejectionId, actionIndex, cause, at, cancellationToken));

    public ValueTask<(RejectionRecord? Rejection, IReadOnlyList<OutboxAction> Cancelled)> UnrejectAsync(TenantId tenant, ApplicationId application, UnrejectCause cause, DateTimeOffset at, CancellationToken cancellationToken = default)
        => Time(_other, () => inner.UnrejectAsync(tenant, application, cause, at, cancellationToken));

    public async ValueTask MarkHostSyncedAsync(IReadOnlyList<(TenantId Tenant, string RejectionId)> rejections, CancellationToken cancellationToken = default)
    {
        _other.Start();
        try
        {
            await inner.MarkHostSyncedAsync(rejections, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _other.Stop();
        }
    }

    public ValueTask<IReadOnlyList<NewRejection>> ClaimHostSyncsAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
        => Time(_other, () => inner.ClaimHostSyncsAsync(now, leaseUntil, limit, cancellationToken));

    private static string Format(Stopwatch watch) => $"{watch.Elapsed.TotalMilliseconds:N0} ms";

    private static async ValueTask<T> Time<T>(Stopwatch watch, Func<ValueTask<T>> call)
    {
        watch.Start();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            watch.Stop();
        }
    }
}
