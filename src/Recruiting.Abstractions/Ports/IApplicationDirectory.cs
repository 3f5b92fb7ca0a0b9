namespace Recruiting;

/// <summary>Reads the host's applications, candidates and jobs. Implemented by the host.</summary>
public interface IApplicationDirectory
{
    /// <summary>Finds an application by its reference number within a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="reference">The reference number.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The application, or <see langword="null"/> when the tenant has none with that reference.</returns>
    ValueTask<ApplicationInfo?> FindByReferenceAsync(TenantId tenant, ApplicationReference reference, CancellationToken cancellationToken = default);

    /// <summary>Gets an application.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="application">The application id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The application, or <see langword="null"/> when unknown in that tenant.</returns>
    ValueTask<ApplicationInfo?> GetApplicationAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default);

    /// <summary>Gets a candidate.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="candidate">The candidate id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The candidate, or <see langword="null"/> when unknown in that tenant.</returns>
    ValueTask<Candidate?> GetCandidateAsync(TenantId tenant, CandidateId candidate, CancellationToken cancellationToken = default);

    /// <summary>Gets a job.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="job">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job, or <see langword="null"/> when unknown in that tenant.</returns>
    ValueTask<JobInfo?> GetJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default);

    /// <summary>Gets a talent pool.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="pool">The pool id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The pool, or <see langword="null"/> when unknown in that tenant.</returns>
    ValueTask<TalentPoolInfo?> GetTalentPoolAsync(TenantId tenant, TalentPoolId pool, CancellationToken cancellationToken = default);

    /// <summary>Lists the applications to a job.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="job">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The applications.</returns>
    IAsyncEnumerable<ApplicationInfo> ListApplicationsAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default);
}
