using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Recruiting.References;
using Recruiting.References.Http;
using Recruiting.Testing;

namespace Recruiting.Connectors.Tests.References;

/// <summary>The HTTP provider client against <c>References/openapi.yaml</c>: every request it makes and every answer it reads follow the contract.</summary>
public sealed class HttpReferenceCheckProviderContractTests : IDisposable
{
    private static readonly TenantId Tenant = new("acme");
    private readonly OpenApiContract _contract = OpenApiContract.Load();
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly ContractHandler _handler;
    private readonly ServiceProvider _services;
    private readonly IReferenceCheckProvider _provider;
    private readonly MemorySecretStore _secrets = new();

    public HttpReferenceCheckProviderContractTests()
    {
        _handler = new ContractHandler(_contract, _time);
        var settings = new MemorySettingsStore();
        settings.Values[Tenant] = new ReferenceProviderSettings { Tenant = Tenant, BaseAddress = new Uri("http://provider.test/api") };
        _secrets.Values[(Tenant, ReferenceProviderSettings.ApiKeySecretName)] = "key-1";
        _secrets.Values[(Tenant, ReferenceProviderSettings.WebhookSecretName)] = "whsec";
        var services = TestServices.Create(new InMemoryHost(), _time);
        services.AddSingleton<IReferenceProviderSettingsStore>(settings);
        services.AddSingleton<ISecretStore>(_secrets);
        services.AddRecruiting().AddReferenceChecks(o =>
        {
            o.RetryDelay = TimeSpan.Zero;
            o.MaxRetryAttempts = 2;
        });
        services.AddHttpClient(ReferenceCheckConstants.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _handler);
        _services = services.BuildServiceProvider();
        _provider = _services.GetRequiredService<IReferenceCheckProvider>();
    }

    public void Dispose() => _services.Dispose();

    private static ProviderCheckRequest CreateRequest(string? phone = "+46701234567") => new()
    {
        CheckId = "rc-1",
        SubAccount = "main",
        Language = "sv",
        TemplateId = "tpl-sv",
        ReferenceCount = 2,
        Candidate = new ReferenceCandidate("Anna Svensson", "anna@example.se", phone),
        CandidateContact = ContactChannel.Both,
        RefereeContact = ContactChannel.Sms,
        CallbackUrl = new Uri("https://ats.example/hooks/references/acme"),
    };

    [Fact]
    public async Task Every_operation_of_the_contract_is_called_by_the_client_with_valid_requests_and_read_from_valid_answers()
    {
        var subAccounts = await _provider.ListSubAccountsAsync(Tenant);
        var languages = await _provider.ListLanguagesAsync(Tenant, "main");
        var templates = await _provider.ListTemplatesAsync(Tenant, "main", "sv");
        var created = await _provider.CreateCheckAsync(Tenant, CreateRequest(), IdempotencyKey.Create("references.check", "a1", "1"));
        var status = await _provider.GetStatusAsync(Tenant, created.ProviderCheckId);
        var report = await _provider.GetReportAsync(Tenant, created.ProviderCheckId);
        await using (report.Content)
        {
            using var copy = new MemoryStream();
            await report.Content.CopyToAsync(copy);
            Encoding.ASCII.GetString(copy.ToArray()).Should().StartWith("%PDF");
        }

        _handler.Errors.Should().BeEmpty();
        _handler.Called.Should().BeEquivalentTo(_contract.Operations.Select(o => o.OperationId));
        subAccounts.Should().Equal(new ReferenceSubAccount("main", "Huvudkonto", 5));
        languages.Should().Equal(new ReferenceLanguage("sv", "Svenska"));
        templates.Should().Equal(new ReferenceTemplate("tpl-sv", "Standardfrågor", "sv"));
        created.Should().Match<ProviderCheckStatus>(s => s.ProviderCheckId == "chk_1" && s.CheckId == "rc-1" && s.State == ReferenceCheckState.Requested && s.Requested == 2 && s.Sequence == 1);
        status!.State.Should().Be(ReferenceCheckState.Completed);
        report.ContentType.Should().Be("application/pdf");
        report.FileName.Should().Be("referensrapport.pdf");
    }

    [Fact]
    public async Task Create_carries_the_key_the_bearer_api_key_and_the_request_body_of_the_contract()
    {
        await _provider.CreateCheckAsync(Tenant, CreateRequest(phone: null) with { CandidateContact = ContactChannel.Email }, IdempotencyKey.Create("references.check", "a1", "1"));

        var create = _handler.Requests.Single(r => r.Method == "POST");
        create.Headers["Idempotency-Key"].Should().Be("references.check/a1/1");
        create.Headers["Authorization"].Should().Be("Bearer key-1");
        create.Path.Should().Be("/v1/sub-accounts/main/reference-checks");
        create.Body!["candidateContact"]!.GetValue<string>().Should().Be("email");
        create.Body!["refereeContact"]!.GetValue<string>().Should().Be("sms");
        create.Body!["candidate"]!["phone"].Should().BeNull();
        create.Body!["callbackUrl"]!.GetValue<string>().Should().Be("https://ats.example/hooks/references/acme");
        _handler.Errors.Should().BeEmpty();
    }

    [Fact]
    public void The_validator_catches_shapes_outside_the_contract()
    {
        var check = JsonNode.Parse(ContractHandler.CheckJson("chk_1", "rc-1", "completed", 2, 2, 5))!;
        _contract.ValidateSchema("ReferenceCheck", check).Should().BeEmpty();

        var extra = check.DeepClone();
        extra["surprise"] = 1;
        _contract.ValidateSchema("ReferenceCheck", extra).Should().ContainSingle().Which.Should().Contain("surprise");

        var missing = check.DeepClone().AsObject();
        missing.Remove("sequence");
        _contract.ValidateSchema("ReferenceCheck", missing).Should().ContainSingle().Which.Should().Contain("sequence");

        var badState = check.DeepClone();
        badState["state"] = "done";
        _contract.ValidateSchema("ReferenceCheck", badState).Should().ContainSingle().Which.Should().Contain("done");

        var badType = check.DeepClone();
        badType["answered"] = "two";
        _contract.ValidateSchema("ReferenceCheck", badType).Should().ContainSingle();
    }

    [Fact]
    public void The_client_wire_types_have_exactly_the_contract_properties()
    {
        var create = JsonSerializer.SerializeToNode(new CreateReferenceCheckDto("rc", "t", "sv", 1, new CandidateDto("n", null, null), "none", "email", null), ReferenceContract.Json)!;
        _contract.ValidateSchema("CreateReferenceCheck", create).Should().BeEmpty();
        create.AsObject().Select(p => p.Key).Should().BeEquivalentTo(_contract.PropertiesOf("CreateReferenceCheck"));

        typeof(ReferenceCheckDto).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Should().BeEquivalentTo(_contract.PropertiesOf("ReferenceCheck"));
        typeof(CallbackDto).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Should().BeEquivalentTo(_contract.PropertiesOf("ReferenceCheckCallback"));
        Enum.GetValues<ReferenceCheckState>().Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()))
            .Should().BeEquivalentTo(((JsonArray)_contract.Root["components"]!["schemas"]!["ReferenceCheckState"]!["enum"]!).Select(v => (string)v!));
        Enum.GetValues<ContactChannel>().Select(ReferenceContract.ToWire)
            .Should().BeEquivalentTo(((JsonArray)_contract.Root["components"]!["schemas"]!["ContactChannel"]!["enum"]!).Select(v => (string)v!));
    }

    [Fact]
    public async Task A_signed_callback_of_the_contract_is_verified_and_read()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"event":"referenceCheck.updated","deliveryId":"d1","check":{{ContractHandler.CheckJson("chk_1", "rc-1", "inProgress", 3, 1, 4)}}}""");
        _contract.ValidateSchema("ReferenceCheckCallback", JsonNode.Parse(body)).Should().BeEmpty();
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>
        {
            ["x-reference-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-REFERENCE-SIGNATURE"] = CallbackSignature.Sign("whsec", timestamp, body),
        };

        var read = await _provider.ReadCallbackAsync(Tenant, new ReferenceCallbackRequest(headers, body));
        read.Refusal.Should().BeNull();
        read.Status.Should().Match<ProviderCheckStatus>(s => s.ProviderCheckId == "chk_1" && s.CheckId == "rc-1" && s.State == ReferenceCheckState.InProgress && s.Answered == 1 && s.Sequence == 4);

        body[^2] = (byte)' ';
        (await _provider.ReadCallbackAsync(Tenant, new ReferenceCallbackRequest(headers, body))).Refusal.Should().Be(CallbackRefusal.BadSignature);
    }

    [Fact]
    public async Task Callbacks_are_refused_when_unsigned_stale_malformed_or_the_tenant_has_no_secret()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"event":"referenceCheck.updated","deliveryId":"d1","check":{{ContractHandler.CheckJson("chk_1", "rc-1", "inProgress", 3, 1, 4)}}}""");
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        Dictionary<string, string> Signed(long ts, byte[] b, string secret = "whsec") => new()
        {
            [ReferenceContract.TimestampHeader] = ts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [ReferenceContract.SignatureHeader] = CallbackSignature.Sign(secret, ts, b),
        };

        (await Read(new Dictionary<string, string>(), body)).Should().Be(CallbackRefusal.MissingSignature);
        (await Read(Signed(now, body, "other-secret"), body)).Should().Be(CallbackRefusal.BadSignature);
        (await Read(Signed(now - 301, body), body)).Should().Be(CallbackRefusal.StaleTimestamp);
        (await Read(Signed(now + 301, body), body)).Should().Be(CallbackRefusal.StaleTimestamp);
        (await Read(Signed(now - 299, body), body)).Should().BeNull();
        var garbage = "{\"event\":\"other\"}"u8.ToArray();
        (await Read(Signed(now, garbage), garbage)).Should().Be(CallbackRefusal.MalformedPayload);
        var notJson = "nope"u8.ToArray();
        (await Read(Signed(now, notJson), notJson)).Should().Be(CallbackRefusal.MalformedPayload);

        _secrets.Values.Clear();
        (await Read(Signed(now, body), body)).Should().Be(CallbackRefusal.NotConfigured);

        async Task<CallbackRefusal?> Read(Dictionary<string, string> headers, byte[] b)
            => (await _provider.ReadCallbackAsync(Tenant, new ReferenceCallbackRequest(headers, b))).Refusal;
    }

    [Fact]
    public async Task Transient_failures_are_retried_by_the_pipeline()
    {
        _handler.FailNext = 2;
        (await _provider.ListSubAccountsAsync(Tenant)).Should().ContainSingle();
        _handler.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task Provider_down_after_the_retries_is_a_typed_unavailable_error()
    {
        _handler.FailNext = int.MaxValue;
        var act = async () => await _provider.CreateCheckAsync(Tenant, CreateRequest(), IdempotencyKey.Create("references.check", "a1", "1"));
        (await act.Should().ThrowAsync<ReferenceProviderException>()).Which.Problem.Should().Be(ReferenceProviderProblem.Unavailable);
        _handler.Requests.Should().HaveCount(3).And.OnlyContain(r => r.Headers["Idempotency-Key"] == "references.check/a1/1");
    }

    [Fact]
    public async Task Transport_errors_are_unavailable_and_4xx_answers_are_typed()
    {
        _handler.Throw = true;
        (await FluentActions.Awaiting(async () => await _provider.ListSubAccountsAsync(Tenant)).Should().ThrowAsync<ReferenceProviderException>()).Which.Problem.Should().Be(ReferenceProviderProblem.Unavailable);
        _handler.Throw = false;

        _handler.Override = (HttpStatusCode.Unauthorized, """{"code":"unauthorized","message":"bad key"}""");
        (await FluentActions.Awaiting(async () => await _provider.ListSubAccountsAsync(Tenant)).Should().ThrowAsync<ReferenceProviderException>()).Which.Code.Should().Be("referenceProviderUnauthorized");

        _handler.Override = (HttpStatusCode.UnprocessableEntity, """{"code":"templateNotInLanguage","message":"no"}""");
        var rejected = await FluentActions.Awaiting(async () => await _provider.CreateCheckAsync(Tenant, CreateRequest(), IdempotencyKey.Create("k", "1"))).Should().ThrowAsync<ReferenceProviderException>();
        rejected.Which.Problem.Should().Be(ReferenceProviderProblem.Rejected);
        rejected.Which.Message.Should().Contain("templateNotInLanguage");

        _handler.Override = (HttpStatusCode.OK, """{"items": "not a list"}""");
        (await FluentActions.Awaiting(async () => await _provider.ListSubAccountsAsync(Tenant)).Should().ThrowAsync<ReferenceProviderException>()).Which.Problem.Should().Be(ReferenceProviderProblem.InvalidResponse);

        _handler.Override = (HttpStatusCode.NotFound, """{"code":"unknownCheck","message":"no"}""");
        (await _provider.GetStatusAsync(Tenant, "chk_404")).Should().BeNull();
    }

    [Fact]
    public async Task Unconfigured_tenant_is_a_typed_error_without_a_request()
    {
        var act = async () => await _provider.ListSubAccountsAsync(new TenantId("nobody"));
        (await act.Should().ThrowAsync<ReferenceProviderException>()).Which.Problem.Should().Be(ReferenceProviderProblem.NotConfigured);
        _handler.Requests.Should().BeEmpty();
    }

    /// <summary>Plays the provider: checks each request against the contract, answers from the contract's shapes and checks the answer too.</summary>
    private sealed class ContractHandler(OpenApiContract contract, TimeProvider time) : HttpMessageHandler
    {
        public List<string> Errors { get; } = [];

        public HashSet<string> Called { get; } = [];

        public List<(string Method, string Path, Dictionary<string, string> Headers, JsonNode? Body)> Requests { get; } = [];

        public int FailNext { get; set; }

        public bool Throw { get; set; }

        public (HttpStatusCode Status, string Json)? Override { get; set; }

        public static string CheckJson(string id, string externalId, string state, int requested, int answered, long sequence)
            => $$"""{"id":"{{id}}","externalId":"{{externalId}}","subAccountId":"main","templateId":"tpl-sv","language":"sv","state":"{{state}}","requested":{{requested}},"answered":{{answered}},"candidateUrl":{{(state is "completed" ? "null" : "\"https://provider.test/c/1\"")}},"sequence":{{sequence}},"createdAt":"2026-11-23T09:00:00+00:00","updatedAt":"2026-11-23T09:00:00+00:00"}""";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            path.Should().StartWith("/api/");
            path = path["/api".Length..];
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            var queryMap = query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k]!);
            JsonNode? body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
            Requests.Add((request.Method.Method, path, headers, body));
            Errors.AddRange(contract.ValidateRequest(request.Method.Method, path, queryMap, headers, body));
            if (contract.Find(request.Method.Method, path) is { } op)
            {
                Called.Add((string)op.Operation["operationId"]!);
            }

            if (Throw)
            {
                throw new HttpRequestException("connection refused");
            }

            if (FailNext > 0)
            {
                FailNext--;
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            if (Override is { } fixedAnswer)
            {
                return Json(fixedAnswer.Status, fixedAnswer.Json, request.Method.Method, path, validate: fixedAnswer.Status != HttpStatusCode.OK);
            }

            return (request.Method.Method, path) switch
            {
                ("GET", "/v1/sub-accounts") => Json(HttpStatusCode.OK, """{"items":[{"id":"main","name":"Huvudkonto","maxReferences":5}]}""", "GET", path),
                ("GET", "/v1/sub-accounts/main/languages") => Json(HttpStatusCode.OK, """{"items":[{"code":"sv","name":"Svenska"}]}""", "GET", path),
                ("GET", "/v1/sub-accounts/main/templates") => Json(HttpStatusCode.OK, """{"items":[{"id":"tpl-sv","name":"Standardfrågor","language":"sv"}]}""", "GET", path),
                ("POST", "/v1/sub-accounts/main/reference-checks") => Json(HttpStatusCode.Created, CheckJson("chk_1", (string)body!["externalId"]!, "requested", (int)body["referenceCount"]!, 0, 1), "POST", path),
                ("GET", "/v1/reference-checks/chk_1") => Json(HttpStatusCode.OK, CheckJson("chk_1", "rc-1", "completed", 2, 2, 5), "GET", path),
                ("GET", "/v1/reference-checks/chk_1/report") => Pdf(path),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };

            HttpResponseMessage Json(HttpStatusCode status, string json, string method, string p, bool validate = true)
            {
                if (validate)
                {
                    Errors.AddRange(contract.ValidateResponse(method, p, (int)status, "application/json", JsonNode.Parse(json)));
                }

                return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            }

            HttpResponseMessage Pdf(string p)
            {
                Errors.AddRange(contract.ValidateResponse("GET", p, 200, "application/pdf", null));
                var content = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
                content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = "\"../referensrapport.pdf\"" };
                _ = time;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            }
        }
    }
}
