namespace Recruiting.Abstractions.Tests.Idempotency;

public class IdempotencyKeyTests
{
    [Fact]
    public void Create_JoinsScopeAndParts()
    {
        IdempotencyKey.Create("board", "doda Assist", "default", "A-1").Value.Should().Be("board/doda Assist/default/A-1");
    }

    [Fact]
    public void Create_EscapesSeparators_SoDifferentPartsNeverCollide()
    {
        var a = IdempotencyKey.Create("mail", "a/b", "c");
        var b = IdempotencyKey.Create("mail", "a", "b/c");
        a.Should().NotBe(b);
        a.Value.Should().Be("mail/a%2Fb/c");
        IdempotencyKey.Create("mail", "a%2Fb").Should().NotBe(a);
    }

    [Fact]
    public void Create_HashesLongKeys_Deterministically()
    {
        var part = new string('x', 500);
        var key = IdempotencyKey.Create("mail", part);
        key.Value.Length.Should().BeLessThanOrEqualTo(IdempotencyKey.MaxLength);
        key.Value.Should().StartWith("mail/sha256:");
        IdempotencyKey.Create("mail", part).Should().Be(key);
        IdempotencyKey.Create("mail", part + "y").Should().NotBe(key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("bad scope")]
    public void Create_RejectsBadScopes(string scope)
    {
        var act = () => IdempotencyKey.Create(scope, "x");
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Create_RequiresAPart()
    {
        var act = () => IdempotencyKey.Create("mail");
        act.Should().Throw<ArgumentException>();
    }
}
