namespace Recruiting.Automation;

/// <summary>
/// Lets capabilities that record rejections without referencing this package (a hiring client moving an application
/// to a rejected stage) run the tenant's rejection automation: the rejection goes through
/// <see cref="IRejectionAutomation.RejectAsync"/> as the vacancy's owner, keyed by the recorded rejection's id so a
/// repeated call queues nothing twice.
/// </summary>
internal sealed class RejectionAutomationTrigger(IRejectionAutomation automation) : IRejectionAutomationTrigger
{
    public async ValueTask<bool> OnRejectedAsync(RejectionRecorded rejection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        if (rejection.Owner is not { } owner)
        {
            // Actions run with the rights of a person; a rejection nobody owns runs none.
            return false;
        }

        var outcome = await automation.RejectAsync(new RejectionRequest
        {
            Tenant = rejection.Tenant,
            Application = rejection.Application,
            ReasonId = rejection.Reason,
            Actor = owner,
            WithActions = true,
            RequestId = "recorded:" + rejection.RejectionId,
        }, cancellationToken).ConfigureAwait(false);

        return outcome.Status == RejectionStatus.Rejected && outcome.Actions.Count > 0;
    }
}
