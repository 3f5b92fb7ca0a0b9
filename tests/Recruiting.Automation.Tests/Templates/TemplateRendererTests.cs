namespace Recruiting.Automation.Tests.Templates;

public sealed class TemplateRendererTests
{
    private readonly TemplateRenderer _renderer = new();

    private static IReadOnlyDictionary<string, object?> Model(string name = "Hana <b>&amp;", JobInfo? job = null) => RejectionTemplateModel.Create(
        new CandidateProfile { Name = new PersonName(name), Emails = ["hana@example.jp"] },
        job ?? new JobInfo(new JobId("j"), new TenantId("t"), "Dev & Ops"),
        "r1",
        "Not a fit",
        new UserInfo { Id = new UserId("u"), Tenant = new TenantId("t"), Email = "rec@acme.example", DisplayName = "Rec" },
        "Acme",
        "2024-000101");

    [Fact]
    public void Html_mode_escapes_every_value()
    {
        var result = _renderer.Render("<p>{{candidate.name}} / {{job.title}}</p>", TemplateMode.Html, Model());

        result.Ok.Should().BeTrue();
        result.Output.Should().Be("<p>Hana &lt;b&gt;&amp;amp; / Dev &amp; Ops</p>");
    }

    [Fact]
    public void Text_mode_keeps_values_as_written()
    {
        _renderer.Render("Re: {{job.title}} ({{application.reference}})", TemplateMode.Text, Model()).Output.Should().Be("Re: Dev & Ops (2024-000101)");
    }

    [Theory]
    [InlineData("{{{candidate.name}}}")]
    [InlineData("{{&candidate.name}}")]
    public void Html_mode_refuses_raw_output(string template)
    {
        var result = _renderer.Check(template, TemplateMode.Html);

        result.Ok.Should().BeFalse();
        result.Error.Should().Contain("Raw");
    }

    [Fact]
    public void Check_fails_a_template_that_does_not_compile()
    {
        var result = _renderer.Check("{{#if candidate.name}}unclosed", TemplateMode.Html);

        result.Ok.Should().BeFalse();
        result.Error.Should().Contain("if");
    }

    [Theory]
    [InlineData("{{candidate.salary}}")]
    [InlineData("{{env 'PATH'}}")]
    [InlineData("{{> header}}")]
    public void Check_fails_names_and_helpers_outside_the_model(string template)
    {
        _renderer.Check(template, TemplateMode.Text).Ok.Should().BeFalse();
    }

    [Fact]
    public void Every_documented_field_renders_against_the_sample_model()
    {
        foreach (var field in RejectionTemplateModel.Fields)
        {
            _renderer.Check("{{" + field + "}}", TemplateMode.Html).Ok.Should().BeTrue(field);
        }
    }

    [Fact]
    public void Built_in_block_helpers_work()
    {
        var result = _renderer.Render("{{#if job}}for {{job.title}}{{else}}unsolicited{{/if}}", TemplateMode.Text, Model());

        result.Output.Should().Be("for Dev & Ops");
    }

    [Fact]
    public void A_missing_job_is_a_render_error_when_the_template_needs_it()
    {
        var model = RejectionTemplateModel.Create(new CandidateProfile { Name = new PersonName("A") }, null, "r", "R", null, "Acme", null);

        _renderer.Check("{{job.title}}", TemplateMode.Text).Ok.Should().BeTrue();
        _renderer.Render("{{job.title}}", TemplateMode.Text, model).Ok.Should().BeFalse();
        _renderer.Render("{{#if job}}{{job.title}}{{else}}-{{/if}}", TemplateMode.Text, model).Output.Should().Be("-");
    }
}
