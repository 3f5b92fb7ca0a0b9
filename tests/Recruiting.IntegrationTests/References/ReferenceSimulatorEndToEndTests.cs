using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Recruiting.References;
using Recruiting.Samples.BoardSimulator.References;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.References;

/// <summary>
/// End to end: the SDK on a real SQLite file, the provider simulator on 127.0.0.1, and a callback receiver on
/// 127.0.0.1 that hands signed callbacks to the SDK, as a host's webhook endpoint would.
/// </summary>
public sealed class ReferenceSimulatorEndToEndTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly JobId Job = new("job-1");
    private readonly TestTempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.ToUniversalTime());
    private readonly InMemoryHost _host = new();
    private ReferenceProviderSimulator _simulator = null!;
    private WebApplication _receiver = null!;
    private ServiceProvider _services = null!;
    private IReferenceCheckService _service = null!;
    private Uri _callbackUrl = null!;

    public async Task InitializeAsync()
    {
        _host.AddTenant("acme", "Europe/Stockholm");
        _host.AddJob(Tenant, "job-1", "Ekonomichef");
        _host.AddJob(Tenant, "job-ref", "Referenstagning");
        _host.AddCandidate(Tenant, "c1", new CandidateProfile { Name = new PersonName("Anna Svensson"), Emails = ["anna@example.se"], Phones = ["+46701234567"] });
        _host.AddCandidate(Tenant, "c2", new CandidateProfile { Name = new PersonName("Erik Lund"), Emails = ["erik@example.se"] });
        _host.AddApplication(Tenant, "a1", "2024-000101", new CandidateId("c1"), Job);
        _host.AddApplication(Tenant, "a2", "2024-000102", new CandidateId("c2"), Job);

        _simulator = new ReferenceProviderSimulator(_time);
        await _simulator.StartAsync();

        var services = TestServices.Create(_host, _time);
        services.AddRecruiting().UseSqliteStorage(o =>
        {
            o.Path = _temp.File("recruiting.db");
            o.KeysDirectory = _temp.File("keys");
        }).AddReferenceChecks(o => o.RetryDelay = TimeSpan.Zero);
        _services = services.BuildServiceProvider();
        _service = _services.GetRequiredService<IReferenceCheckService>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/references/{tenant}", async (string tenant, HttpRequest request, CancellationToken ct) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var result = await _service.HandleCallbackAsync(new TenantId(tenant), new ReferenceCallbackRequest(headers, buffer.ToArray()), ct);
            return result.Outcome == ReferenceStatusOutcome.Refused ? Results.Json(new { refusal = result.Refusal?.ToString() }, statusCode: 401) : Results.Ok();
        });
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _callbackUrl = new Uri($"{address.TrimEnd('/')}/hooks/references/acme");

        await _service.ConfigureTenantAsync(
            new ReferenceProviderSettings { Tenant = Tenant, BaseAddress = _simulator.BaseAddress, DefaultSubAccount = "main", CallbackUrl = _callbackUrl, ReferenceAssignment = new JobId("job-ref") },
            _simulator.Account.ApiKey,
            _simulator.Account.WebhookSecret);
    }

    public async Task DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        await _simulator.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static ReferenceCheckRequest Request(params string[] candidates) => new()
    {
        Job = Job,
        Candidates = candidates.Select(c => new CandidateId(c)).ToList(),
        Language = "sv",
        TemplateId = "tpl-sv-standard",
        ReferenceCount = 2,
        CandidateContact = ContactChannel.Email,
        RefereeContact = ContactChannel.Both,
    };

    private string ProviderId(string checkId) => _simulator.Checks.Single(c => c.ExternalId == checkId).Id;

    [Fact]
    public async Task Two_candidates_are_requested_answered_by_referees_and_their_reports_filed_once_through_signed_callbacks()
    {
        var result = await _service.RequestAsync(Tenant, Request("c1", "c2"));
        result.Items.Should().OnlyContain(i => i.Outcome == ReferenceRequestOutcome.Requested);
        (await _service.RequestAsync(Tenant, Request("c1", "c2"))).Items.Should().OnlyContain(i => i.Outcome == ReferenceRequestOutcome.AlreadyRequested);
        _simulator.Checks.Should().HaveCount(2);
        _simulator.Checks[0].Messages.Should().Contain("email:anna@example.se");

        var running = await _service.ListAsync(Tenant, Job);
        running.Should().OnlyContain(v => v.State == ReferenceCheckState.Requested && v.Requested == 2 && v.Answered == 0 && v.CandidateUrl != null);
        using (var http = new HttpClient())
        {
            (await http.GetStringAsync(running[0].CandidateUrl)).Should().Contain("Anna Svensson");
        }

        foreach (var item in result.Items)
        {
            var providerId = ProviderId(item.CheckId!);
            (await _simulator.NameRefereesAsync(providerId, ["Karin Berg", "Olof Ek"]))!.StatusCode.Should().Be(200);
            (await _simulator.AnswerAsync(providerId))!.StatusCode.Should().Be(200);
        }

        (await _service.ListAsync(Tenant, Job)).Should().OnlyContain(v => v.State == ReferenceCheckState.InProgress && v.Answered == 1);

        foreach (var item in result.Items)
        {
            (await _simulator.AnswerAsync(ProviderId(item.CheckId!)))!.StatusCode.Should().Be(200);
        }

        var done = await _service.ListAsync(Tenant, Job);
        done.Should().OnlyContain(v => v.State == ReferenceCheckState.Completed && v.Answered == 2 && v.CandidateUrl == null && v.ReportDocument != null);
        _host.Documents.Should().HaveCount(2).And.OnlyContain(d => d.Document.Kind == DocumentKind.ReferenceReport && d.Document.ContentType == "application/pdf");
        _host.Documents.Select(d => d.Document.Application.Value).Should().BeEquivalentTo(["a1", "a2"]);
        System.Text.Encoding.Latin1.GetString(_host.Documents[0].Content).Should().StartWith("%PDF-1.4").And.Contain("Karin Berg").And.EndWith("%%EOF\n");

        // Every delivery again, newest first: duplicates and stale ones change nothing and file nothing.
        foreach (var callback in _simulator.SentCallbacks.Reverse())
        {
            (await _simulator.ResendAsync(callback)).Should().Be(200);
        }

        _host.Documents.Should().HaveCount(2);
        (await _service.ListAsync(Tenant, Job)).Should().OnlyContain(v => v.State == ReferenceCheckState.Completed);
        _host.EventsOf<ReferenceCheckUpdated>().Where(e => e.CheckId == result.Items[0].CheckId).Select(e => (e.State, e.Answered)).Should().Equal(
            (ReferenceCheckState.Requested, 0), (ReferenceCheckState.RefereesNamed, 0), (ReferenceCheckState.InProgress, 1), (ReferenceCheckState.Completed, 2));
        _host.EventsOf<ReferenceCheckUpdated>().Should().HaveCount(8);
    }

    [Fact]
    public async Task Forged_tampered_stale_and_unknown_callbacks_are_refused()
    {
        var checkId = (await _service.RequestAsync(Tenant, Request("c1"))).Items[0].CheckId!;
        var sent = (await _simulator.NameRefereesAsync(ProviderId(checkId)))!;
        sent.StatusCode.Should().Be(200);

        using var http = new HttpClient();
        async Task<HttpStatusCode> Post(byte[] body, string timestamp, string signature)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _callbackUrl) { Content = new ByteArrayContent(body) };
            request.Headers.Add("X-Reference-Timestamp", timestamp);
            request.Headers.Add("X-Reference-Signature", signature);
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        var forged = ReferenceProviderSimulator.Sign("guessed-secret", long.Parse(sent.Timestamp, System.Globalization.CultureInfo.InvariantCulture), sent.Body);
        (await Post(sent.Body, sent.Timestamp, forged)).Should().Be(HttpStatusCode.Unauthorized);

        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(sent.Body).Replace("\"refereesNamed\"", "\"completed\"", StringComparison.Ordinal));
        (await Post(tampered, sent.Timestamp, sent.Signature)).Should().Be(HttpStatusCode.Unauthorized);

        var unknown = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(sent.Body).Replace(checkId, "rc-000000000000000000000000", StringComparison.Ordinal));
        var ts = _time.GetUtcNow().ToUnixTimeSeconds();
        (await Post(unknown, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), ReferenceProviderSimulator.Sign(_simulator.Account.WebhookSecret, ts, unknown))).Should().Be(HttpStatusCode.Unauthorized);

        _time.Advance(TimeSpan.FromMinutes(6));
        (await _simulator.ResendAsync(sent)).Should().Be(401, "a replay outside the tolerance is refused");

        var record = (await _service.ListAsync(Tenant)).Single();
        record.State.Should().Be(ReferenceCheckState.RefereesNamed);
        _host.Documents.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_callbacks_polling_follows_the_checks_and_files_the_report()
    {
        _simulator.DeliverCallbacks = false;
        var checkId = (await _service.RequestAsync(Tenant, Request("c2") with { ReferenceCount = 1 })).Items[0].CheckId!;
        var providerId = ProviderId(checkId);
        await _simulator.NameRefereesAsync(providerId);
        await _simulator.AnswerAsync(providerId);

        var poll = await _service.PollAsync(Tenant);
        poll.Should().Be(new ReferencePollResult(1, 1, 1, 0));
        (await _service.ListAsync(Tenant)).Single().State.Should().Be(ReferenceCheckState.Completed);
        _host.Documents.Should().ContainSingle();
        (await _service.PollAsync(Tenant)).Polled.Should().Be(0);
    }

    [Fact]
    public async Task Provider_down_then_up_creates_each_check_once_and_transient_failures_are_retried()
    {
        _simulator.Down = true;
        (await _service.RequestAsync(Tenant, Request("c1"))).Problem.Should().Be(ReferenceRequestProblem.ProviderUnavailable);
        _simulator.Down = false;

        _simulator.FailNextRequests(2);
        (await _service.RequestAsync(Tenant, Request("c1"))).Items[0].Outcome.Should().Be(ReferenceRequestOutcome.Requested);
        _simulator.Checks.Should().ContainSingle();
    }

    [Fact]
    public async Task Bad_choices_are_refused_by_the_sdk_before_the_provider_is_asked_to_create()
    {
        (await _service.RequestAsync(Tenant, Request("c1") with { Language = "en" })).Problem.Should().Be(ReferenceRequestProblem.TemplateNotInLanguage);
        (await _service.RequestAsync(Tenant, Request("c1") with { ReferenceCount = 0 })).Problem.Should().Be(ReferenceRequestProblem.InvalidReferenceCount);
        (await _service.RequestAsync(Tenant, Request("c1") with { ReferenceCount = 6 })).Problem.Should().Be(ReferenceRequestProblem.InvalidReferenceCount);
        (await _service.RequestAsync(Tenant, Request("c2") with { CandidateContact = ContactChannel.Sms })).Items[0].Outcome.Should().Be(ReferenceRequestOutcome.CandidateHasNoPhone);
        _simulator.CreateRequests.Should().Be(0);
    }

    [Fact]
    public async Task Checks_and_settings_survive_a_restart_on_the_same_sqlite_file()
    {
        var checkId = (await _service.RequestAsync(Tenant, Request("c1"))).Items[0].CheckId!;
        var settings = await _services.GetRequiredService<IReferenceProviderSettingsStore>().GetAsync(Tenant);
        settings!.CallbackUrl.Should().Be(_callbackUrl);
        settings.ReferenceAssignment.Should().Be(new JobId("job-ref"));
        var record = await _services.GetRequiredService<IReferenceCheckStore>().GetAsync(Tenant, checkId);
        record!.Should().Match<ReferenceCheckRecord>(r => r.Provider == "http" && r.SubAccount == "main" && r.TemplateId == "tpl-sv-standard" && r.RefereeContact == ContactChannel.Both && r.Job == Job);
        (await _services.GetRequiredService<ISecretStore>().GetAsync(Tenant, ReferenceProviderSettings.ApiKeySecretName)).Should().Be(_simulator.Account.ApiKey);
        File.ReadAllText(_temp.File("recruiting.db")).Should().NotContain(_simulator.Account.ApiKey);
    }
}
