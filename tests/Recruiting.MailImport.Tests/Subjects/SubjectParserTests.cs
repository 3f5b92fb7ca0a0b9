using Recruiting.MailImport.Subjects;

namespace Recruiting.MailImport.Tests.Subjects;

public class SubjectParserTests
{
    private static readonly SubjectParser Parser = new();

    [Theory]
    [InlineData("2024-000123 WG: Re: Ihre Bewerbung", "2024-000123", "WG: Re: Ihre Bewerbung")]
    [InlineData("WG: 2024-000123 Re: Ihre Bewerbung", "2024-000123", "Re: Ihre Bewerbung")]
    [InlineData("Fwd: [2024-000123] Re: Interview", "2024-000123", "Re: Interview")]
    [InlineData("TR : RE: 2024-000123 Disponibilités", "2024-000123", "Disponibilités")]
    [InlineData("転送: 2024-000123 面接日程について", "2024-000123", "面接日程について")]
    [InlineData("転送：2024-000123 面接日程について", "2024-000123", "面接日程について")]
    [InlineData("(2024-000123) Interview", "2024-000123", "Interview")]
    [InlineData("#2024-000123 Interview", "2024-000123", "Interview")]
    [InlineData("BW-58213 Interview", "BW-58213", "Interview")]
    [InlineData("1234567 Interview", "1234567", "Interview")]
    [InlineData("2024-000123: Ihre Bewerbung", "2024-000123", "Ihre Bewerbung")]
    [InlineData("2024-000123:Ihre Bewerbung", "2024-000123", "Ihre Bewerbung")]
    [InlineData("2024-000123", "2024-000123", "")]
    [InlineData("  2024-000123   Ihre Bewerbung  ", "2024-000123", "Ihre Bewerbung")]
    [InlineData("[2024-000123]Re: Interview", "2024-000123", "Re: Interview")]
    [InlineData("2024-000123 Re: Re: AW: Termin 2024-000999", "2024-000123", "Re: Re: AW: Termin 2024-000999")]
    [InlineData("Re[2]: 2024-000123 x", "2024-000123", "x")]
    [InlineData("Re(3): 2024-000123 x", "2024-000123", "x")]
    [InlineData("RE^2: 2024-000123 x", "2024-000123", "x")]
    [InlineData("[EXTERNAL] FW: 2024-000123 x", "2024-000123", "x")]
    [InlineData("*EXTERNAL* FW: 2024-000123 x", "2024-000123", "x")]
    [InlineData("[EXT] 2024-000123 x", "2024-000123", "x")]
    [InlineData("EXTERNAL: Fwd: 2024-000123 x", "2024-000123", "x")]
    [InlineData("Re:Re:Fwd:2024-000123 x", "2024-000123", "x")]
    [InlineData("2024-000123 WG: 2024-000123 Re: x", "2024-000123", "WG: 2024-000123 Re: x")]
    [InlineData("bw-58213 Interview", "BW-58213", "Interview")]
    [InlineData("【2024-000123】面接", "2024-000123", "面接")]
    [InlineData("2024-000123\u3000面接", "2024-000123", "面接")]
    public void Parse_reads_reference_and_rest(string subject, string reference, string rest)
    {
        var result = Parser.Parse(subject);

        result.Reason.Should().BeNull();
        result.Reference.Should().Be(new ApplicationReference(reference));
        result.Subject.Should().Be(rest);
    }

    [Theory]
    [InlineData("Re", "en")]
    [InlineData("Fwd", "en")]
    [InlineData("Fw", "en")]
    [InlineData("FW", "en")]
    [InlineData("AW", "de")]
    [InlineData("WG", "de")]
    [InlineData("Wtr", "de")]
    [InlineData("RE", "fr")]
    [InlineData("TR", "fr")]
    [InlineData("TR ", "fr spacing")]
    [InlineData("RV", "es")]
    [InlineData("R", "it")]
    [InlineData("I", "it")]
    [InlineData("Antw", "nl")]
    [InlineData("Doorst", "nl")]
    [InlineData("SV", "da/no/sv/is")]
    [InlineData("VS", "da/no/fi")]
    [InlineData("Vs", "no")]
    [InlineData("VB", "sv")]
    [InlineData("VL", "fi")]
    [InlineData("FS", "is")]
    [InlineData("Odp", "pl/cs/sk")]
    [InlineData("PD", "pl/cs")]
    [InlineData("Vá", "hu")]
    [InlineData("Továbbítás", "hu")]
    [InlineData("Redirecționat", "ro")]
    [InlineData("Redirecţionat", "ro cedilla")]
    [InlineData("Odg", "hr")]
    [InlineData("Prosljeđeno", "hr")]
    [InlineData("RES", "pt")]
    [InlineData("ENC", "pt")]
    [InlineData("YNT", "tr")]
    [InlineData("İLT", "tr")]
    [InlineData("ΑΠ", "el")]
    [InlineData("ΣΧΕΤ", "el")]
    [InlineData("ΠΡΘ", "el")]
    [InlineData("Απ", "el lower")]
    [InlineData("Ответ", "ru")]
    [InlineData("Отв", "ru")]
    [InlineData("Пересл", "ru")]
    [InlineData("Відп", "uk")]
    [InlineData("השב", "he")]
    [InlineData("הועבר", "he")]
    [InlineData("رد", "ar")]
    [InlineData("إعادة توجيه", "ar")]
    [InlineData("توجيه", "ar")]
    [InlineData("回复", "zh")]
    [InlineData("答复", "zh")]
    [InlineData("转发", "zh")]
    [InlineData("轉寄", "zh-tw")]
    [InlineData("回覆", "zh-tw")]
    [InlineData("返信", "ja")]
    [InlineData("転送", "ja")]
    [InlineData("회신", "ko")]
    [InlineData("답장", "ko")]
    [InlineData("전달", "ko")]
    public void Parse_strips_prefixes_of_every_language(string prefix, string language)
    {
        foreach (var colon in new[] { ":", "：", " :" })
        {
            var subject = $"{prefix}{colon} {prefix}{colon}2024-000123 Betreff";
            var result = Parser.Parse(subject);
            result.Reason.Should().BeNull($"{language}: {subject}");
            result.Reference!.Value.Value.Should().Be("2024-000123");
            result.Subject.Should().Be("Betreff");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Ihre Bewerbung")]
    [InlineData("Re: Ihre Bewerbung 2024-000123")]
    [InlineData("Interview am 12.03. um 10 Uhr")]
    [InlineData("3 Fragen zu Ihrer Bewerbung")]
    [InlineData("@2024-000123 Interview")]
    [InlineData("@")]
    [InlineData("Re: Fwd: ")]
    [InlineData("[EXTERNAL]")]
    [InlineData("[Job] 2024-000123")]
    [InlineData("ABCD-EFGH Interview")]
    public void Parse_reports_no_reference(string? subject)
    {
        var result = Parser.Parse(subject);

        result.Reason.Should().Be(SubjectParseFailure.NoReference);
        result.Reference.Should().BeNull();
        result.Subject.Should().BeNull();
    }

    [Theory]
    [InlineData("[2024_000123] Interview")]
    [InlineData("[12] Interview")]
    [InlineData("#12 Interview")]
    [InlineData("(2024-000123 Interview")]
    [InlineData("2024-00012345678901234567890123456 Interview")]
    [InlineData("2024--000123 Interview")]
    [InlineData("2024-000123- Interview")]
    [InlineData("2024-000123, Interview")]
    [InlineData("2024_000123 Interview")]
    [InlineData("2024/000123 Interview")]
    [InlineData("WG: 2024.000123 Interview")]
    [InlineData("123 Interview")]
    public void Parse_reports_malformed_reference(string subject)
    {
        Parser.Parse(subject).Reason.Should().Be(SubjectParseFailure.MalformedReference);
    }

    [Theory]
    [InlineData("2024-000123 2024-000124 Interview")]
    [InlineData("2024-000123 WG: 2024-000124 Interview")]
    [InlineData("Fwd: 2024-000123 Fwd: [2024-000124] Interview")]
    [InlineData("[2024-000123][2024-000124] Interview")]
    [InlineData("2024-000123: 2024-000124 Interview")]
    public void Parse_reports_two_different_references_as_ambiguous(string subject)
    {
        Parser.Parse(subject).Reason.Should().Be(SubjectParseFailure.Ambiguous);
    }

    [Fact]
    public void Parse_decodes_encoded_words()
    {
        var result = Parser.Parse("=?UTF-8?B?6Lui6YCBOiAyMDI0LTAwMDEyMyDpnaLmjqXml6XnqIvjgavjgaTjgYTjgaY=?=");

        result.Reference!.Value.Value.Should().Be("2024-000123");
        result.Subject.Should().Be("面接日程について");
    }

    [Fact]
    public void Parse_decodes_iso_2022_jp_and_folded_headers()
    {
        var result = Parser.Parse("=?ISO-2022-JP?B?GyRCRT5BdxsoQg==?=:\r\n 2024-000123 =?iso-8859-1?Q?Disponibilit=E9s?=");

        result.Reason.Should().BeNull();
        result.Reference!.Value.Value.Should().Be("2024-000123");
        result.Subject.Should().Be("Disponibilités");
        result.DecodedSubject.Should().Be("転送: 2024-000123 Disponibilités");
    }

    [Fact]
    public void Parse_keeps_undecodable_encoded_words_and_still_reads_the_reference()
    {
        var result = Parser.Parse("2024-000123 =?x-unknown?B?@@@@?= Termin");

        result.Reference!.Value.Value.Should().Be("2024-000123");
        result.Subject.Should().NotBeNull();
    }

    [Fact]
    public void Parse_survives_100_KB_subject_and_cuts_the_rest()
    {
        var subject = "2024-000123 " + new string('x', 100 * 1024);

        var result = Parser.Parse(subject);

        result.Reference!.Value.Value.Should().Be("2024-000123");
        result.Subject!.Length.Should().Be(new SubjectParserOptions().MaxSubjectLength - 12);
    }

    [Fact]
    public void Parse_survives_100_KB_of_prefixes()
    {
        var subject = string.Concat(Enumerable.Repeat("Re: ", 25 * 1024)) + "2024-000123 x";

        var parser = new SubjectParser(new SubjectParserOptions { MaxSubjectLength = 200 * 1024 });
        var result = parser.Parse(subject);

        result.Reference!.Value.Value.Should().Be("2024-000123");
        result.Subject.Should().Be("x");
    }

    [Fact]
    public void Parse_of_100_KB_token_without_spaces_is_bounded_and_malformed()
    {
        var result = Parser.Parse(new string('1', 100 * 1024));

        result.Reason.Should().Be(SubjectParseFailure.MalformedReference);
    }

    [Fact]
    public void Cut_never_splits_a_surrogate_pair()
    {
        var parser = new SubjectParser(new SubjectParserOptions { MaxSubjectLength = 64 });
        var subject = "2024-000123 " + string.Concat(Enumerable.Repeat("😀", 100));

        var result = parser.Parse(subject);

        result.Subject!.Should().NotEndWith("\ud83d");
        result.Subject!.Length.Should().BeLessThanOrEqualTo(64 - 12);
        char.IsHighSurrogate(result.Subject![^1]).Should().BeFalse();
    }

    [Fact]
    public void TryParse_returns_ranges_into_the_input()
    {
        var subject = "Fwd: [2024-000123] Re: Interview ".AsSpan();

        Parser.TryParse(subject, out var match).Should().BeTrue();

        subject[match.Reference].ToString().Should().Be("2024-000123");
        subject[match.Subject].ToString().Should().Be("Re: Interview");
        match.Failure.Should().BeNull();
    }

    [Fact]
    public void TryParse_reports_the_failure_and_the_offending_token()
    {
        var subject = "WG: [2024_000123] Interview".AsSpan();

        Parser.TryParse(subject, out var match).Should().BeFalse();

        match.Failure.Should().Be(SubjectParseFailure.MalformedReference);
        subject[match.Reference].ToString().Should().Be("2024_000123");
    }

    [Fact]
    public void Custom_pattern_restricts_the_format()
    {
        var parser = new SubjectParser(new SubjectParserOptions { ReferencePattern = @"\d{4}-\d{6}" });

        parser.Parse("2024-000123 x").Reference!.Value.Value.Should().Be("2024-000123");
        parser.Parse("BW-58213 x").Reason.Should().Be(SubjectParseFailure.MalformedReference);
        parser.Parse("2024-00123 x").Reason.Should().Be(SubjectParseFailure.MalformedReference);
    }

    [Fact]
    public void Custom_pattern_may_allow_other_characters()
    {
        var parser = new SubjectParser(new SubjectParserOptions { ReferencePattern = @"BW/\d{4}/\d{3}" });

        parser.Parse("WG: BW/2024/123 Termin").Reference!.Value.Value.Should().Be("BW/2024/123");
    }

    [Theory]
    [InlineData(ReferenceChecksum.Luhn, "2024-0001230", "2024-0001231")]
    [InlineData(ReferenceChecksum.Mod11, "2024-0001235", "2024-0001236")]
    [InlineData(ReferenceChecksum.Damm, "2024-0001237", "2024-0001273")]
    public void Checksum_rejects_typos(ReferenceChecksum rule, string unused, string typo)
    {
        _ = unused;
        var parser = new SubjectParser(new SubjectParserOptions { Checksum = rule });
        var payload = "2024-000123";
        var check = ReferenceChecksums.ComputeCheckDigit(payload, rule);
        var valid = payload + check;

        parser.Parse(valid + " x").Reference!.Value.Value.Should().Be(valid);
        if (typo != valid)
        {
            parser.Parse(typo + " x").Reason.Should().Be(SubjectParseFailure.MalformedReference);
        }
    }

    [Theory]
    [InlineData(ReferenceChecksum.Luhn)]
    [InlineData(ReferenceChecksum.Mod11)]
    [InlineData(ReferenceChecksum.Damm)]
    public void Checksum_catches_every_single_digit_error(ReferenceChecksum rule)
    {
        var parser = new SubjectParser(new SubjectParserOptions { Checksum = rule });
        var payload = "2024-00012";
        for (var tail = 0; tail < 10; tail++)
        {
            var body = payload + tail;
            var check = ReferenceChecksums.ComputeCheckDigit(body, rule);
            if (check < 0)
            {
                continue;
            }

            var valid = body + check;
            parser.IsValidReference(valid).Should().BeTrue(valid);
            for (var position = 0; position < valid.Length; position++)
            {
                if (!char.IsAsciiDigit(valid[position]))
                {
                    continue;
                }

                for (var digit = '0'; digit <= '9'; digit++)
                {
                    if (digit == valid[position])
                    {
                        continue;
                    }

                    var typo = valid[..position] + digit + valid[(position + 1)..];
                    parser.IsValidReference(typo).Should().BeFalse($"{typo} is a typo of {valid}");
                }
            }
        }
    }

    [Fact]
    public void Options_are_validated_with_every_problem_listed()
    {
        var options = new SubjectParserOptions
        {
            ReferencePattern = "([",
            MinReferenceLength = 40,
            MaxReferenceLength = 30,
            MaxSubjectLength = 10,
            PatternTimeout = TimeSpan.Zero,
        };
        options.AdditionalPrefixes.Add("Bad:");

        var act = () => new SubjectParser(options);

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("ReferencePattern").And.Contain("MinReferenceLength").And.Contain("MaxSubjectLength")
            .And.Contain("PatternTimeout").And.Contain("AdditionalPrefixes[0]");
    }

    [Fact]
    public void Options_reject_a_pattern_matching_nothing_but_empty()
    {
        new SubjectParserOptions { ReferencePattern = "x*" }.Validate().Should().ContainSingle(e => e.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Additional_prefixes_and_tags_are_stripped()
    {
        var options = new SubjectParserOptions();
        options.AdditionalPrefixes.Add("Weiterl");
        options.AdditionalTags.Add("Bewerbung extern");
        var parser = new SubjectParser(options);

        parser.Parse("[Bewerbung extern] Weiterl: 2024-000123 x").Reference!.Value.Value.Should().Be("2024-000123");
        Parser.Parse("Weiterl: 2024-000123 x").Reason.Should().Be(SubjectParseFailure.NoReference);
    }

    [Fact]
    public void Options_are_copied_at_construction()
    {
        var options = new SubjectParserOptions();
        var parser = new SubjectParser(options);
        options.MaxReferenceLength = 5;

        parser.Parse("2024-000123 x").Success.Should().BeTrue();
    }
}
