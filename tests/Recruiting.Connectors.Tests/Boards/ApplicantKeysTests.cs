using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class ApplicantKeysTests
{
    private static readonly TimeZoneInfo Tokyo = BoardTestData.Tokyo;

    private static BoardApplicant Make(string name = "山田 太郎", string? email = "Taro@Example.jp", string? phone = null, DateOnly? birth = null, string? posting = "P1", string? title = null, DateTimeOffset? applied = null, string? id = null) => new()
    {
        BoardApplicantId = id,
        PostingId = posting,
        PostingTitle = title,
        AppliedAt = applied ?? new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9)),
        Profile = new CandidateProfile
        {
            Name = new PersonName(name),
            Emails = email is null ? [] : [email],
            Phones = phone is null ? [] : [phone],
            BirthDate = birth ?? new DateOnly(1990, 1, 2),
        },
    };

    [Fact]
    public void WithBoardId_KeyIsBoardAccountAndId()
    {
        ApplicantKeys.For("doda Assist", "default", Make(id: " ＡＢ-12 "), Tokyo).Value.Should().Be("board/doda Assist/default/id/AB-12");
    }

    [Fact]
    public void Fingerprint_IgnoresWidthCaseWhitespaceAndPhonePunctuation()
    {
        var a = ApplicantKeys.For("type", "default", Make(), Tokyo);
        ApplicantKeys.For("type", "default", Make(name: "山田　太郎", email: " ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"), Tokyo).Should().Be(a);
        ApplicantKeys.For("type", "default", Make(applied: new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.FromHours(9))), Tokyo).Should().Be(a, "the applied date counts, not the time");

        var byPhone = ApplicantKeys.For("type", "default", Make(email: null, phone: "090-1234-5678"), Tokyo);
        ApplicantKeys.For("type", "default", Make(email: null, phone: "+81 90 (1234) 5678"), Tokyo).Should().Be(byPhone);
        ApplicantKeys.For("type", "default", Make(email: null, phone: "０９０１２３４５６７８"), Tokyo).Should().Be(byPhone);
        a.Value.Should().StartWith("board/type/default/fp/").And.NotContain("taro");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("email")]
    [InlineData("birth")]
    [InlineData("posting")]
    [InlineData("applied")]
    [InlineData("account")]
    public void Fingerprint_ChangesWithEachPart(string part)
    {
        var baseline = ApplicantKeys.For("type", "default", Make(), Tokyo);
        var other = part switch
        {
            "name" => ApplicantKeys.For("type", "default", Make(name: "山田 次郎"), Tokyo),
            "email" => ApplicantKeys.For("type", "default", Make(email: "taro..@example.jp"), Tokyo),
            "birth" => ApplicantKeys.For("type", "default", Make(birth: new DateOnly(1990, 1, 3)), Tokyo),
            "posting" => ApplicantKeys.For("type", "default", Make(posting: "P2"), Tokyo),
            "applied" => ApplicantKeys.For("type", "default", Make(applied: new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(9))), Tokyo),
            _ => ApplicantKeys.For("type", "second", Make(), Tokyo),
        };
        other.Should().NotBe(baseline);
    }

    [Fact]
    public void Fingerprint_PostingTitleFolded_WhenNoPostingId()
    {
        ApplicantKeys.For("type", "default", Make(posting: null, title: "営業 スタッフ"), Tokyo)
            .Should().Be(ApplicantKeys.For("type", "default", Make(posting: null, title: "営業　スタッフ "), Tokyo));
    }
}
