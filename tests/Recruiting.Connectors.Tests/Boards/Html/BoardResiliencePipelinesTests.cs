using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards.Html;

public sealed class BoardResiliencePipelinesTests
{
    private static HttpResponseMessage Status(HttpStatusCode code, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(code);
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }

        return response;
    }

    [Fact]
    public async Task Retry_HonoursRetryAfter_OnTheTimeProvider()
    {
        var time = new FakeTimeProvider();
        var (pipeline, _) = BoardResiliencePipelines.Build(new BoardConnectorOptions { RequestsPerSecond = 0, RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, time);
        var calls = 0;

        var task = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls == 1 ? Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3)) : Status(HttpStatusCode.OK))).AsTask();

        calls.Should().Be(1);
        time.Advance(TimeSpan.FromSeconds(2.9));
        task.IsCompleted.Should().BeFalse("Retry-After asked for 3 seconds");
        time.Advance(TimeSpan.FromMilliseconds(200));
        (await task).StatusCode.Should().Be(HttpStatusCode.OK);
        calls.Should().Be(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task Retry_HandlesTransientStatusesOnly(HttpStatusCode status, bool retried)
    {
        var (pipeline, _) = BoardResiliencePipelines.Build(new BoardConnectorOptions { RequestsPerSecond = 0, RetryBaseDelay = TimeSpan.Zero, MaxRetries = 2 }, TimeProvider.System);
        var calls = 0;
        using var response = await pipeline.ExecuteAsync(_ => { calls++; return ValueTask.FromResult(Status(status)); });
        calls.Should().Be(retried ? 3 : 1);
    }

    [Fact]
    public async Task Retry_HandlesConnectionFailures()
    {
        var (pipeline, _) = BoardResiliencePipelines.Build(new BoardConnectorOptions { RequestsPerSecond = 0, RetryBaseDelay = TimeSpan.Zero, MaxRetries = 2 }, TimeProvider.System);
        var calls = 0;
        var act = async () => await pipeline.ExecuteAsync<HttpResponseMessage>(_ => { calls++; throw new HttpRequestException("refused"); });
        await act.Should().ThrowAsync<HttpRequestException>();
        calls.Should().Be(3);
    }

    [Fact]
    public async Task Breaker_OpensAfterRepeatedFailures()
    {
        var (pipeline, _) = BoardResiliencePipelines.Build(new BoardConnectorOptions { RequestsPerSecond = 0, MaxRetries = 0, BreakerMinimumThroughput = 2, BreakerFailureRatio = 0.5 }, TimeProvider.System);
        for (var i = 0; i < 2; i++)
        {
            using var _ = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Status(HttpStatusCode.ServiceUnavailable)));
        }

        var act = async () => await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Status(HttpStatusCode.OK)));
        await act.Should().ThrowAsync<BrokenCircuitException>();
    }

    [Fact]
    public async Task RateLimiter_SpacesRequestsOfOneBoard()
    {
        var (pipeline, limiter) = BoardResiliencePipelines.Build(new BoardConnectorOptions { RequestsPerSecond = 2, MaxRetries = 0 }, TimeProvider.System);
        using var __ = limiter;
        limiter.Should().NotBeNull();
        for (var i = 0; i < 2; i++)
        {
            using var _ = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Status(HttpStatusCode.OK)));
        }

        limiter!.GetStatistics()!.CurrentAvailablePermits.Should().Be(0, "the bucket of two per second is used up");
    }

    [Fact]
    public void Options_AreValidated_ListingEveryProblem()
    {
        var act = () => BoardResiliencePipelines.Build(new BoardConnectorOptions { MaxRetries = -1, RequestTimeout = TimeSpan.Zero, BaseAddress = new Uri("/relative", UriKind.Relative) }, TimeProvider.System);
        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Failures.Should().HaveCount(3);
    }
}
