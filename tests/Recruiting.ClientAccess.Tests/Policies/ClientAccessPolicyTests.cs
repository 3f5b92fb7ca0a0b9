namespace Recruiting.ClientAccess.Tests.Policies;

public sealed class ClientAccessPolicyTests
{
    private static readonly TenantId Tenant = new("acme");

    private static ClientInfo Client(ClientStatus status = ClientStatus.Active) => new()
    {
        Id = new ClientId("c1"), Tenant = Tenant, Name = "C", Email = "c@x.example", Status = status, Vacancies = [new JobId("job-1")],
    };

    [Fact]
    public void Build_WithoutRequirements_Throws()
    {
        var act = () => new ClientAccessPolicyBuilder().Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("*at least one requirement*");
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new ClientAccessPolicyBuilder().Require(ActiveClientRequirement.Instance);
        builder.Build();

        builder.Invoking(b => b.Build()).Should().Throw<InvalidOperationException>();
        builder.Invoking(b => b.Require(SameTenantRequirement.Instance)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Evaluate_AllRequirementsMet_Allows()
    {
        var evaluator = new ClientAccessEvaluator(ClientAccessEvaluator.DefaultHandlers);
        var facts = new ClientResourceFacts { Exists = true, Tenant = Tenant, Jobs = [new JobId("job-1")] };

        evaluator.Evaluate(Tenant, Client(), new ApplicationResource(new ApplicationId("a")), facts).Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData(ClientStatus.Blocked, "job-1", "acme", AccessDenialReason.ClientBlocked)]
    [InlineData(ClientStatus.Active, "job-2", "acme", AccessDenialReason.OutsideVacancies)]
    [InlineData(ClientStatus.Active, "job-1", "globex", AccessDenialReason.OtherTenant)]
    public void Evaluate_AnyFailure_Denies(ClientStatus status, string job, string tenant, AccessDenialReason reason)
    {
        var evaluator = new ClientAccessEvaluator(ClientAccessEvaluator.DefaultHandlers);
        var facts = new ClientResourceFacts { Exists = true, Tenant = new TenantId(tenant), Jobs = [new JobId(job)] };

        var decision = evaluator.Evaluate(Tenant, Client(status), new ApplicationResource(new ApplicationId("a")), facts);

        decision.Allowed.Should().BeFalse();
        decision.Reasons.Should().Contain(reason);
    }

    [Fact]
    public void Evaluate_HiddenNote_Denied_VisibleNote_Allowed()
    {
        var evaluator = new ClientAccessEvaluator(ClientAccessEvaluator.DefaultHandlers);
        var facts = new ClientResourceFacts { Exists = true, Tenant = Tenant, Jobs = [new JobId("job-1")] };
        var note = new NoteResource(new ApplicationId("a"), new NoteId("n"));

        evaluator.Evaluate(Tenant, Client(), note, facts with { HiddenFromClients = true }).Reasons.Should().Equal(AccessDenialReason.HiddenFromClients);
        evaluator.Evaluate(Tenant, Client(), note, facts).Allowed.Should().BeTrue();
    }

    [Fact]
    public void Evaluate_QuestionWithoutRule_IsDenied()
    {
        var evaluator = new ClientAccessEvaluator(ClientAccessEvaluator.DefaultHandlers);
        var facts = new ClientResourceFacts { Exists = true, Tenant = Tenant, Jobs = [new JobId("job-1")] };

        evaluator.Evaluate(Tenant, Client(), new ResumeDatabaseResource(), facts).Reasons.Should().Equal(AccessDenialReason.NoRule);
        evaluator.Evaluate(Tenant, Client(), new UnknownResource(), facts).Reasons.Should().Equal(AccessDenialReason.NoRule);
    }

    [Fact]
    public void Evaluate_RequirementNoHandlerMeets_IsDenied()
    {
        // Without the vacancy-scope handler, that requirement stays pending: deny unless every requirement succeeded.
        var evaluator = new ClientAccessEvaluator([new ActiveClientHandler(), new SameTenantHandler()]);
        var facts = new ClientResourceFacts { Exists = true, Tenant = Tenant, Jobs = [new JobId("job-1")] };

        evaluator.Evaluate(Tenant, Client(), new VacancyResource(new JobId("job-1")), facts).Reasons.Should().Equal(AccessDenialReason.RequirementNotMet);
    }

    [Fact]
    public void Context_FailIsAVeto_EvenAfterSucceed()
    {
        var context = new ClientAccessContext(Tenant, Client(), new VacancyResource(new JobId("job-1")), ClientResourceFacts.Missing, [ActiveClientRequirement.Instance]);
        context.Succeed(ActiveClientRequirement.Instance);
        context.Fail(AccessDenialReason.NotFound);

        context.HasSucceeded.Should().BeFalse();
        context.HasFailed.Should().BeTrue();
    }

    private sealed record UnknownResource : ClientResource;
}
