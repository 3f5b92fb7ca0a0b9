namespace Recruiting.Boards;

/// <summary>
/// What the automatic runner and scheduler keep per board account: the watermark (newest applicant read), the
/// account's health, the next scheduled run and the run lease that keeps two processes from running it at once.
/// </summary>
public sealed record BoardRunnerState
{
    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the board's service name.</summary>
    public required string Board { get; init; }

    /// <summary>Gets the account name.</summary>
    public required string Account { get; init; }

    /// <summary>Gets when the newest applicant read applied, when any run completed.</summary>
    public DateTimeOffset? WatermarkAppliedAt { get; init; }

    /// <summary>Gets that applicant's board id, when the board gives ids.</summary>
    public string? WatermarkApplicantId { get; init; }

    /// <summary>Gets the account's health.</summary>
    public BoardHealth Health { get; init; } = BoardHealth.Healthy;

    /// <summary>Gets what failed (the failing selector of a layout change, the board's message …).</summary>
    public string? HealthDetail { get; init; }

    /// <summary>Gets when the health last changed.</summary>
    public DateTimeOffset? HealthChangedAt { get; init; }

    /// <summary>Gets the account revision the health was recorded for (runs refused for rejected credentials resume once the account is edited).</summary>
    public long? HealthAccountRevision { get; init; }

    /// <summary>Gets how many rows the first applicant page had in the last successful run.</summary>
    public int? LastFirstPageRows { get; init; }

    /// <summary>Gets when the account's next scheduled run is due.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>Gets who holds the run lease.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Gets until when the lease holds.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
}

/// <summary>Keeps <see cref="BoardRunnerState"/>. Implemented by the SDK store (SQLite by default); every call is scoped by tenant.</summary>
public interface IBoardRunnerStore
{
    /// <summary>Gets an account's state.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The state, or <see langword="null"/> before the first run.</returns>
    ValueTask<BoardRunnerState?> GetAsync(TenantId tenant, string board, string account, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's account states by board and account.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The states.</returns>
    ValueTask<IReadOnlyList<BoardRunnerState>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Moves the watermark forward (an older one than stored changes nothing).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account.</param>
    /// <param name="appliedAt">When the newest imported applicant applied.</param>
    /// <param name="applicantId">Its board id.</param>
    /// <param name="firstPageRows">How many rows the first list page had.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AdvanceWatermarkAsync(TenantId tenant, string board, string account, DateTimeOffset appliedAt, string? applicantId, int? firstPageRows, CancellationToken cancellationToken = default);

    /// <summary>Records the account's health and returns the previous one.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account.</param>
    /// <param name="health">The health.</param>
    /// <param name="detail">What failed.</param>
    /// <param name="accountRevision">The account revision it concerns.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The previous health (<see cref="BoardHealth.Healthy"/> before the first record).</returns>
    ValueTask<BoardHealth> SetHealthAsync(TenantId tenant, string board, string account, BoardHealth health, string? detail, long? accountRevision, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Sets when the account's next scheduled run is due.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account.</param>
    /// <param name="nextDueAt">The instant, or <see langword="null"/> to clear it.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetNextDueAsync(TenantId tenant, string board, string account, DateTimeOffset? nextDueAt, CancellationToken cancellationToken = default);

    /// <summary>Takes the account's run lease when it is free, expired or already held by <paramref name="owner"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account.</param>
    /// <param name="owner">Who takes it (process and run).</param>
    /// <param name="now">Now.</param>
    /// <param name="duration">How long it holds unless released.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether the lease is now held by <paramref name="owner"/>.</returns>
    ValueTask<bool> TryAcquireLeaseAsync(TenantId tenant, string board, string account, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Releases the lease if <paramref name="owner"/> holds it.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account.</param>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask ReleaseLeaseAsync(TenantId tenant, string board, string account, string owner, CancellationToken cancellationToken = default);
}
