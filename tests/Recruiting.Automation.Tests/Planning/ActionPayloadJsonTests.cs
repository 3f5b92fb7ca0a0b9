using System.Text.Json;

namespace Recruiting.Automation.Tests.Planning;

/// <summary>The hand-written payload writer must stay what the serializer writes (stored payloads are read back by it).</summary>
public sealed class ActionPayloadJsonTests
{
    private static readonly CandidateId Candidate = new("cand-1");

    public static TheoryData<string, object> Payloads() => new()
    {
        { "email, every field", new EmailPayload { Candidate = Candidate, Actor = new UserId("u-1"), Sender = new UserId("u-2"), Email = new RenderedEmail("hr@acme.example", "Ana \"HR\" Åström", ["c@x.example", "d@y.example"], "Re: Ihre Bewerbung – 選考結果 <b>", "<p>Dear O'Brien &amp; co,</p>\n<script>x</script>", "Dear O'Brien,\r\n\tthanks 😀", "de") } },
        { "email, nulls", new EmailPayload { Candidate = Candidate, Sender = new UserId("u-2"), Email = new RenderedEmail("hr@acme.example", null, [], "s", "<p/>", null, "en") } },
        { "note", new NotePayload { Candidate = Candidate, Actor = new UserId("u-1"), Text = "Rejected: \\ \u2028 \u0001", HiddenFromClients = false } },
        { "note, default visibility", new NotePayload { Candidate = Candidate, Text = "x" } },
        { "task", new TaskPayload { Candidate = Candidate, Title = "Follow up", Description = "call", Assignee = new UserId("u-3"), DueAt = new DateTimeOffset(2026, 11, 26, 9, 30, 15, 123, TimeSpan.FromHours(9)) } },
        { "task, no description", new TaskPayload { Candidate = Candidate, Title = "t", Assignee = new UserId("u-3"), DueAt = DateTimeOffset.UnixEpoch } },
        { "tags", new TagsPayload { Candidate = Candidate, Tags = ["rejected", "⚡ auto", "a\"b"] } },
        { "followers", new FollowersPayload { Candidate = Candidate, Actor = new UserId("u-1"), Followers = [new UserId("u-4"), new UserId("u-5")] } },
        { "assign job", new AssignJobPayload { Candidate = Candidate, Job = new JobId("job-1") } },
        { "assign pool", new AssignPoolPayload { Candidate = Candidate, Pool = new TalentPoolId("pool-1") } },
        { "skipped", new SkippedPayload { Candidate = Candidate, Actor = new UserId("u-1"), Reason = ActionSkipReason.NoEmailAddress } },
        { "skipped, undeclared reason", new SkippedPayload { Candidate = Candidate, Reason = (ActionSkipReason)42 } },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Writes_what_the_serializer_writes_and_reads_back_equal(string name, object value)
    {
        var payload = (ActionPayload)value;

        var written = payload.Serialize();

        written.Should().Be(JsonSerializer.Serialize(payload, AutomationJson.Options), name);
        ActionPayload.Deserialize(written).Should().BeEquivalentTo(payload, o => o.RespectingRuntimeTypes(), name);
    }

    [Fact]
    public void Every_declared_skip_reason_is_written_by_its_declared_name()
    {
        foreach (var reason in Enum.GetValues<ActionSkipReason>())
        {
            var payload = new SkippedPayload { Candidate = Candidate, Reason = reason };
            payload.Serialize().Should().Be(JsonSerializer.Serialize<ActionPayload>(payload, AutomationJson.Options));
        }
    }
}
