using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Recruiting.References;
using Recruiting.Testing;

namespace Recruiting.Connectors.Tests.References;

public sealed class ReferenceCheckServiceTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("acme");
    private static readonly JobId Job = new("job-1");
    private static readonly JobId ReferenceJob = new("job-referenstagning");
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly InMemoryHost _host = new();
    private readonly MemoryCheckStore _checks = new();
    private readonly MemorySettingsStore _settings = new();
    private readonly MemorySecretStore _secrets = new();
    private FakeProvider _provider = null!;
    private ServiceProvider _services = null!;
    private IReferenceCheckService _service = null!;

    public async Task InitializeAsync()
    {
        _provider = new FakeProvider(_time);
        _host.AddTenant("acme");
        _host.AddJob(Tenant, "job-1", "Ekonomichef");
        _host.AddJob(Tenant, "job-referenstagning", "Referenstagning");
        _host.AddCandidate(Tenant, "c1", new CandidateProfile { Name = new PersonName("Anna Svensson"), Emails = ["anna@example.se"], Phones = ["+46 70 123 45 67"] });
        _host.AddCandidate(Tenant, "c2", new CandidateProfile { Name = new PersonName("Erik Lund"), Emails = ["erik@example.se"] });
        _host.AddCandidate(Tenant, "c3", new CandidateProfile { Name = new PersonName("Sara Spontan"), Emails = ["sara@example.se"] });
        _host.AddApplication(Tenant, "a1", "2024-000101", new CandidateId("c1"), Job);
        _host.AddApplication(Tenant, "a2", "2024-000102", new CandidateId("c2"), Job);
        _host.AddApplication(Tenant, "a3", "2024-000103", new CandidateId("c3"), null);

        var services = TestServices.Create(_host, _time);
        services.AddSingleton<IReferenceCheckProvider>(_provider);
        services.AddSingleton<IReferenceCheckStore>(_checks);
        services.AddSingleton<IReferenceProviderSettingsStore>(_settings);
        services.AddSingleton<ISecretStore>(_secrets);
        services.AddSingleton<IIdempotencyLedger>(new MemoryLedger(_time));
        services.AddRecruiting().AddReferenceChecks(o => o.RetryDelay = TimeSpan.Zero);
        _services = services.BuildServiceProvider();
        _service = _services.GetRequiredService<IReferenceCheckService>();
        await _service.ConfigureTenantAsync(new ReferenceProviderSettings { Tenant = Tenant, BaseAddress = new Uri("https://provider.test/api/"), DefaultSubAccount = "main", ReferenceAssignment = ReferenceJob }, "api-key", "hook-secret");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static ReferenceCheckRequest Request(params string[] candidates) => new()
    {
        Job = Job,
        Candidates = candidates.Select(c => new CandidateId(c)).ToList(),
        Language = "sv",
        TemplateId = "tpl-sv",
        ReferenceCount = 2,
        CandidateContact = ContactChannel.Email,
        RefereeContact = ContactChannel.Both,
    };

    private Task<ReferenceCallbackResult> DeliverAsync(ProviderCheckStatus status)
    {
        _provider.Callback = _ => CallbackReadResult.Verified(status);
        return _service.HandleCallbackAsync(Tenant, new ReferenceCallbackRequest(new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty)).AsTask();
    }

    [Fact]
    public async Task Configure_keeps_the_api_key_and_webhook_secret_in_the_secret_store_only()
    {
        _secrets.Values[(Tenant, ReferenceProviderSettings.ApiKeySecretName)].Should().Be("api-key");
        _secrets.Values[(Tenant, ReferenceProviderSettings.WebhookSecretName)].Should().Be("hook-secret");
        _settings.Values[Tenant].DefaultSubAccount.Should().Be("main");
    }

    [Fact]
    public async Task Bulk_request_creates_one_check_per_candidate_and_asking_twice_creates_nothing_new()
    {
        var first = await _service.RequestAsync(Tenant, Request("c1", "c2"));
        first.Accepted.Should().BeTrue();
        first.Items.Select(i => i.Outcome).Should().Equal(ReferenceRequestOutcome.Requested, ReferenceRequestOutcome.Requested);
        first.Items.Select(i => i.Application!.Value.Value).Should().Equal("a1", "a2");

        var second = await _service.RequestAsync(Tenant, Request("c1", "c2"));
        second.Items.Select(i => i.Outcome).Should().Equal(ReferenceRequestOutcome.AlreadyRequested, ReferenceRequestOutcome.AlreadyRequested);
        second.Items.Select(i => i.CheckId).Should().Equal(first.Items.Select(i => i.CheckId));

        _provider.Requests.Should().HaveCount(2);
        _checks.Records.Should().HaveCount(2);
        _provider.Requests[0].Should().Match<ProviderCheckRequest>(r => r.SubAccount == "main" && r.Language == "sv" && r.TemplateId == "tpl-sv" && r.ReferenceCount == 2
            && r.CandidateContact == ContactChannel.Email && r.RefereeContact == ContactChannel.Both && r.Candidate.Email == "anna@example.se");
        _host.EventsOf<ReferenceCheckUpdated>().Should().HaveCount(2).And.OnlyContain(e => e.State == ReferenceCheckState.Requested && e.Requested == 2);
    }

    [Fact]
    public async Task A_crash_after_the_provider_created_the_check_is_completed_by_asking_again_without_a_duplicate()
    {
        // The provider deduplicates by the idempotency key; the local record is missing as after a crash.
        var result = await _service.RequestAsync(Tenant, Request("c1"));
        var checkId = result.Items[0].CheckId!;
        var stored = _checks.Records.Single();
        _checks.Clear();

        var again = await _service.RequestAsync(Tenant, Request("c1"));

        again.Items[0].CheckId.Should().Be(checkId);
        _provider.Creates.Should().Be(2, "the second create carried the same key");
        _provider.Requests.Should().HaveCount(1, "the provider created one check");
        _checks.Records.Single().ProviderCheckId.Should().Be(stored.ProviderCheckId);
    }

    [Fact]
    public async Task Unsolicited_candidates_are_placed_in_the_reference_assignment_first_once()
    {
        var request = Request("c3") with { Job = null };
        var first = await _service.RequestAsync(Tenant, request);
        var second = await _service.RequestAsync(Tenant, request);

        first.Items[0].Outcome.Should().Be(ReferenceRequestOutcome.Requested);
        second.Items[0].Outcome.Should().Be(ReferenceRequestOutcome.AlreadyRequested);
        var placed = _host.Applications.Values.Where(a => a.Candidate.Value == "c3" && a.Job == ReferenceJob).ToList();
        placed.Should().ContainSingle();
        first.Items[0].Application.Should().Be(placed[0].Id);
        _checks.Records.Single().Job.Should().Be(ReferenceJob);
    }

    [Fact]
    public async Task Unsolicited_candidates_without_a_configured_reference_assignment_are_refused()
    {
        await _settings.SaveAsync(_settings.Values[Tenant] with { ReferenceAssignment = null });
        var result = await _service.RequestAsync(Tenant, Request("c3") with { Job = null });
        result.Problem.Should().Be(ReferenceRequestProblem.NoReferenceAssignment);
        _provider.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Template_not_in_the_chosen_language_is_refused()
    {
        var result = await _service.RequestAsync(Tenant, Request("c1") with { Language = "en", TemplateId = "tpl-sv" });
        result.Problem.Should().Be(ReferenceRequestProblem.TemplateNotInLanguage);
        _provider.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_language_and_sub_account_are_refused()
    {
        (await _service.RequestAsync(Tenant, Request("c1") with { Language = "fi" })).Problem.Should().Be(ReferenceRequestProblem.UnknownLanguage);
        (await _service.RequestAsync(Tenant, Request("c1") with { SubAccount = "nope" })).Problem.Should().Be(ReferenceRequestProblem.UnknownSubAccount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(6)]
    [InlineData(11)]
    public async Task Reference_count_of_zero_or_above_the_maximum_is_refused(int count)
    {
        var result = await _service.RequestAsync(Tenant, Request("c1") with { ReferenceCount = count });
        result.Problem.Should().Be(ReferenceRequestProblem.InvalidReferenceCount);
        _provider.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Reference_count_at_the_sub_accounts_maximum_is_accepted_and_above_it_refused()
    {
        (await _service.RequestAsync(Tenant, Request("c1") with { SubAccount = "it", ReferenceCount = 4 })).Problem.Should().Be(ReferenceRequestProblem.InvalidReferenceCount);
        (await _service.RequestAsync(Tenant, Request("c1") with { SubAccount = "it", ReferenceCount = 3 })).Items[0].Outcome.Should().Be(ReferenceRequestOutcome.Requested);
    }

    [Theory]
    [InlineData(ContactChannel.Sms)]
    [InlineData(ContactChannel.Both)]
    public async Task Sms_for_a_candidate_without_a_phone_is_refused_for_that_candidate_only(ContactChannel channel)
    {
        var result = await _service.RequestAsync(Tenant, Request("c1", "c2") with { CandidateContact = channel });
        result.Items.Select(i => i.Outcome).Should().Equal(ReferenceRequestOutcome.Requested, ReferenceRequestOutcome.CandidateHasNoPhone);
        _provider.Requests.Should().ContainSingle().Which.Candidate.Phone.Should().Be("+46 70 123 45 67");
    }

    [Fact]
    public async Task No_contact_needs_neither_phone_nor_email()
    {
        _host.AddCandidate(Tenant, "c4", new CandidateProfile { Name = new PersonName("Utan Kontakt") });
        _host.AddApplication(Tenant, "a4", "2024-000104", new CandidateId("c4"), Job);
        var result = await _service.RequestAsync(Tenant, Request("c4") with { CandidateContact = ContactChannel.None });
        result.Items[0].Outcome.Should().Be(ReferenceRequestOutcome.Requested);
        (await _service.RequestAsync(Tenant, Request("c4") with { Round = "2" })).Items[0].Outcome.Should().Be(ReferenceRequestOutcome.CandidateHasNoEmail);
    }

    [Fact]
    public async Task Candidates_outside_the_assignment_and_unknown_candidates_get_their_own_outcome()
    {
        var result = await _service.RequestAsync(Tenant, Request("c3", "ghost", "c1"));
        result.Items.Select(i => i.Outcome).Should().Equal(ReferenceRequestOutcome.NotInAssignment, ReferenceRequestOutcome.UnknownCandidate, ReferenceRequestOutcome.Requested);
    }

    [Fact]
    public async Task Provider_down_is_an_outcome_and_asking_again_later_completes_without_duplicates()
    {
        _provider.Down = true;
        (await _service.RequestAsync(Tenant, Request("c1"))).Problem.Should().Be(ReferenceRequestProblem.ProviderUnavailable);
        _checks.Records.Should().BeEmpty();

        _provider.Down = false;
        var result = await _service.RequestAsync(Tenant, Request("c1"));
        result.Items[0].Outcome.Should().Be(ReferenceRequestOutcome.Requested);
        _provider.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Status_moves_through_the_states_with_an_event_on_every_change_and_the_link_only_while_running()
    {
        var checkId = (await _service.RequestAsync(Tenant, Request("c1"))).Items[0].CheckId!;
        var providerId = _checks.Records.Single().ProviderCheckId;

        (await _service.ListAsync(Tenant, Job)).Single().CandidateUrl.Should().NotBeNull();
        (await DeliverAsync(_provider.Advance(providerId, ReferenceCheckState.RefereesNamed, 0))).Outcome.Should().Be(ReferenceStatusOutcome.Applied);
        (await DeliverAsync(_provider.Advance(providerId, ReferenceCheckState.InProgress, 1))).Outcome.Should().Be(ReferenceStatusOutcome.Applied);
        var view = (await _service.ListAsync(Tenant, Job)).Single();
        view.Should().Match<ReferenceCheckView>(v => v.State == ReferenceCheckState.InProgress && v.Requested == 2 && v.Answered == 1 && v.CandidateUrl != null && v.IsRunning);

        var done = await DeliverAsync(_provider.Advance(providerId, ReferenceCheckState.Completed, 2));
        done.Should().Be(new ReferenceCallbackResult(ReferenceStatusOutcome.Applied, null, checkId, ReferenceCheckState.Completed));

        view = (await _service.ListAsync(Tenant, Job)).Single();
        view.CandidateUrl.Should().BeNull();
        view.ReportDocument.Should().NotBeNull();
        _host.EventsOf<ReferenceCheckUpdated>().Select(e => (e.State, e.Answered)).Should().Equal(
            (ReferenceCheckState.Requested, 0), (ReferenceCheckState.RefereesNamed, 0), (ReferenceCheckState.InProgress, 1), (ReferenceCheckState.Completed, 2));
        var document = _host.Documents.Should().ContainSingle().Subject;
        document.Document.Kind.Should().Be(DocumentKind.ReferenceReport);
        document.Document.Application.Value.Should().Be("a1");
        document.Document.Id.Should().Be(view.ReportDocument!.Value);
        System.Text.Encoding.ASCII.GetString(document.Content).Should().StartWith("%PDF").And.EndWith(providerId);
    }

    [Fact]
    public async Task Duplicate_callbacks_change_nothing_and_file_the_report_once()
    {
        await _service.RequestAsync(Tenant, Request("c1"));
        var providerId = _checks.Records.Single().ProviderCheckId;
        var completed = _provider.Advance(providerId, ReferenceCheckState.Completed, 2);

        (await DeliverAsync(completed)).Outcome.Should().Be(ReferenceStatusOutcome.Applied);
        (await DeliverAsync(completed)).Outcome.Should().Be(ReferenceStatusOutcome.Duplicate);
        (await DeliverAsync(completed)).Outcome.Should().Be(ReferenceStatusOutcome.Duplicate);
        (await _service.PollAsync(Tenant)).Polled.Should().Be(0);

        _host.Documents.Should().ContainSingle();
        _provider.ReportFetches.Should().Be(1);
        _host.EventsOf<ReferenceCheckUpdated>().Should().HaveCount(2);
    }

    [Fact]
    public async Task Out_of_order_callbacks_never_move_a_check_backwards()
    {
        await _service.RequestAsync(Tenant, Request("c1"));
        var providerId = _checks.Records.Single().ProviderCheckId;
        var named = _provider.Advance(providerId, ReferenceCheckState.RefereesNamed, 0);
        var progress = _provider.Advance(providerId, ReferenceCheckState.InProgress, 1);
        var completed = _provider.Advance(providerId, ReferenceCheckState.Completed, 2);

        (await DeliverAsync(completed)).Outcome.Should().Be(ReferenceStatusOutcome.Applied);
        (await DeliverAsync(named)).Outcome.Should().Be(ReferenceStatusOutcome.Stale);
        (await DeliverAsync(progress)).Outcome.Should().Be(ReferenceStatusOutcome.Stale);

        var record = _checks.Records.Single();
        record.State.Should().Be(ReferenceCheckState.Completed);
        record.Answered.Should().Be(2);
        _host.Documents.Should().ContainSingle();
    }

    [Fact]
    public void Merge_keeps_finished_states_and_the_highest_answer_count()
    {
        var record = new ReferenceCheckRecord
        {
            Tenant = Tenant, CheckId = "rc", Key = new IdempotencyKey("k"), Provider = "http", ProviderCheckId = "p", Candidate = new CandidateId("c"),
            Application = new ApplicationId("a"), Job = Job, SubAccount = "main", Language = "sv", TemplateId = "t",
            State = ReferenceCheckState.Cancelled, Requested = 3, Answered = 2, CreatedAt = _time.GetUtcNow(), UpdatedAt = _time.GetUtcNow(),
        };
        var status = new ProviderCheckStatus { ProviderCheckId = "p", CheckId = "rc", State = ReferenceCheckState.InProgress, Requested = 3, Answered = 1, Sequence = 9, UpdatedAt = _time.GetUtcNow() };

        var merged = ReferenceCheckService.Merge(record, status);
        merged.State.Should().Be(ReferenceCheckState.Cancelled);
        merged.Answered.Should().Be(2);

        var running = ReferenceCheckService.Merge(record with { State = ReferenceCheckState.InProgress }, status with { State = ReferenceCheckState.RefereesNamed });
        running.State.Should().Be(ReferenceCheckState.InProgress);
    }

    [Fact]
    public async Task Callback_for_an_unknown_check_or_a_mismatched_provider_id_is_refused()
    {
        await _service.RequestAsync(Tenant, Request("c1"));
        var record = _checks.Records.Single();
        var status = _provider.Advance(record.ProviderCheckId, ReferenceCheckState.InProgress, 1);

        (await DeliverAsync(status with { CheckId = "rc-unknown" })).Refusal.Should().Be(CallbackRefusal.UnknownCheck);
        (await DeliverAsync(status with { ProviderCheckId = "p-999" })).Refusal.Should().Be(CallbackRefusal.UnknownCheck);
        _checks.Records.Single().State.Should().Be(ReferenceCheckState.Requested);
    }

    [Fact]
    public async Task Refusals_of_the_provider_are_passed_on()
    {
        _provider.Callback = _ => CallbackReadResult.Refused(CallbackRefusal.BadSignature);
        var result = await _service.HandleCallbackAsync(Tenant, new ReferenceCallbackRequest(new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty));
        result.Should().Be(new ReferenceCallbackResult(ReferenceStatusOutcome.Refused, CallbackRefusal.BadSignature, null, null));
    }

    [Fact]
    public async Task Polling_applies_changes_and_a_report_that_failed_to_download_is_filed_by_the_next_poll()
    {
        await _service.RequestAsync(Tenant, Request("c1", "c2"));
        var ids = _checks.Records.Select(r => r.ProviderCheckId).ToList();
        _provider.Advance(ids[0], ReferenceCheckState.InProgress, 1);
        var completed = _provider.Advance(ids[1], ReferenceCheckState.Completed, 2);

        var first = await _service.PollAsync(Tenant);
        first.Should().Be(new ReferencePollResult(2, 2, 1, 0));

        // A completion seen while the provider is down for the report: applied now, filed later.
        var last = _provider.Advance(ids[0], ReferenceCheckState.Completed, 2);
        _provider.Down = true;
        (await _service.PollAsync(Tenant)).Failed.Should().Be(1);
        _provider.Down = false;
        (await DeliverAsync(last)).Outcome.Should().Be(ReferenceStatusOutcome.Applied);
        _host.Documents.Should().HaveCount(2);
        (await _service.PollAsync(Tenant)).Polled.Should().Be(0);
        _ = completed;
    }

    [Fact]
    public async Task Request_with_no_candidates_or_unconfigured_tenant_is_refused()
    {
        (await _service.RequestAsync(Tenant, Request())).Problem.Should().Be(ReferenceRequestProblem.InvalidCandidates);
        (await _service.RequestAsync(new TenantId("other"), Request("c1"))).Problem.Should().Be(ReferenceRequestProblem.NotConfigured);
    }

    [Fact]
    public void Options_are_validated_when_resolved()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddReferenceChecks(o =>
        {
            o.MaxReferences = 0;
            o.CallbackTolerance = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();
        var act = () => provider.GetRequiredService<IOptions<ReferenceCheckOptions>>().Value;
        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().HaveCount(2);
    }
}
