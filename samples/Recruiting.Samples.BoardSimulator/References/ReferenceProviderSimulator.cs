using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Recruiting.Samples.BoardSimulator.References;

/// <summary>
/// Plays a reference-check provider of the SDK's contract (<c>src/Recruiting.Connectors/References/openapi.yaml</c>)
/// on 127.0.0.1: serves sub-accounts, languages and templates, accepts checks (idempotent by Idempotency-Key), lets
/// tests act as the candidate (naming referees) and as referees (answering), posts signed callbacks to each check's
/// callback URL, and serves a PDF report once every reference has answered. It is written independently of the SDK's
/// client, so the two meet only through the contract.
/// </summary>
public sealed class ReferenceProviderSimulator : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SimulatedReferenceCheck> _checks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string BodyHash, string CheckId)> _idempotency = new(StringComparer.Ordinal);
    private readonly List<SimulatedCallback> _callbacks = [];
    private readonly HttpClient _callbackClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication? _app;
    private int _nextId;
    private int _failNext;

    /// <summary>Initializes a new instance of the <see cref="ReferenceProviderSimulator"/> class.</summary>
    /// <param name="time">The clock used for timestamps and callback signatures (a fake one in tests).</param>
    public ReferenceProviderSimulator(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Gets the account (API key, webhook secret, catalog); change it before requests arrive.</summary>
    public SimulatedAccount Account { get; } = new();

    /// <summary>Gets the root address (for example <c>http://127.0.0.1:5123/</c>); set once started.</summary>
    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Gets the API base address the SDK is configured with (<c>Root/api/</c>).</summary>
    public Uri BaseAddress => new(Root, "api/");

    /// <summary>Gets or sets whether the provider is down: every API call answers 503.</summary>
    public bool Down { get; set; }

    /// <summary>Gets or sets whether callbacks are posted (off: the SDK must poll).</summary>
    public bool DeliverCallbacks { get; set; } = true;

    /// <summary>Gets the number of API requests received.</summary>
    public int ApiRequests { get; private set; }

    /// <summary>Gets the number of create requests received (replays included).</summary>
    public int CreateRequests { get; private set; }

    /// <summary>Gets the checks.</summary>
    public IReadOnlyList<SimulatedReferenceCheck> Checks
    {
        get
        {
            lock (_gate)
            {
                return _checks.Values.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Gets the callbacks sent, oldest first.</summary>
    public IReadOnlyList<SimulatedCallback> SentCallbacks
    {
        get
        {
            lock (_gate)
            {
                return _callbacks.ToList();
            }
        }
    }

    /// <summary>Makes the next API requests answer 503 (a transient outage).</summary>
    /// <param name="count">How many.</param>
    public void FailNextRequests(int count) => Interlocked.Exchange(ref _failNext, count);

    /// <summary>Starts the simulator on 127.0.0.1 on a free port.</summary>
    /// <param name="cancellationToken">A token to cancel the start.</param>
    /// <returns>A task that completes when it listens.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The simulator is already started.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ReferenceProviderSimulator).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Root = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        _app = app;
    }

    /// <summary>Stops the simulator.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }

        _callbackClient.Dispose();
    }

    /// <summary>Acts as the candidate: names referees (as many as were asked for unless given).</summary>
    /// <param name="checkId">The provider's id.</param>
    /// <param name="names">The referees' names.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The callback sent, when one was.</returns>
    public Task<SimulatedCallback?> NameRefereesAsync(string checkId, IReadOnlyList<string>? names = null, CancellationToken cancellationToken = default)
        => ChangeAsync(checkId, check =>
        {
            if (check.State is not ("requested" or "refereesNamed"))
            {
                return false;
            }

            var list = names ?? Enumerable.Range(1, check.Requested).Select(i => $"Referens {i}").ToList();
            foreach (var name in list.Take(check.Requested - check.Referees.Count))
            {
                check.Referees.Add(new SimulatedReferee(name, NewToken()));
                if (check.RefereeContact != "none")
                {
                    check.Messages.Add($"{check.RefereeContact}:{name}");
                }
            }

            check.State = "refereesNamed";
            return true;
        }, cancellationToken);

    /// <summary>Acts as a referee: answers the next unanswered reference; when all have answered the check completes.</summary>
    /// <param name="checkId">The provider's id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The callback sent, when one was.</returns>
    public Task<SimulatedCallback?> AnswerAsync(string checkId, CancellationToken cancellationToken = default)
        => ChangeAsync(checkId, check =>
        {
            var referee = check.Referees.FirstOrDefault(r => !r.Answered);
            if (referee is null || check.State is not ("refereesNamed" or "inProgress"))
            {
                return false;
            }

            referee.Answered = true;
            check.State = check.Answered >= check.Requested ? "completed" : "inProgress";
            return true;
        }, cancellationToken);

    /// <summary>Cancels a check at the provider.</summary>
    /// <param name="checkId">The provider's id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The callback sent, when one was.</returns>
    public Task<SimulatedCallback?> CancelAsync(string checkId, CancellationToken cancellationToken = default)
        => ChangeAsync(checkId, check =>
        {
            if (check.State is "completed" or "cancelled" or "failed")
            {
                return false;
            }

            check.State = "cancelled";
            return true;
        }, cancellationToken);

    /// <summary>Posts a callback again exactly as it was sent (a duplicate or late delivery).</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The receiver's status code.</returns>
    public async Task<int> ResendAsync(SimulatedCallback callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return await PostAsync(callback.Url, callback.Body, callback.Timestamp, callback.Signature, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs a body the way the simulator signs callbacks (for tests that forge or tamper).</summary>
    /// <param name="secret">The secret.</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="body">The body.</param>
    /// <returns>The X-Reference-Signature value.</returns>
    public static string Sign(string secret, long timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    private async Task<SimulatedCallback?> ChangeAsync(string checkId, Func<SimulatedReferenceCheck, bool> change, CancellationToken cancellationToken)
    {
        byte[] body;
        Uri? url;
        lock (_gate)
        {
            if (!_checks.TryGetValue(checkId, out var check))
            {
                throw new KeyNotFoundException($"The simulator has no check '{checkId}'.");
            }

            if (!change(check))
            {
                return null;
            }

            check.Sequence++;
            check.UpdatedAt = _time.GetUtcNow();
            url = check.CallbackUrl;
            body = JsonSerializer.SerializeToUtf8Bytes(new { @event = "referenceCheck.updated", deliveryId = $"dlv-{check.Id}-{check.Sequence}", check = ToDto(check) }, Json);
        }

        if (url is null || !DeliverCallbacks)
        {
            return null;
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var signature = Sign(Account.WebhookSecret, timestamp, body);
        var status = await PostAsync(url, body, timestamp.ToString(CultureInfo.InvariantCulture), signature, cancellationToken).ConfigureAwait(false);
        var sent = new SimulatedCallback(url, body, timestamp.ToString(CultureInfo.InvariantCulture), signature, status);
        lock (_gate)
        {
            _callbacks.Add(sent);
        }

        return sent;
    }

    private async Task<int> PostAsync(Uri url, byte[] body, string timestamp, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Reference-Timestamp", timestamp);
        request.Headers.Add("X-Reference-Signature", signature);
        try
        {
            using var response = await _callbackClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter(async (context, next) =>
        {
            lock (_gate)
            {
                ApiRequests++;
            }

            if (Down || TryConsumeFailure())
            {
                return Results.Json(new { code = "unavailable", message = "The provider is down." }, Json, statusCode: 503);
            }

            var authorization = context.HttpContext.Request.Headers.Authorization.ToString();
            if (!string.Equals(authorization, "Bearer " + Account.ApiKey, StringComparison.Ordinal))
            {
                return Error(401, "unauthorized", "The API key is not valid.");
            }

            return await next(context).ConfigureAwait(false);
        });

        api.MapGet("/sub-accounts", () => Results.Json(new { items = Account.SubAccounts.Select(s => new { id = s.Id, name = s.Name, maxReferences = s.MaxReferences }) }, Json));
        api.MapGet("/sub-accounts/{subAccountId}/languages", (string subAccountId) => !HasSubAccount(subAccountId)
            ? Error(404, "unknownSubAccount", $"No sub-account '{subAccountId}'.")
            : Results.Json(new { items = Account.Languages.Where(l => Account.Templates.Any(t => t.Language == l.Code)).Select(l => new { code = l.Code, name = l.Name }) }, Json));
        api.MapGet("/sub-accounts/{subAccountId}/templates", (string subAccountId, string? language) => !HasSubAccount(subAccountId)
            ? Error(404, "unknownSubAccount", $"No sub-account '{subAccountId}'.")
            : string.IsNullOrEmpty(language)
                ? Error(400, "languageRequired", "The language query parameter is required.")
                : Results.Json(new { items = Account.Templates.Where(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase)).Select(t => new { id = t.Id, name = t.Name, language = t.Language }) }, Json));
        api.MapPost("/sub-accounts/{subAccountId}/reference-checks", CreateAsync);
        api.MapGet("/reference-checks/{checkId}", (string checkId) =>
        {
            lock (_gate)
            {
                return _checks.TryGetValue(checkId, out var check) ? Results.Json(ToDto(check), Json) : Error(404, "unknownCheck", $"No check '{checkId}'.");
            }
        });
        api.MapGet("/reference-checks/{checkId}/report", (string checkId) =>
        {
            lock (_gate)
            {
                if (!_checks.TryGetValue(checkId, out var check))
                {
                    return Error(404, "unknownCheck", $"No check '{checkId}'.");
                }

                if (check.State != "completed")
                {
                    return Error(409, "notCompleted", "The report is ready once every reference has answered.");
                }

                var ascii = new string(check.CandidateName.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
                return Results.File(SimulatedReport.Pdf(check), "application/pdf", $"referensrapport-{ascii}.pdf");
            }
        });

        // The candidate's page at the provider (the "link to the candidate" shown while a check runs) and the
        // referee answer form, so a person can play the check in a browser too.
        app.MapGet("/portal/candidates/{token}", (string token) =>
        {
            lock (_gate)
            {
                var check = _checks.Values.FirstOrDefault(c => c.CandidateToken == token);
                return check is null
                    ? Results.NotFound()
                    : Results.Content($"<!doctype html><title>{WebUtility.HtmlEncode(check.CandidateName)}</title><h1>{WebUtility.HtmlEncode(check.CandidateName)}</h1><p>State: {check.State}; {check.Answered} of {check.Requested} answered.</p>", "text/html; charset=utf-8");
            }
        });
        app.MapPost("/portal/candidates/{token}/referees", async (string token, CancellationToken ct) =>
        {
            var id = FindByToken(c => c.CandidateToken == token);
            return id is null ? Results.NotFound() : Results.Ok(new { callback = (await NameRefereesAsync(id, null, ct).ConfigureAwait(false))?.StatusCode });
        });
        app.MapPost("/portal/referees/{token}/answer", async (string token, CancellationToken ct) =>
        {
            var id = FindByToken(c => c.Referees.Any(r => r.Token == token && !r.Answered));
            return id is null ? Results.NotFound() : Results.Ok(new { callback = (await AnswerAsync(id, ct).ConfigureAwait(false))?.StatusCode });
        });
    }

    private bool TryConsumeFailure()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failNext);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    private string? FindByToken(Func<SimulatedReferenceCheck, bool> match)
    {
        lock (_gate)
        {
            return _checks.Values.FirstOrDefault(match)?.Id;
        }
    }

    private async Task<IResult> CreateAsync(string subAccountId, HttpRequest request)
    {
        byte[] raw;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            raw = buffer.ToArray();
        }

        lock (_gate)
        {
            CreateRequests++;
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return Error(400, "idempotencyKeyRequired", "An Idempotency-Key header of at most 200 characters is required.");
        }

        var subAccount = Account.SubAccounts.FirstOrDefault(s => s.Id == subAccountId);
        if (subAccount.Id is null)
        {
            return Error(404, "unknownSubAccount", $"No sub-account '{subAccountId}'.");
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(raw).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(400, "invalidJson", "The body is not JSON.");
        }

        string? Text(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var externalId = Text("externalId");
        var templateId = Text("templateId");
        var language = Text("language");
        var candidateContact = Text("candidateContact");
        var refereeContact = Text("refereeContact");
        var count = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("referenceCount", out var c) && c.TryGetInt32(out var n) ? n : 0;
        var candidate = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("candidate", out var cand) && cand.ValueKind == JsonValueKind.Object ? cand : default;
        string? CandidateText(string name) => candidate.ValueKind == JsonValueKind.Object && candidate.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var channels = new[] { "none", "email", "sms", "both" };
        if (externalId is null || templateId is null || language is null || CandidateText("name") is null
            || !channels.Contains(candidateContact) || !channels.Contains(refereeContact))
        {
            return Error(422, "invalidRequest", "externalId, templateId, language, candidate.name and both contact channels are required.");
        }

        if (!Account.Templates.Any(t => t.Id == templateId && string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase)))
        {
            return Error(422, "templateNotInLanguage", $"Template '{templateId}' is not a '{language}' template.");
        }

        if (count < 1 || count > subAccount.MaxReferences)
        {
            return Error(422, "invalidReferenceCount", $"referenceCount must be 1 to {subAccount.MaxReferences}.");
        }

        if (candidateContact is "sms" or "both" && string.IsNullOrWhiteSpace(CandidateText("phone")))
        {
            return Error(422, "candidatePhoneMissing", "SMS needs the candidate's phone.");
        }

        if (candidateContact is "email" or "both" && string.IsNullOrWhiteSpace(CandidateText("email")))
        {
            return Error(422, "candidateEmailMissing", "E-mail needs the candidate's address.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(raw));
        lock (_gate)
        {
            var scopedKey = Account.ApiKey + "\n" + key;
            if (_idempotency.TryGetValue(scopedKey, out var seen))
            {
                return seen.BodyHash == hash
                    ? Results.Json(ToDto(_checks[seen.CheckId]), Json, statusCode: 200)
                    : Error(422, "idempotencyKeyReused", "This Idempotency-Key was used with another body.");
            }

            var now = _time.GetUtcNow();
            var check = new SimulatedReferenceCheck($"chk_{++_nextId:D5}", NewToken())
            {
                ExternalId = externalId,
                ApiKey = Account.ApiKey,
                SubAccountId = subAccountId,
                TemplateId = templateId,
                Language = language,
                CandidateName = CandidateText("name")!,
                CandidateEmail = CandidateText("email"),
                CandidatePhone = CandidateText("phone"),
                CandidateContact = candidateContact!,
                RefereeContact = refereeContact!,
                CallbackUrl = Uri.TryCreate(Text("callbackUrl"), UriKind.Absolute, out var callback) ? callback : null,
                Requested = count,
                Sequence = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (candidateContact is "email" or "both")
            {
                check.Messages.Add($"email:{check.CandidateEmail}");
            }

            if (candidateContact is "sms" or "both")
            {
                check.Messages.Add($"sms:{check.CandidatePhone}");
            }

            _checks[check.Id] = check;
            _idempotency[scopedKey] = (hash, check.Id);
            return Results.Json(ToDto(check), Json, statusCode: 201);
        }
    }

    private bool HasSubAccount(string id) => Account.SubAccounts.Any(s => s.Id == id);

    private object ToDto(SimulatedReferenceCheck check) => new
    {
        id = check.Id,
        externalId = check.ExternalId,
        subAccountId = check.SubAccountId,
        templateId = check.TemplateId,
        language = check.Language,
        state = check.State,
        requested = check.Requested,
        answered = check.Answered,
        candidateUrl = check.State is "requested" or "refereesNamed" or "inProgress" ? new Uri(Root, $"portal/candidates/{check.CandidateToken}").AbsoluteUri : null,
        sequence = check.Sequence,
        createdAt = check.CreatedAt,
        updatedAt = check.UpdatedAt,
    };

    private static IResult Error(int status, string code, string message) => Results.Json(new { code, message }, Json, statusCode: status);

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
