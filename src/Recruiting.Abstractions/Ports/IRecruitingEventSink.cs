namespace Recruiting;

/// <summary>Receives the SDK's events. Implemented by the host (the default drops them).</summary>
public interface IRecruitingEventSink
{
    /// <summary>Publishes an event. Implementations should not throw; a failure is logged by the SDK and does not undo the effect.</summary>
    /// <param name="recruitingEvent">The event.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the event was handed over.</returns>
    ValueTask PublishAsync(RecruitingEvent recruitingEvent, CancellationToken cancellationToken = default);
}
