using System.Text.Json;

namespace Recruiting.Abstractions.Tests.Ids;

public class StronglyTypedIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Ids_RejectEmptyValues(string value)
    {
        var act = () => new TenantId(value);
        act.Should().Throw<ArgumentException>().WithMessage("*TenantId*");
    }

    [Fact]
    public void Ids_RejectTooLongValues()
    {
        var act = () => new ApplicationId(new string('a', StronglyTypedId.MaxLength + 1));
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Ids_SerialiseAsTheirValue()
    {
        var json = JsonSerializer.Serialize(new { tenant = new TenantId("demo"), job = (JobId?)null });
        json.Should().Be("""{"tenant":"demo","job":null}""");
        JsonSerializer.Deserialize<TenantId>("\"acme\"").Should().Be(new TenantId("acme"));
    }

    [Fact]
    public void Ids_OfDifferentTypes_AreDifferentTypes()
    {
        new CandidateId("x").Should().NotBe(new ApplicationId("x"));
        new CandidateId("x").Should().Be(new CandidateId("x"));
    }

    [Fact]
    public void ApplicationReference_IsTrimmedAndUpperCased()
    {
        new ApplicationReference(" bw-58213 ").Value.Should().Be("BW-58213");
        new ApplicationReference("bw-58213").Should().Be(new ApplicationReference("BW-58213"));
    }
}
