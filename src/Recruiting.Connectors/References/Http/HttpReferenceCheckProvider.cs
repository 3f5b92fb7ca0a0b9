using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Recruiting.References.Http;

/// <summary>
/// The provider client of the SDK's own provider-neutral JSON contract (<c>References/openapi.yaml</c>). Calls go
/// through a Polly pipeline per provider address (retry with jitter, circuit breaker, per-attempt timeout); creating
/// a check carries an <c>Idempotency-Key</c>, so a retried or repeated create never makes two checks.
/// </summary>
internal sealed partial class HttpReferenceCheckProvider : IReferenceCheckProvider
{
    internal const int MaxCallbackBytes = 1024 * 1024;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IReferenceProviderSettingsStore _settings;
    private readonly ISecretStore _secrets;
    private readonly ReferenceCheckOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpReferenceCheckProvider> _logger;
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);

    public HttpReferenceCheckProvider(
        IHttpClientFactory httpClientFactory,
        IReferenceProviderSettingsStore settings,
        ISecretStore secrets,
        IOptions<ReferenceCheckOptions> options,
        TimeProvider time,
        ILogger<HttpReferenceCheckProvider> logger)
    {
        _httpClientFactory = httpClientFactory;
        _settings = settings;
        _secrets = secrets;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public string Name => ReferenceCheckConstants.ProviderName;

    public async ValueTask<IReadOnlyList<ReferenceSubAccount>> ListSubAccountsAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var context = await ContextAsync(tenant, cancellationToken).ConfigureAwait(false);
        var list = await GetJsonAsync<ListResponse<SubAccountDto>>(context, "v1/sub-accounts", cancellationToken).ConfigureAwait(false);
        return list.Items.Select(s => new ReferenceSubAccount(s.Id, s.Name, s.MaxReferences)).ToList();
    }

    public async ValueTask<IReadOnlyList<ReferenceLanguage>> ListLanguagesAsync(TenantId tenant, string subAccount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subAccount);
        var context = await ContextAsync(tenant, cancellationToken).ConfigureAwait(false);
        var list = await GetJsonAsync<ListResponse<LanguageDto>>(context, $"v1/sub-accounts/{Uri.EscapeDataString(subAccount)}/languages", cancellationToken).ConfigureAwait(false);
        return list.Items.Select(l => new ReferenceLanguage(l.Code, l.Name)).ToList();
    }

    public async ValueTask<IReadOnlyList<ReferenceTemplate>> ListTemplatesAsync(TenantId tenant, string subAccount, string language, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subAccount);
        ArgumentException.ThrowIfNullOrEmpty(language);
        var context = await ContextAsync(tenant, cancellationToken).ConfigureAwait(false);
        var list = await GetJsonAsync<ListResponse<TemplateDto>>(context, $"v1/sub-accounts/{Uri.EscapeDataString(subAccount)}/templates?language={Uri.EscapeDataString(language)}", cancellationToken).ConfigureAwait(false);
        return list.Items.Select(t => new ReferenceTemplate(t.Id, t.Name, t.Language)).ToList();
    }

    public async ValueTask<ProviderCheckStatus> CreateCheckAsync(TenantId tenant, ProviderCheckRequest request, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = await ContextAsync(tenant, cancellationToken).ConfigureAwait(false);
        var body = new CreateReferenceCheckDto(
            request.CheckId,
            request.TemplateId,
            request.Language,
            request.ReferenceCount,
            new CandidateDto(request.Candidate.Name, request.Candidate.Email, request.Candidate.Phone),
            ReferenceContract.ToWire(request.CandidateContact),
            ReferenceContract.ToWire(request.RefereeContact),
            request.CallbackUrl?.AbsoluteUri);
        var uri = new Uri(context.BaseAddress, $"v1/sub-accounts/{Uri.EscapeDataString(request.SubAccount)}/reference-checks");
        using var response = await SendAsync(context, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body, options: ReferenceContract.Json) };
            message.Headers.Add(ReferenceContract.IdempotencyKeyHeader, key.Value);
            return message;
        }, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var check = await ReadJsonAsync<ReferenceCheckDto>(response, cancellationToken).ConfigureAwait(false);
        return check.ToStatus();
    }

    public async ValueTask<ProviderCheckStatus?> GetStatusAsync(TenantId tenant, string providerCheckId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerCheckId);
        var context = await ContextAsync(tenant, cancellationToken).ConfigureAwait(false);
        var uri = new Uri(context.BaseAddress, $"v1/reference-checks/{Uri.EscapeDataString(providerCheckId)}");
        using var response = await SendAsync(context, () => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return (await ReadJsonAsync<ReferenceCheckDto>(response, cancellationToken).ConfigureAwait(false)).ToStatus();
    }

    public async ValueTask<ReferenceReportDocument> GetReportAsync(TenantId tenant, string providerCheckId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerCheckId);
        var context = await ContextAsync(tenant, cancellationToken).ConfigureAwait(false);
        var uri = new Uri(context.BaseAddress, $"v1/reference-checks/{Uri.EscapeDataString(providerCheckId)}/report");
        var response = await SendAsync(context, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Get, uri);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
            return message;
        }, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            var fileName = SafeFileName(response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName)
                ?? $"reference-report-{providerCheckId}.pdf";
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ReferenceReportDocument(fileName, contentType, response.Content.Headers.ContentLength, new OwningStream(stream, response));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async ValueTask<CallbackReadResult> ReadCallbackAsync(TenantId tenant, ReferenceCallbackRequest callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var secret = await _secrets.GetAsync(tenant, ReferenceProviderSettings.WebhookSecretName, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(secret))
        {
            return CallbackReadResult.Refused(CallbackRefusal.NotConfigured);
        }

        if (callback.Body.Length > MaxCallbackBytes)
        {
            return CallbackReadResult.Refused(CallbackRefusal.MalformedPayload);
        }

        var refusal = CallbackSignature.Verify(
            secret,
            Header(callback.Headers, ReferenceContract.TimestampHeader),
            Header(callback.Headers, ReferenceContract.SignatureHeader),
            callback.Body.Span,
            _time.GetUtcNow(),
            _options.CallbackTolerance);
        if (refusal is { } reason)
        {
            return CallbackReadResult.Refused(reason);
        }

        try
        {
            var payload = JsonSerializer.Deserialize<CallbackDto>(callback.Body.Span, ReferenceContract.Json);
            if (payload is null || payload.Check is null || payload.Event != ReferenceContract.UpdatedEvent
                || string.IsNullOrEmpty(payload.Check.Id) || string.IsNullOrEmpty(payload.Check.ExternalId))
            {
                return CallbackReadResult.Refused(CallbackRefusal.MalformedPayload);
            }

            return CallbackReadResult.Verified(payload.Check.ToStatus());
        }
        catch (JsonException)
        {
            return CallbackReadResult.Refused(CallbackRefusal.MalformedPayload);
        }
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var file = Path.GetFileName(name.Trim().Trim('"').Replace('\\', '/'));
        var cleaned = new string(file.Where(c => !char.IsControl(c) && c is not ('/' or ':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray());
        return cleaned.Length == 0 || cleaned is "." or ".." ? null : cleaned;
    }

    private async ValueTask<TenantContext> ContextAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var settings = await _settings.GetAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new ReferenceProviderException(ReferenceProviderProblem.NotConfigured, $"Tenant '{tenant}' has no reference provider configured.");
        var apiKey = await _secrets.GetAsync(tenant, ReferenceProviderSettings.ApiKeySecretName, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ReferenceProviderException(ReferenceProviderProblem.NotConfigured, $"Tenant '{tenant}' has no reference provider API key.");
        }

        var baseAddress = settings.BaseAddress.AbsoluteUri.EndsWith('/') ? settings.BaseAddress : new Uri(settings.BaseAddress.AbsoluteUri + "/");
        return new TenantContext(tenant, baseAddress, apiKey);
    }

    private async Task<T> GetJsonAsync<T>(TenantContext context, string relative, CancellationToken cancellationToken)
    {
        var uri = new Uri(context.BaseAddress, relative);
        using var response = await SendAsync(context, () => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ReferenceContract.Json, cancellationToken).ConfigureAwait(false)
                ?? throw new ReferenceProviderException(ReferenceProviderProblem.InvalidResponse, "The provider answered an empty body.");
        }
        catch (JsonException ex)
        {
            throw new ReferenceProviderException(ReferenceProviderProblem.InvalidResponse, "The provider answered JSON outside the contract.", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new ReferenceProviderException(ReferenceProviderProblem.InvalidResponse, "The provider answered something that is not JSON.", ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? detail = null;
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorDto>(ReferenceContract.Json, cancellationToken).ConfigureAwait(false);
            detail = error is null ? null : $"{error.Code}: {error.Message}";
        }
        catch (JsonException)
        {
        }
        catch (NotSupportedException)
        {
        }

        var status = (int)response.StatusCode;
        var problem = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ReferenceProviderProblem.Unauthorized,
            HttpStatusCode.NotFound => ReferenceProviderProblem.NotFound,
            HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity => ReferenceProviderProblem.Rejected,
            _ when status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests => ReferenceProviderProblem.Unavailable,
            _ => ReferenceProviderProblem.InvalidResponse,
        };
        throw new ReferenceProviderException(problem, string.Create(CultureInfo.InvariantCulture, $"The provider answered {status}{(detail is null ? string.Empty : " (" + detail + ")")}."));
    }

    private async Task<HttpResponseMessage> SendAsync(TenantContext context, Func<HttpRequestMessage> build, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var client = _httpClientFactory.CreateClient(ReferenceCheckConstants.HttpClientName);
        var pipeline = _pipelines.GetOrAdd(context.BaseAddress.GetLeftPart(UriPartial.Authority), CreatePipeline);
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = build();
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.ApiKey);
                    return await client.SendAsync(request, completion, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogProviderUnavailable(_logger, ex, context.Tenant.Value, context.BaseAddress.GetLeftPart(UriPartial.Authority));
            throw new ReferenceProviderException(ReferenceProviderProblem.Unavailable, $"The reference provider at {context.BaseAddress.GetLeftPart(UriPartial.Authority)} could not be reached.", ex);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> CreatePipeline(string authority)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time, Name = "Recruiting.References", InstanceName = authority };
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = _options.MaxRetryAttempts,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.8,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();
    }

    [LoggerMessage(EventId = RecruitingEventIds.References + 1, Level = LogLevel.Warning, Message = "Reference provider of tenant {Tenant} at {Address} could not be reached")]
    private static partial void LogProviderUnavailable(ILogger logger, Exception exception, string tenant, string address);

    private sealed record TenantContext(TenantId Tenant, Uri BaseAddress, string ApiKey);

    /// <summary>A response stream that disposes its response with it.</summary>
    private sealed class OwningStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
