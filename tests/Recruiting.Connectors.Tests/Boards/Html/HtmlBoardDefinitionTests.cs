using System.Text;
using Recruiting.Connectors.Boards.Html;

namespace Recruiting.Connectors.Tests.Boards.Html;

public sealed class HtmlBoardDefinitionTests
{
    [Fact]
    public void LoadBuiltIn_Simulator_IsComplete()
    {
        var definition = HtmlBoardDefinition.LoadBuiltIn("simulator");
        definition.Validate().Should().BeEmpty();
        definition.Login.Form.Should().Be("form#login-form");
        definition.Detail!.Encoding.Should().Be("shift_jis");
        definition.Detail.Fields.Phones.Should().HaveCount(2);
        definition.Applicants.Fields.PostingId!.Attribute.Should().Be("data-posting-id");
    }

    [Fact]
    public void LoadBuiltIn_Unknown_Throws()
        => FluentActions.Invoking(() => HtmlBoardDefinition.LoadBuiltIn("nope")).Should().Throw<ArgumentException>();

    [Fact]
    public void Json_RoundTrips()
    {
        var definition = HtmlBoardDefinition.LoadBuiltIn("simulator");
        var again = HtmlBoardDefinition.Parse(definition.ToJson());
        again.ToJson().Should().Be(definition.ToJson());
    }

    [Fact]
    public void Parse_AnIncompleteDefinition_ListsEveryProblem()
    {
        var act = () => HtmlBoardDefinition.Parse("""{ "board": "", "encoding": "klingon", "login": { "form": "" }, "applicants": { "paging": { "nextLink": null } } }""");
        var error = act.Should().Throw<HtmlBoardDefinitionException>().Which;
        error.Code.Should().Be("invalidBoardDefinition");
        error.Message.Should().Contain("'board'").And.Contain("'login.form'").And.Contain("'postings.path'")
            .And.Contain("'applicants.row'").And.Contain("'applicants.paging'").And.Contain("klingon");
    }

    [Fact]
    public void TheSearchByAppliedDate_NeedsAParameterAndADateFormat()
    {
        HtmlBoardDefinition.LoadBuiltIn("simulator").Applicants.Since.Should().BeEquivalentTo(new HtmlSinceFilterDefinition { Parameter = "from", Format = "yyyy-MM-dd" });
        var definition = HtmlBoardDefinition.LoadBuiltIn("simulator");
        definition.Applicants.Since = new HtmlSinceFilterDefinition { Parameter = " ", Format = "%" };

        definition.Validate().Should().Contain("'applicants.since.parameter' is required.")
            .And.Contain(p => p.StartsWith("'applicants.since.format' '%'", StringComparison.Ordinal));
        definition.Applicants.Since = new HtmlSinceFilterDefinition { Parameter = "entry_from", Format = "yyyyMMdd" };
        definition.Validate().Should().BeEmpty();
    }

    [Fact]
    public void Parse_MalformedJson_IsAnInvalidDefinition()
        => FluentActions.Invoking(() => HtmlBoardDefinition.Parse("{ nope")).Should().Throw<HtmlBoardDefinitionException>();

    [Fact]
    public void Decode_UsesTheHeader_ThenTheMetaCharset_ThenTheFallback()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var sjis = Encoding.GetEncoding(932);
        var withMeta = sjis.GetBytes("<html><head><meta charset=\"Shift_JIS\"></head><body>山田</body></html>");
        var plain = sjis.GetBytes("<p>山田</p>");

        HtmlBoardConnector.Decode(withMeta, null, Encoding.UTF8).Should().Contain("山田");
        HtmlBoardConnector.Decode(plain, "windows-31j", Encoding.UTF8).Should().Contain("山田");
        HtmlBoardConnector.Decode(plain, null, sjis).Should().Contain("山田");
        HtmlBoardConnector.Decode(plain, null, Encoding.UTF8).Should().NotContain("山田");
        HtmlBoardConnector.Decode([0xEF, 0xBB, 0xBF, (byte)'a'], null, Encoding.UTF8).Should().Be("a");
    }
}
