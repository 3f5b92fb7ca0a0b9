using Recruiting.MailImport.Attachments;

namespace Recruiting.MailImport.Tests.Attachments;

public class SafeFileNameTests
{
    [Theory]
    [InlineData("../../x.pdf", "x.pdf")]
    [InlineData("..\\..\\windows\\system32\\x.pdf", "x.pdf")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("履歴書.pdf", "履歴書.pdf")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("COM1.pdf", "_COM1.pdf")]
    [InlineData("Console.pdf", "Console.pdf")]
    [InlineData("cv\u202Efdp.exe", "cvfdp.exe")]
    [InlineData("a\tb\r\nc.pdf", "a bc.pdf")]
    [InlineData("...", "attachment.pdf")]
    [InlineData("..", "attachment.pdf")]
    [InlineData("  trailing. . ", "trailing")]
    [InlineData("x<y>z.pdf", "x_y_z.pdf")]
    [InlineData("Re\u0301sume\u0301.pdf", "Résumé.pdf")]
    [InlineData(null, "attachment.pdf")]
    [InlineData("", "attachment.pdf")]
    public void Names_are_made_safe(string? raw, string expected)
    {
        SafeFileName.Create(raw, "application/pdf").Should().Be(expected);
    }

    [Fact]
    public void Long_names_keep_their_extension()
    {
        var name = SafeFileName.Create(new string('a', 500) + ".pdf", "application/pdf");

        name.Length.Should().Be(SafeFileName.MaxLength);
        name.Should().EndWith(".pdf");
    }

    [Fact]
    public void Lone_surrogates_are_removed()
    {
        SafeFileName.Create("cv\ud800.pdf", "application/pdf").Should().Be("cv.pdf");
    }

    [Theory]
    [InlineData("application/pdf", ".pdf")]
    [InlineData("image/png", ".png")]
    [InlineData("text/x-unknown", ".txt")]
    [InlineData("application/x-nothing-known", ".bin")]
    [InlineData(null, ".bin")]
    public void Fallback_extension_comes_from_the_content_type(string? type, string extension)
    {
        SafeFileName.ExtensionFor(type).Should().Be(extension);
    }
}
