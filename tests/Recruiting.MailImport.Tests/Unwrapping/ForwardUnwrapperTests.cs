using System.Text;
using System.Text.Json;
using MimeKit;
using Recruiting.MailImport.Unwrapping;

namespace Recruiting.MailImport.Tests.Unwrapping;

public class ForwardUnwrapperTests
{
    private static readonly ForwardUnwrapper Unwrapper = new();

    public static IEnumerable<object[]> Forwards => TestData.Names("Unwrapping", "forwards", ".eml");

    [Theory]
    [MemberData(nameof(Forwards))]
    public void Unwrap_recovers_the_original_as_expected(string name)
    {
        var message = TestData.LoadMessage("Unwrapping", "forwards", name);
        using var expectedJson = JsonDocument.Parse(File.ReadAllText(TestData.PathOf("Unwrapping", "forwards", name + ".expected.json")));
        var expected = expectedJson.RootElement;

        var result = Unwrapper.Unwrap(message);

        result.Method.ToString().Should().Be(expected.GetProperty("method").GetString(), name);
        result.RecruiterNote.Should().Be(expected.GetProperty("recruiterNote").GetString(), name);
        result.Depth.Should().Be(expected.GetProperty("depth").GetInt32());
        if (result.Method == UnwrapMethod.None)
        {
            result.Original.Should().BeNull();
            return;
        }

        var original = result.Original!;
        original.From.Should().Be(expected.GetProperty("from").GetString());
        original.FromName.Should().Be(expected.GetProperty("fromName").GetString());
        original.Subject.Should().Be(expected.GetProperty("subject").GetString());
        var date = expected.GetProperty("date").GetString();
        if (date is null)
        {
            original.Date.Should().BeNull();
        }
        else
        {
            var expectedDate = DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
            original.Date.Should().Be(expectedDate);
            original.Date!.Value.Offset.Should().Be(expectedDate.Offset);
        }

        original.TextBody.Should().Contain(expected.GetProperty("textBodyContains").GetString());
        if (expected.TryGetProperty("htmlBodyContains", out var html))
        {
            original.HtmlBody.Should().Contain(html.GetString());
        }

        if (expected.TryGetProperty("to", out var to))
        {
            original.To.Should().Be(to.GetString());
        }

        if (expected.TryGetProperty("dateText", out var dateText))
        {
            original.DateText.Should().Be(dateText.GetString());
        }

        if (expected.TryGetProperty("messageId", out var messageId))
        {
            original.MessageId.Should().Be(messageId.GetString());
        }

        original.Headers.Should().ContainKey("Subject");
        original.TextBody.Should().NotContain("Forwarded message").And.NotContain("Original Message");
    }

    [Fact]
    public void Inline_html_body_excludes_the_recruiter_note_and_the_header_block()
    {
        var result = Unwrapper.Unwrap(TestData.LoadMessage("Unwrapping", "forwards", "outlook-web-en"));

        result.Original!.HtmlBody.Should().NotContain("FYI").And.NotContain("divRplyFwdMsg").And.NotContain("Sent:");
    }

    [Fact]
    public void Nested_forward_keeps_the_intermediate_note()
    {
        var result = Unwrapper.Unwrap(TestData.LoadMessage("Unwrapping", "forwards", "nested-inline"));

        result.IntermediateNotes.Should().Equal("See his answer below.");
        result.Original!.TextBody.Should().NotContain("See his answer below.");
    }

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    public void Inline_forwards_nested_deep_unwrap_to_the_innermost_or_stop_at_the_limit(int levels)
    {
        var text = new StringBuilder();
        for (var i = levels; i >= 1; i--)
        {
            text.Append("---------- Forwarded message ---------\n")
                .Append("From: Sender ").Append(i).Append(" <s").Append(i).Append("@example.com>\n")
                .Append("Date: Mon, 4 Nov 2024 at 10:12\n")
                .Append("Subject: ").Append(i == 1 ? "Re: Interview" : "Fwd: Re: Interview").Append("\n\n");
        }

        text.Append("The innermost reply.\n");
        var message = new MimeMessage { Subject = "Fwd: 2024-000101", Body = new TextPart("plain") { Text = text.ToString() } };

        var result = new ForwardUnwrapper(new ForwardUnwrapperOptions { MaxDepth = 32 }).Unwrap(message);

        if (levels <= 32)
        {
            result.Depth.Should().Be(levels);
            result.Original!.From.Should().Be("s1@example.com");
            result.Original.TextBody.Should().Be("The innermost reply.");
            result.DepthLimitReached.Should().BeFalse();
        }
        else
        {
            result.Depth.Should().Be(32);
            result.DepthLimitReached.Should().BeTrue();
            result.Original!.From.Should().Be($"s{levels - 31}@example.com");
        }
    }

    [Fact]
    public void Rfc822_attachments_nested_20_deep_unwrap_to_the_innermost()
    {
        var innermost = new MimeMessage { Subject = "Re: Interview", MessageId = "innermost@example.com", Body = new TextPart("plain") { Text = "Yes." } };
        innermost.From.Add(new MailboxAddress("Max", "max@example.com"));
        var current = innermost;
        for (var i = 0; i < 20; i++)
        {
            var wrapper = new MimeMessage { Subject = "Fwd: " + current.Subject };
            wrapper.From.Add(new MailboxAddress("Recruiter " + i, $"r{i}@demo.example"));
            wrapper.Body = new Multipart("mixed") { new TextPart("plain") { Text = string.Empty }, new MessagePart { Message = current } };
            current = wrapper;
        }

        var result = Unwrapper.Unwrap(current);

        result.Method.Should().Be(UnwrapMethod.Rfc822Attachment);
        result.Depth.Should().Be(20);
        result.Original!.MessageId.Should().Be("innermost@example.com");
        result.Original.TextBody.Should().Be("Yes.");
    }

    [Fact]
    public void Forward_without_body_is_not_unwrapped()
    {
        var message = new MimeMessage { Subject = "Fwd: 2024-000101" };

        Unwrapper.Unwrap(message).Should().Be(UnwrapResult.NotFound);
    }

    [Fact]
    public void Hostile_html_of_10000_nested_divs_does_not_overflow()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 10_000)) + "x" + string.Concat(Enumerable.Repeat("</div>", 10_000));
        var message = new MimeMessage { Body = new TextPart("html") { Text = html } };

        Unwrapper.Unwrap(message).Method.Should().Be(UnwrapMethod.None);
    }

    [Theory]
    [InlineData("Mon, 4 Nov 2024 at 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("Monday, November 4, 2024 10:12 AM", "2024-11-04T10:12:00+01:00")]
    [InlineData("Monday, November 4, 2024 12:05 AM", "2024-11-04T00:05:00+01:00")]
    [InlineData("Montag, 4. November 2024 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("Mo., 4. Nov. 2024 um 10:12 Uhr", "2024-11-04T10:12:00+01:00")]
    [InlineData("lundi 4 novembre 2024 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("lunes, 4 de noviembre de 2024 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("lunedì 4 novembre 2024 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("maandag 4 november 2024 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("2024年11月4日 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("2024年11月4日 午後2:05", "2024-11-04T14:05:00+01:00")]
    [InlineData("2024년 11월 4일 (월) 오후 2:05", "2024-11-04T14:05:00+01:00")]
    [InlineData("4 ноября 2024 г., 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("poniedziałek, 4 listopada 2024 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("4. marraskuuta 2024 klo 10.12", "2024-11-04T10:12:00+01:00")]
    [InlineData("Mon, 4 Nov 2024 10:12:00 +0100", "2024-11-04T10:12:00+01:00")]
    [InlineData("Mon, 4 Nov 2024 10:12:00 -0500", "2024-11-04T10:12:00-05:00")]
    [InlineData("4 November 2024 at 10:12:00 CET", "2024-11-04T10:12:00+01:00")]
    [InlineData("4 November 2024 at 10:12:00 GMT+9", "2024-11-04T10:12:00+09:00")]
    [InlineData("04.11.2024 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("2024/11/04 10:12", "2024-11-04T10:12:00+01:00")]
    [InlineData("13/11/2024 10:12", "2024-11-13T10:12:00+01:00")]
    [InlineData("2024. március 5., kedd 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("2024. márc. 5., K, 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("5 Mart 2024 Salı 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("2024年3月5日 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("2024年3月5日 星期二 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("2024년 3월 5일 화요일 오전 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("2024년 3월 5일 화요일 오후 2:15", "2024-03-05T14:15:00+01:00")]
    [InlineData("úterý 5. března 2024 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("utorok 5. marca 2024 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("marți, 5 martie 2024 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("utorak, 5. ožujka 2024. 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("Τρίτη, 5 Μαρτίου 2024 2:15 μμ", "2024-03-05T14:15:00+01:00")]
    [InlineData("Τρί 5 Μαρ 2024 στις 10:15 π.μ.", "2024-03-05T10:15:00+01:00")]
    [InlineData("Τρίτη, 5 Μαρτίου 2024 12:05 π.μ.", "2024-03-05T00:05:00+01:00")]
    [InlineData("\u200fיום שלישי 05 מרץ 2024 10:15\u200f", "2024-03-05T10:15:00+01:00")]
    [InlineData("الثلاثاء، 05 مارس، 2024 10:15 ص", "2024-03-05T10:15:00+01:00")]
    [InlineData("الثلاثاء، 05 مارس، 2024 02:15 م", "2024-03-05T14:15:00+01:00")]
    [InlineData("الثلاثاء، ٥ مارس ٢٠٢٤ ١٠:١٥ ص", "2024-03-05T10:15:00+01:00")]
    [InlineData("الثلاثاء 5 آذار 2024م 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("5 березня 2024 р. 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("5. marts 2024 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("5. marts 2024 kl. 10.15.08 CET", "2024-03-05T10:15:00+01:00")]
    [InlineData("tiistai 5. maaliskuuta 2024 10.15", "2024-03-05T10:15:00+01:00")]
    [InlineData("ti 5. maalisk. 2024 klo 10.15", "2024-03-05T10:15:00+01:00")]
    [InlineData("þriðjudagur, 5. mars 2024 10:15", "2024-03-05T10:15:00+01:00")]
    [InlineData("mar., 5 mar. 2024 la 10:15", "2024-03-05T10:15:00+01:00")]
    // Layouts as the clients write them (crisp-oss/email-forward-parser test fixtures: Gmail hu/uk/fi/ro/tr, Apple Mail da/no/sk/tr/ro/uk).
    [InlineData("2021. okt. 27., Sze, 9:31", "2021-10-27T09:31:00+01:00")]
    [InlineData("ср, 27 жовт. 2021 о 09:31", "2021-10-27T09:31:00+01:00")]
    [InlineData("ke 27. lokak. 2021 klo 9.31", "2021-10-27T09:31:00+01:00")]
    [InlineData("mie., 27 oct. 2021 la 09:31", "2021-10-27T09:31:00+01:00")]
    [InlineData("26. oktober 2021 kl. 14.25.08 EEST", "2021-10-26T14:25:00+03:00")]
    [InlineData("26. oktober 2021 kl. 14:25:08 EEST", "2021-10-26T14:25:08+03:00")]
    [InlineData("26. októbra 2021, 14:25:08 GMT+3", "2021-10-26T14:25:08+03:00")]
    [InlineData("26 Ekim 2021 14:25:08 GMT+3", "2021-10-26T14:25:08+03:00")]
    [InlineData("26 octombrie 2021, 14:25:08 EEST", "2021-10-26T14:25:08+03:00")]
    [InlineData("26 жовтня 2021 р. о 14:25:08 GMT+3", "2021-10-26T14:25:08+03:00")]
    public void Localized_dates_are_read(string text, string expected)
    {
        LocalizedDateParser.TryParse(text, TimeSpan.FromHours(1), preferMonthFirst: false, out var value).Should().BeTrue(text);

        var expectedValue = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        value.Should().Be(expectedValue);
        value.Offset.Should().Be(expectedValue.Offset);
    }

    [Theory]
    [InlineData(null, 11)]
    [InlineData("hr", 10)]
    public void Listopad_is_November_unless_the_labels_are_Croatian(string? language, int month)
    {
        LocalizedDateParser.TryParse("26. listopada 2021. u 14:25:08 EEST", TimeSpan.Zero, false, out var value, language).Should().BeTrue();

        value.Month.Should().Be(month);
    }

    [Fact]
    public void A_two_digit_dotted_year_is_not_read_as_a_time()
    {
        LocalizedDateParser.TryParse("04.11.24", TimeSpan.Zero, false, out var value).Should().BeTrue();

        value.Should().Be(new DateTimeOffset(2024, 11, 4, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Numeric_dates_follow_the_label_language()
    {
        LocalizedDateParser.TryParse("11/4/2024 10:12 AM", TimeSpan.Zero, preferMonthFirst: true, out var us).Should().BeTrue();
        LocalizedDateParser.TryParse("11/4/2024 10:12", TimeSpan.Zero, preferMonthFirst: false, out var eu).Should().BeTrue();

        us.Month.Should().Be(11);
        eu.Month.Should().Be(4);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sometime")]
    [InlineData("31 February 2024 10:12")]
    [InlineData("99:99")]
    public void Unreadable_dates_are_rejected(string text)
    {
        LocalizedDateParser.TryParse(text, TimeSpan.Zero, false, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("Max Mustermann <max@example.com>", "max@example.com", "Max Mustermann")]
    [InlineData("\"Mustermann, Max\" <max@example.com>", "max@example.com", "Mustermann, Max")]
    [InlineData("Max Mustermann [mailto:max@example.com]", "max@example.com", "Max Mustermann")]
    [InlineData("*Max Mustermann* <max@example.com>", "max@example.com", "Max Mustermann")]
    [InlineData("max@example.com", "max@example.com", null)]
    [InlineData("<max@example.com>", "max@example.com", null)]
    [InlineData("Max Mustermann", null, "Max Mustermann")]
    [InlineData("Max Mustermann <max@example.com<mailto:max@example.com>>", "max@example.com", "Max Mustermann")]
    [InlineData("山田 太郎 <taro@example.jp>", "taro@example.jp", "山田 太郎")]
    public void Sender_text_is_read(string text, string? address, string? name)
    {
        AddressText.Parse(text).Should().Be((address, name));
    }
}

public class ForwardUnwrapperHostileInputTests
{
    [Theory]
    [InlineData("text/plain", "base64", "R0VU!!!@@@ broken === base64 ***\r\nLS0tLS0tLS0tLSBGb3J3YXJkZWQ")]
    [InlineData("text/plain", "quoted-printable", "=ZZ=\r\n=E4=\r\nFrom: =")]
    [InlineData("text/html", "base64", "PGRpdj48Yj5Gcm9tOjwvYj4=====garbage")]
    [InlineData("text/plain; charset=x-unknown-charset", "8bit", "From: a\r\nSubject: b")]
    public void Broken_encodings_and_unknown_charsets_do_not_throw(string contentType, string encoding, string body)
    {
        var raw = $"From: r@demo.example\r\nSubject: 2024-000101 x\r\nMIME-Version: 1.0\r\nContent-Type: {contentType}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{body}\r\n";
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));

        var act = () => new ForwardUnwrapper().Unwrap(message);

        act.Should().NotThrow();
    }

    [Fact]
    public void A_block_without_sender_is_not_a_forward()
    {
        var message = new MimeMessage { Body = new TextPart("plain") { Text = "-----Original Message-----\nSubject: x\nDate: Mon, 4 Nov 2024 10:12\n\nbody" } };

        new ForwardUnwrapper().Unwrap(message).Method.Should().Be(UnwrapMethod.None);
    }

    [Fact]
    public void Two_header_lines_without_a_separator_are_not_a_forward()
    {
        var message = new MimeMessage { Body = new TextPart("plain") { Text = "Notes from the call\nFrom: Berlin\nSubject: relocation\n\nShe can start in May." } };

        new ForwardUnwrapper().Unwrap(message).Method.Should().Be(UnwrapMethod.None);
    }
}
