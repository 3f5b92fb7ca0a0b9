using Recruiting.Connectors.Boards.Html;

namespace Recruiting.Connectors.Tests.Boards.Html;

public sealed class HtmlTextCleanTests
{
    [Theory]
    [InlineData("山田 太郎", "山田 太郎")]
    [InlineData("  山田   太郎 ", "山田 太郎")]
    [InlineData("山田\u3000太郎", "山田 太郎")]
    [InlineData("山田\n\t太郎", "山田 太郎")]
    [InlineData("taro@example.jp ", "taro@example.jp")]
    [InlineData(" ", "")]
    [InlineData("", "")]
    public void Clean_CollapsesWhiteSpaceRuns_AndTrims(string text, string expected)
        => HtmlBoardConnector.Clean(text).Should().Be(expected);

    [Fact]
    public void Clean_ReturnsTextThatNeedsNothing_AsIs()
    {
        var text = "営業 スタッフ";
        HtmlBoardConnector.Clean(text).Should().BeSameAs(text);
        HtmlBoardConnector.Clean(null).Should().BeNull();
    }
}
