namespace Recruiting.Abstractions.Tests.Security;

public class SecretComparerTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("", "", true)]
    [InlineData(null, "abc", false)]
    [InlineData(null, null, false)]
    public void FixedTimeEquals_ComparesValues(string? left, string? right, bool expected)
    {
        SecretComparer.FixedTimeEquals(left, right).Should().Be(expected);
    }

    [Fact]
    public void HashToken_IsSha256Hex()
    {
        SecretComparer.HashToken("abc").Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
