using Recruiting.Automation;
using Recruiting.Storage.Sqlite.Tests.Core;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Automation;

public sealed class SqliteRejectionRuleStoreTests : IDisposable
{
    private static readonly TenantId Tenant = new("acme");
    private readonly SqliteTestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Round_trips_every_action_kind_with_versions()
    {
        var store = _store.Get<IRejectionRuleStore>();
        var rule = new RejectionReasonRule
        {
            ReasonId = "r",
            Name = "Reason",
            Actions =
            [
                new SendEmailAction { Templates = [new("en", "s", "<p>b</p>", "t")], Sender = EmailSenderMode.FixedMember, SenderMember = new UserId("hr"), Timing = SendTimingMode.AfterDelay, Delay = TimeSpan.FromDays(2) },
                new AddNoteAction { Text = "n", HiddenFromClients = false },
                new AddTaskAction { Title = "t", Assignee = new UserId("hr"), DueAt = TestServices.Start.AddDays(5) },
                new AddTagsAction { Tags = ["a", "b"] },
                new AddFollowersAction { Followers = [new UserId("hr")] },
                new AssignToJobAction { Job = new JobId("j") },
                new AssignToTalentPoolAction { Pool = new TalentPoolId("p") },
            ],
        };

        var v1 = await store.SaveAsync(Tenant, rule, 0, TestServices.Start);
        var conflict = await store.SaveAsync(Tenant, rule, 0, TestServices.Start);
        var v2 = await store.SaveAsync(Tenant, rule with { Name = "Renamed" }, 1, TestServices.Start);
        var read = await store.GetAsync(Tenant, "r");

        v1!.Version.Should().Be(1);
        conflict.Should().BeNull();
        v2!.Version.Should().Be(2);
        read!.Name.Should().Be("Renamed");
        read.Actions.Should().BeEquivalentTo(rule.Actions, o => o.RespectingRuntimeTypes());
        (await store.GetVersionAsync(Tenant, "r", 1))!.Name.Should().Be("Reason");
    }
}
