using Recruiting.ClientAccess.Redaction;

namespace Recruiting.ClientAccess.Tests.Redaction;

public sealed class ContactRedactorTests
{
    private readonly ContactRedactor _redactor = new(ContactRedactor.DefaultRegions);

    [Theory]
    [InlineData("Write to taro.yamada@example.jp please", "taro.yamada@example.jp")]
    [InlineData("docomo: taro..yamada.@docomo.ne.jp", "taro..yamada.@docomo.ne.jp")]
    [InlineData("mail:anna+jobs@mail.example.de,", "anna+jobs@mail.example.de")]
    [InlineData("全角＠も taro＠example.jp です", "taro＠example.jp")]
    public void Redact_MasksEmailAddresses(string text, string email)
    {
        var result = _redactor.Redact(text, KnownContacts.None);

        result.Should().NotContain(email).And.Contain(ContactRedactor.EmailMask);
    }

    [Theory]
    [InlineData("携帯: 090-1234-5678 まで", "090-1234-5678")]
    [InlineData("Tel. +49 151 23456789.", "+49 151 23456789")]
    [InlineData("Appelez le 06 12 34 56 78", "06 12 34 56 78")]
    [InlineData("Телефон +7 912 345-67-89", "+7 912 345-67-89")]
    [InlineData("Call (415) 555-2671 today", "(415) 555-2671")]
    [InlineData("UK mobile 07700 900123", "07700 900123")]
    [InlineData("Наші контакти: +38 044 384 20 05", "+38 044 384 20 05")]
    [InlineData("tel 03-1234-5678", "03-1234-5678")]
    public void Redact_MasksPhoneNumbersOfManyCountries(string text, string phone)
    {
        var result = _redactor.Redact(text, KnownContacts.None);

        result.Should().NotContain(phone).And.Contain(ContactRedactor.PhoneMask);
    }

    [Theory]
    [InlineData("Worked 2019-2023 at Contoso")]
    [InlineData("Salary 6,000,000 JPY, 5 years of C#")]
    [InlineData("From 2019/04 to 2023/03 in Osaka")]
    [InlineData("Version 1.2.3 of the product, ISO 9001")]
    public void Redact_KeepsDatesAndFiguresThatAreNotPhones(string text)
    {
        _redactor.Redact(text, KnownContacts.None).Should().Be(text);
    }

    [Theory]
    [InlineData("See https://www.linkedin.com/in/taro-yamada.", "https://www.linkedin.com/in/taro-yamada")]
    [InlineData("Portfolio: github.com/taro", "github.com/taro")]
    [InlineData("site www.taro.dev", "www.taro.dev")]
    [InlineData("Telegram @taro_yamada", "@taro_yamada")]
    public void Redact_MasksUrlsAndHandles(string text, string value)
    {
        _redactor.Redact(text, KnownContacts.None).Should().NotContain(value);
    }

    [Fact]
    public void Redact_MasksTheCandidatesOwnPhoneHoweverItIsWritten()
    {
        var known = KnownContacts.From(new CandidateProfile { Name = new PersonName("x"), Phones = ["+81 90-1234-5678"], MessengerIds = ["skype:taro.y"] });

        var result = _redactor.Redact("call 09012345678 or +819012345678, skype taro.y", known);

        result.Should().NotContain("09012345678").And.NotContain("819012345678").And.NotContain("taro.y");
    }

    [Fact]
    public void Redact_MasksAKnownNumberEvenWhenLibphonenumberWouldNotAcceptIt()
    {
        var known = KnownContacts.From(new CandidateProfile { Name = new PersonName("x"), Phones = ["555 0000 111"] });

        _redactor.Redact("number 5550000111 here", known).Should().NotContain("5550000111");
    }

    [Fact]
    public void Redact_MasksAKnownNumberWrittenInFullWidthDigits()
    {
        var known = KnownContacts.From(new CandidateProfile { Name = new PersonName("x"), Phones = ["090-1234-5678"] });

        var result = _redactor.Redact("電話：０９０－１２３４－５６７８", known);

        result.Should().NotContain("５６７８").And.Contain(ContactRedactor.PhoneMask);
    }

    [Fact]
    public void Redact_LeavesTextWithoutContactsUnchanged()
    {
        const string Text = "Senior engineer. Led a team of 5. Languages: C#, SQL, TypeScript.";

        _redactor.Redact(Text, KnownContacts.None).Should().BeSameAs(Text);
    }
}
