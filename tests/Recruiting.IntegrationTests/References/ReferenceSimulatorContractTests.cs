using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Connectors.Tests.References;
using Recruiting.References;
using Recruiting.References.Http;
using Recruiting.Samples.BoardSimulator.References;

namespace Recruiting.IntegrationTests.References;

/// <summary>The simulator, written apart from the SDK's client, is held to the same <c>openapi.yaml</c>.</summary>
public sealed class ReferenceSimulatorContractTests : IAsyncLifetime
{
    private readonly OpenApiContract _contract = OpenApiContract.Load();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ReferenceProviderSimulator _simulator;
    private readonly HttpClient _http = new();
    private readonly List<(byte[] Body, string Timestamp, string Signature)> _received = [];
    private WebApplication _receiver = null!;
    private Uri _callbackUrl = null!;

    public ReferenceSimulatorContractTests() => _simulator = new ReferenceProviderSimulator(_time);

    public async Task InitializeAsync()
    {
        await _simulator.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            lock (_received)
            {
                _received.Add((buffer.ToArray(), request.Headers["X-Reference-Timestamp"].ToString(), request.Headers["X-Reference-Signature"].ToString()));
            }

            return Results.Ok();
        });
        await _receiver.StartAsync();
        _callbackUrl = new Uri(_receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _simulator.Account.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private async Task<(int Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, string? json = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_simulator.BaseAddress, path.TrimStart('/')));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await _http.SendAsync(request);
        var media = response.Content.Headers.ContentType?.MediaType;
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var node = media == "application/json" ? JsonNode.Parse(bytes) : null;
        var contractPath = "/" + path.Split('?')[0].TrimStart('/');
        _contract.ValidateResponse(method.Method, contractPath, (int)response.StatusCode, media, node).Should().BeEmpty($"{method} {path} answers per the contract");
        if (media == "application/pdf")
        {
            Encoding.ASCII.GetString(bytes).Should().StartWith("%PDF-1.4").And.EndWith("%%EOF\n");
        }

        return ((int)response.StatusCode, node);
    }

    private string CreateJson(string externalId, string template = "tpl-sv-standard", string language = "sv", int count = 2, string contact = "email")
        => $$"""{"externalId":"{{externalId}}","templateId":"{{template}}","language":"{{language}}","referenceCount":{{count}},"candidate":{"name":"Anna Svensson","email":"anna@example.se","phone":null},"candidateContact":"{{contact}}","refereeContact":"both","callbackUrl":"{{_callbackUrl}}"}""";

    [Fact]
    public async Task Every_operation_answers_per_the_contract_and_callbacks_are_signed_per_the_contract()
    {
        (await CallAsync(HttpMethod.Get, "v1/sub-accounts")).Body!["items"]!.AsArray().Should().HaveCount(2);
        (await CallAsync(HttpMethod.Get, "v1/sub-accounts/main/languages")).Body!["items"]!.AsArray().Should().HaveCount(2);
        (await CallAsync(HttpMethod.Get, "v1/sub-accounts/main/templates?language=sv")).Body!["items"]!.AsArray().Should().HaveCount(2);

        var body = CreateJson("rc-1");
        _contract.ValidateRequest("POST", "/v1/sub-accounts/main/reference-checks", new Dictionary<string, string>(), new Dictionary<string, string> { ["Idempotency-Key"] = "k1" }, JsonNode.Parse(body)).Should().BeEmpty();
        var created = await CallAsync(HttpMethod.Post, "v1/sub-accounts/main/reference-checks", body, "k1");
        created.Status.Should().Be(201);
        var replay = await CallAsync(HttpMethod.Post, "v1/sub-accounts/main/reference-checks", body, "k1");
        replay.Status.Should().Be(200);
        replay.Body!["id"]!.ToString().Should().Be(created.Body!["id"]!.ToString());
        (await CallAsync(HttpMethod.Post, "v1/sub-accounts/main/reference-checks", CreateJson("rc-other"), "k1")).Status.Should().Be(422);
        _simulator.Checks.Should().ContainSingle();

        var id = created.Body!["id"]!.ToString();
        (await CallAsync(HttpMethod.Get, $"v1/reference-checks/{id}/report")).Status.Should().Be(409);
        await _simulator.NameRefereesAsync(id);
        await _simulator.AnswerAsync(id);
        await _simulator.AnswerAsync(id);
        var status = await CallAsync(HttpMethod.Get, $"v1/reference-checks/{id}");
        status.Body!["state"]!.ToString().Should().Be("completed");
        status.Body!["sequence"]!.GetValue<long>().Should().Be(4);
        (await CallAsync(HttpMethod.Get, $"v1/reference-checks/{id}/report")).Status.Should().Be(200);

        _received.Should().HaveCount(3);
        foreach (var (bytes, timestamp, signature) in _received)
        {
            _contract.ValidateSchema("ReferenceCheckCallback", JsonNode.Parse(bytes)).Should().BeEmpty();
            CallbackSignature.Verify(_simulator.Account.WebhookSecret, timestamp, signature, bytes, _time.GetUtcNow(), TimeSpan.FromMinutes(5)).Should().BeNull("the SDK's verifier accepts the simulator's signature");
        }

        _received.Select(r => JsonNode.Parse(r.Body)!["check"]!["state"]!.ToString()).Should().Equal("refereesNamed", "inProgress", "completed");
    }

    [Fact]
    public async Task Errors_answer_per_the_contract()
    {
        (await CallAsync(HttpMethod.Get, "v1/sub-accounts/nope/languages")).Status.Should().Be(404);
        (await CallAsync(HttpMethod.Get, "v1/reference-checks/chk_404")).Status.Should().Be(404);
        (await CallAsync(HttpMethod.Post, "v1/sub-accounts/main/reference-checks", CreateJson("rc-1", template: "tpl-en-standard"), "k2")).Body!["code"]!.ToString().Should().Be("templateNotInLanguage");
        (await CallAsync(HttpMethod.Post, "v1/sub-accounts/main/reference-checks", CreateJson("rc-1", count: 0), "k3")).Body!["code"]!.ToString().Should().Be("invalidReferenceCount");
        (await CallAsync(HttpMethod.Post, "v1/sub-accounts/it/reference-checks", CreateJson("rc-1", count: 4), "k4")).Body!["code"]!.ToString().Should().Be("invalidReferenceCount");
        (await CallAsync(HttpMethod.Post, "v1/sub-accounts/main/reference-checks", CreateJson("rc-1", contact: "sms"), "k5")).Body!["code"]!.ToString().Should().Be("candidatePhoneMissing");
        _simulator.Checks.Should().BeEmpty();

        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        (await CallAsync(HttpMethod.Get, "v1/sub-accounts")).Status.Should().Be(401);
    }
}
