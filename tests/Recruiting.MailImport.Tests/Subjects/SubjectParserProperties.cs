using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Recruiting.MailImport.Attachments;
using Recruiting.MailImport.Subjects;

namespace Recruiting.MailImport.Tests.Subjects;

public class SubjectParserProperties
{
    private static readonly SubjectParser Parser = new();

    private static readonly Gen<string> Group = Gen.Choose(1, 6).SelectMany(n =>
        Gen.ArrayOf(Gen.Elements("ABCDEFGHJKLMNPQRSTUVWXYZabcxyz0123456789".ToCharArray()), n).Select(a => new string(a)));

    private static readonly Gen<string> Reference =
        Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Group, n))
            .Select(groups => string.Join('-', groups))
            .SelectMany(r => Gen.Choose(0, 9).Select(d => r + d))
            .Where(r => r.Length is >= 4 and <= 32);

    private static readonly Gen<string> Prefixes = Gen.Choose(0, 4).SelectMany(n =>
        Gen.ArrayOf(Gen.Elements(SubjectPrefixes.Builtin.Where(p => !p.Contains(' ', StringComparison.Ordinal)).ToArray())
            .SelectMany(p => Gen.Elements(": ", ":", "：", " : ", "[2]: ").Select(colon => p + colon)), n))
        .Select(parts => string.Concat(parts));

    private static readonly Gen<string> Wrapped = Reference.SelectMany(r => Gen.Elements(r, $"[{r}]", $"({r})", $"#{r}").Select(w => (r, w)))
        .Select(t => t.w);

    private static readonly Gen<string> Rest = Gen.Choose(0, 6).SelectMany(n =>
        Gen.ArrayOf(Gen.Elements("Ihre", "Bewerbung", "Re:", "面接", "Termin", "2024-000999", "Interview", "AW:", "!", "über"), n))
        .Select(words => string.Join(' ', words))
        .Where(rest => rest.Length == 0 || !(rest.StartsWith("Re:", StringComparison.Ordinal) || rest.StartsWith("AW:", StringComparison.Ordinal)
            || rest.StartsWith("2024", StringComparison.Ordinal) || rest.StartsWith('!')));

    [Property(MaxTest = 500)]
    public Property Any_prefix_chain_then_reference_then_rest_is_read_back()
    {
        var subjects = Prefixes.SelectMany(p => Wrapped.SelectMany(w => Rest.Select(rest => (p, w, rest))));
        return Prop.ForAll(subjects.ToArbitrary(), t =>
        {
            var (prefixes, wrapped, rest) = t;
            var subject = prefixes + wrapped + (rest.Length > 0 ? " " + rest : string.Empty);
            var result = Parser.Parse(subject);
            var expected = wrapped.TrimStart('[', '(', '#').TrimEnd(']', ')');
            return result.Success
                && result.Reference!.Value.Value == expected.ToUpperInvariant()
                && result.Subject == rest;
        });
    }

    [Theory]
    [InlineData("7aa\na")]
    [InlineData("7uJ\ne")]
    [InlineData("12\r\n34 Termin")]
    public void Regression_ABareLineBreak_NeverGluesTwoTokensIntoAReference(string input)
    {
        var found = Parser.TryParse(input, out _);
        Parser.Parse(input).Success.Should().Be(found);
    }

    [Fact]
    public void Regression_FoldedSubjects_AreUnfolded()
    {
        var parsed = Parser.Parse("2024-000123\r\n Re: Ihre Bewerbung");
        parsed.Reference!.Value.Value.Should().Be("2024-000123");
        SubjectParser.Unfold("a\r\n\tb").Should().Be("a\tb");
        SubjectParser.Unfold("a\nb").Should().Be("a b");
    }

    [Property(MaxTest = 1000)]
    public bool TryParse_never_throws_and_ranges_stay_inside(string? input)
    {
        var subject = input ?? string.Empty;
        var found = Parser.TryParse(subject, out var match);
        var parsed = Parser.Parse(subject);
        if (!found)
        {
            return match.Failure is not null && !parsed.Success;
        }

        var (refOffset, refLength) = match.Reference.GetOffsetAndLength(subject.Length);
        var (restOffset, restLength) = match.Subject.GetOffsetAndLength(subject.Length);
        return refLength > 0 && refOffset + refLength <= restOffset && restOffset + restLength <= subject.Length;
    }

    [Property(MaxTest = 300)]
    public Property A_later_number_is_never_a_reference()
    {
        var words = Gen.Elements("Ihre", "Bewerbung", "Termin", "Interview", "面接").SelectMany(w => Reference.Select(r => w + " " + r));
        return Prop.ForAll(words.ToArbitrary(), subject => Parser.Parse(subject).Reason == SubjectParseFailure.NoReference);
    }

    [Property(MaxTest = 1000)]
    public bool Safe_file_names_are_always_safe(string? raw)
    {
        var name = SafeFileName.Create(raw, "application/pdf");
        return name.Length is > 0 and <= SafeFileName.MaxLength
            && name.IndexOfAny(['/', '\\', '<', '>', ':', '"', '|', '?', '*']) < 0
            && !name.Any(char.IsControl)
            && name != "." && name != ".."
            && !name.EndsWith('.') && !name.EndsWith(' ');
    }
}
