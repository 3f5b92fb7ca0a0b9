using Microsoft.Extensions.Logging;

namespace Recruiting;

/// <summary>Raises events through the host's sink; a failing sink is logged and never undoes or breaks the SDK's work.</summary>
public sealed partial class EventPublisher
{
    private readonly IEnumerable<IRecruitingEventSink> _sinks;
    private readonly ILogger<EventPublisher> _logger;

    /// <summary>Initializes a new instance of the <see cref="EventPublisher"/> class.</summary>
    /// <param name="sinks">The registered sinks.</param>
    /// <param name="logger">The logger.</param>
    public EventPublisher(IEnumerable<IRecruitingEventSink> sinks, ILogger<EventPublisher> logger)
    {
        _sinks = sinks;
        _logger = logger;
    }

    /// <summary>Publishes an event to every sink.</summary>
    /// <param name="recruitingEvent">The event.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when every sink was called.</returns>
    public async ValueTask PublishAsync(RecruitingEvent recruitingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recruitingEvent);
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.PublishAsync(recruitingEvent, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A host's sink must not break the SDK's work; the failure is logged.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogSinkFailed(_logger, ex, recruitingEvent.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = RecruitingEventIds.EventSinkFailed, Level = LogLevel.Error, Message = "An event sink failed on {Event}")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string @event);
}
