using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// Builds and keeps one Polly pipeline per board (ARCHITECTURE.md principle 7): retry with exponential backoff and
/// jitter on transient HTTP errors, 408, 429 and 5xx (honouring <c>Retry-After</c>), a circuit breaker, a per-board
/// rate limiter shared by every account of the board in this process, and a timeout per attempt.
/// </summary>
internal sealed class BoardResiliencePipelines : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(ResiliencePipeline<HttpResponseMessage> Pipeline, RateLimiter? Limiter)>> _pipelines = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<BoardConnectorOptions> _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="BoardResiliencePipelines"/> class. Waits between HTTP attempts are
    /// wall-clock waits against a real server, so they run on <see cref="TimeProvider.System"/>, not on the SDK's clock
    /// (which hosts' tests replace with a fake one to drive schedules).</summary>
    public BoardResiliencePipelines(IOptionsMonitor<BoardConnectorOptions> options)
        : this(options, TimeProvider.System)
    {
    }

    internal BoardResiliencePipelines(IOptionsMonitor<BoardConnectorOptions> options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    public ResiliencePipeline<HttpResponseMessage> Get(string board)
        => _pipelines.GetOrAdd(board, b => new Lazy<(ResiliencePipeline<HttpResponseMessage>, RateLimiter?)>(() => Build(_options.Get(b), _timeProvider))).Value.Pipeline;

    public void Dispose()
    {
        foreach (var entry in _pipelines.Values)
        {
            if (entry.IsValueCreated)
            {
                entry.Value.Limiter?.Dispose();
            }
        }
    }

    internal static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 429 or >= 500;

    /// <summary>The wait a response asks for (<c>Retry-After</c> as seconds or a date), when any.</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    internal static (ResiliencePipeline<HttpResponseMessage> Pipeline, RateLimiter? Limiter) Build(BoardConnectorOptions options, TimeProvider timeProvider)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(BoardConnectorOptions), typeof(BoardConnectorOptions), problems);
        }

        bool Failure(Outcome<HttpResponseMessage> outcome) => outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Exception: OperationCanceledException } => false,
            { Result: { } response } => IsTransient(response.StatusCode),
            _ => false,
        };

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                // A Retry-After longer than the board's limit is not waited for: the run ends as unavailable.
                ShouldHandle = args => ValueTask.FromResult(Failure(args.Outcome)
                    && !(RetryAfterOf(args.Outcome.Result, timeProvider) is { } wait && wait > options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterOf(args.Outcome.Result, timeProvider)),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(Failure(args.Outcome)),
        });

        RateLimiter? limiter = null;
        if (options.RequestsPerSecond > 0)
        {
            var perPeriod = Math.Max(1, (int)Math.Ceiling(options.RequestsPerSecond));
            limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perPeriod,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(perPeriod / options.RequestsPerSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
            builder.AddRateLimiter(limiter);
        }

        builder.AddTimeout(options.RequestTimeout);
        return (builder.Build(), limiter);
    }
}
