using System.Text.Json;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class IntakePayloadTests
{
    private static IntakePayload Payload(string name = "髙橋　美咲", string? pr = "前職では営業を担当。\r\n\"数字\"に強いです。<b>&</b>") => new(
        "マイナビ転職",
        "default",
        Manual: true,
        new CandidateProfile
        {
            Name = new PersonName(name, "髙橋", "美咲", "タカハシ ミサキ"),
            Emails = ["misaki..t.@docomo.ne.jp"],
            Phones = ["090-1234-5678"],
            BirthDate = new DateOnly(1995, 4, 1),
            Gender = "女性",
            Address = new PostalAddress(["千代田区1-1"], "100-0001", null, "東京都", "JP"),
            Language = "ja",
        },
        new JobId("job-sales"),
        new HiringFlowId("flow-sales"),
        new ApplicantSource("マイナビ転職", "default", "M-0000001", null, "営業スタッフ"),
        new DateTimeOffset(2026, 11, 20, 10, 5, 0, TimeSpan.FromHours(9)),
        pr is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["自己PR"] = pr, ["希望勤務地"] = "東京都" });

    [Fact]
    public void Serialize_WritesWhatTheSerializerOptionsWrite_NonAsciiUnescaped_AndReadsBack()
    {
        var payload = Payload();

        var json = payload.Serialize();

        json.Should().Be(JsonSerializer.Serialize(payload, IntakePayload.Json), "the fast path writes the same text as the options");
        json.Should().Contain("\"family\":\"髙橋\"").And.Contain("\"manual\":true").And.NotContain("\\u9AD9");
        var back = IntakePayload.Deserialize(json)!;
        back.Profile.Should().BeEquivalentTo(payload.Profile);
        back.ExtraFields.Should().BeEquivalentTo(payload.ExtraFields);
        (back with { Profile = payload.Profile, ExtraFields = payload.ExtraFields }).Should().Be(payload);
    }

    [Fact]
    public void Serialize_IsRepeatable_OnOneThread_AndAfterAPayloadLargerThanTheBuffer()
    {
        var small = Payload(pr: null).Serialize();
        var large = Payload(pr: new string('長', 100_000)).Serialize();

        large.Should().Be(JsonSerializer.Serialize(Payload(pr: new string('長', 100_000)), IntakePayload.Json));
        Payload(pr: null).Serialize().Should().Be(small);
        IntakePayload.Deserialize(large)!.ExtraFields["自己PR"].Should().HaveLength(100_000);
    }

    [Fact]
    public void ResultPayload_RoundTrips()
    {
        var result = new IntakeResult(new ApplicationId("app-1"), new CandidateId("cand-\"1\""));
        var json = IntakeResultPayload.Serialize(result);

        json.Should().Be(JsonSerializer.Serialize(new IntakeResultPayload(result.Application, result.Candidate, result.Reference), IntakePayload.Json));
        IntakeResultPayload.Deserialize(json).Should().Be(result);
    }
}
