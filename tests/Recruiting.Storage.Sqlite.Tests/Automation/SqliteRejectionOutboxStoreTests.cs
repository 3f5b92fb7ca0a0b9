using Microsoft.Data.Sqlite;
using Recruiting.Automation;
using Recruiting.Storage.Sqlite.Tests.Core;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Automation;

public sealed class SqliteRejectionOutboxStoreTests : IDisposable
{
    private static readonly TenantId Tenant = new("acme");
    private readonly SqliteTestStore _store = new();

    public void Dispose() => _store.Dispose();

    private IRejectionOutboxStore Outbox => _store.Get<IRejectionOutboxStore>();

    private static NewRejection New(string id, string application, params (int Index, DateTimeOffset Due)[] actions)
    {
        var rejection = new RejectionRecord
        {
            Tenant = Tenant,
            RejectionId = id,
            Application = new ApplicationId(application),
            Candidate = new CandidateId("c-" + application),
            ReasonId = "r",
            ReasonVersion = 1,
            Actor = new UserId("u"),
            RejectedAt = TestServices.Start,
            CancelUntil = TestServices.Start.AddSeconds(10),
        };
        return new NewRejection(rejection, actions.Select(a => new OutboxAction
        {
            Tenant = Tenant,
            RejectionId = id,
            ActionIndex = a.Index,
            Application = rejection.Application,
            Kind = AutomatedActionKind.Note,
            State = AutomatedActionState.Pending,
            DueAt = a.Due,
            RuleId = $"rejection:r:v1:{a.Index}",
            Payload = "{}",
            UpdatedAt = TestServices.Start,
        }).ToList());
    }

    [Fact]
    public async Task Records_rejection_and_actions_in_one_transaction()
    {
        // The second action repeats an index: the batch is refused and nothing of it may remain.
        var broken = New("rej-1", "a1", (0, TestServices.Start), (0, TestServices.Start));

        var record = async () => await Outbox.RecordAsync([New("rej-0", "a0", (0, TestServices.Start)), broken]);

        (await record.Should().ThrowAsync<ArgumentException>()).WithMessage("*two actions with index 0*");
        (await Outbox.GetRejectionAsync(Tenant, "rej-0")).Should().BeNull();
        (await Outbox.GetRejectionAsync(Tenant, "rej-1")).Should().BeNull();
        (await Outbox.ListActionsAsync(Tenant, "rej-0")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_active_rejection_of_an_application_is_not_recorded()
    {
        var first = await Outbox.RecordAsync([New("rej-1", "a1", (0, TestServices.Start))]);
        var second = await Outbox.RecordAsync([New("rej-2", "a1", (0, TestServices.Start), (1, TestServices.Start))]);

        first[0].Recorded.Should().BeTrue();
        second[0].Recorded.Should().BeFalse();
        second[0].Rejection.RejectionId.Should().Be("rej-1");
        (await Outbox.ListActionsAsync(Tenant, "rej-2")).Should().BeEmpty();
        Packs.Should().Be(1, "the pack of the rejection not recorded is not kept");
    }

    [Fact]
    public async Task Claims_due_actions_once_and_reclaims_after_the_lease()
    {
        await Outbox.RecordAsync([New("rej-1", "a1", (0, TestServices.Start), (1, TestServices.Start.AddDays(1)))]);
        var now = TestServices.Start;

        var claimed = await Outbox.ClaimDueAsync(now, now.AddMinutes(5), 10);
        var again = await Outbox.ClaimDueAsync(now.AddMinutes(1), now.AddMinutes(6), 10);
        var afterLease = await Outbox.ClaimDueAsync(now.AddMinutes(5), now.AddMinutes(10), 10);

        claimed.Should().ContainSingle().Which.ActionIndex.Should().Be(0);
        again.Should().BeEmpty();
        afterLease.Should().ContainSingle().Which.Attempts.Should().Be(2);
        (await Outbox.CompleteAsync([new ActionCompletion(Tenant, "rej-1", 0, AutomatedActionState.Done, null, now)])).Should().Be(1);
        (await Outbox.CompleteAsync([new ActionCompletion(Tenant, "rej-1", 1, AutomatedActionState.Done, null, now)])).Should().Be(0, "a pending action was never claimed");
        (await Outbox.ClaimDueAsync(now.AddHours(1), now.AddHours(2), 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancel_touches_only_pending_actions()
    {
        await Outbox.RecordAsync([New("rej-1", "a1", (0, TestServices.Start), (1, TestServices.Start.AddDays(2)))]);
        await Outbox.ClaimDueAsync(TestServices.Start, TestServices.Start.AddMinutes(5), 10);

        var cancelled = await Outbox.CancelPendingAsync(Tenant, "rej-1", null, "unrejected", TestServices.Start);

        cancelled.Should().ContainSingle().Which.ActionIndex.Should().Be(1);
        (await Outbox.ListActionsAsync(Tenant, "rej-1")).Select(a => a.State).Should().Equal(AutomatedActionState.Running, AutomatedActionState.Cancelled);
    }

    [Fact]
    public async Task Survives_a_restart_of_the_process()
    {
        await Outbox.RecordAsync([New("rej-1", "a1", (0, TestServices.Start.AddDays(2)))]);

        using var restarted = new SqliteTestStore(_store.Directory);
        var pending = await restarted.Get<IRejectionOutboxStore>().ListByStateAsync(Tenant, AutomatedActionState.Pending, 10);

        pending.Should().ContainSingle().Which.DueAt.Should().Be(TestServices.Start.AddDays(2));
    }

    [Fact]
    public async Task Host_syncs_are_claimed_when_due_with_their_actions_leased_and_gone_once_marked()
    {
        var now = TestServices.Start;
        var bulk = New("rej-1", "a1", (0, now), (1, now.AddDays(1)));
        var inline = New("rej-2", "a2", (0, now));
        await Outbox.RecordAsync([bulk, inline with { Rejection = inline.Rejection with { HostSyncAfter = now.AddMinutes(5) } }]);

        var claimed = await Outbox.ClaimHostSyncsAsync(now, now.AddMinutes(5), 10);
        var again = await Outbox.ClaimHostSyncsAsync(now.AddMinutes(1), now.AddMinutes(6), 10);

        var (rejection, actions) = claimed.Should().ContainSingle().Subject;
        rejection.RejectionId.Should().Be("rej-1", "rej-2 is written inline by its process until its lease ends");
        rejection.HostSyncAfter.Should().Be(now.AddMinutes(5));
        actions.Select(a => a.ActionIndex).Should().Equal(0, 1);
        again.Should().BeEmpty("rej-1 is leased, rej-2 not due yet");

        var afterLease = await Outbox.ClaimHostSyncsAsync(now.AddMinutes(5), now.AddMinutes(10), 10);
        afterLease.Select(r => r.Rejection.RejectionId).Should().BeEquivalentTo(["rej-1", "rej-2"]);
        await Outbox.MarkHostSyncedAsync([(Tenant, "rej-1"), (Tenant, "rej-2")]);
        (await Outbox.ClaimHostSyncsAsync(now.AddHours(1), now.AddHours(2), 10)).Should().BeEmpty();
        (await Outbox.GetRejectionAsync(Tenant, "rej-1"))!.HostSynced.Should().BeTrue();
    }

    [Fact]
    public async Task Claims_in_due_order_up_to_the_limit()
    {
        var now = TestServices.Start;
        await Outbox.RecordAsync([New("rej-b", "a1", (0, now.AddSeconds(2)), (1, now.AddSeconds(1))), New("rej-a", "a2", (0, now.AddSeconds(2)), (1, now.AddSeconds(3)))]);

        var claimed = await Outbox.ClaimDueAsync(now.AddSeconds(3), now.AddMinutes(5), 3);

        claimed.Select(a => (a.RejectionId, a.ActionIndex)).Should().Equal(("rej-b", 1), ("rej-a", 0), ("rej-b", 0));
        claimed.Should().OnlyContain(a => a.State == AutomatedActionState.Running && a.Attempts == 1 && a.UpdatedAt == now.AddSeconds(3));
        (await Outbox.ListActionsAsync(Tenant, "rej-a")).Select(a => a.State).Should().Equal(AutomatedActionState.Running, AutomatedActionState.Pending);
    }

    [Fact]
    public async Task Many_rows_round_trip_with_every_column()
    {
        var now = TestServices.Start;
        var rejections = Enumerable.Range(0, 300).Select(i =>
        {
            var n = New($"rej-{i:D3}", $"a{i}", (0, now), (1, now.AddDays(2)));
            return n with
            {
                Rejection = n.Rejection with { Actor = i % 2 == 0 ? null : new UserId("u"), RequestId = i % 3 == 0 ? $"req-{i}" : null, WithActions = i % 5 != 0, Bulk = true },
                Actions = n.Actions.Select(a => a with { Detail = a.ActionIndex == 1 ? "détail ⚡ 日本語" : null, Payload = $"{{\"n\":{i}}}" }).ToList(),
            };
        }).ToList();

        var results = await Outbox.RecordAsync(rejections);

        results.Should().OnlyContain(r => r.Recorded);
        var read = (await Outbox.GetRejectionAsync(Tenant, "rej-003"))!;
        read.Should().BeEquivalentTo(rejections[3].Rejection with { HostSyncAfter = now });
        (await Outbox.ListActionsAsync(Tenant, "rej-299")).Should().BeEquivalentTo(rejections[299].Actions);
        (await Outbox.ListByStateAsync(Tenant, AutomatedActionState.Pending, 1000)).Should().HaveCount(600);
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private long PackedRejections => Count("SELECT COUNT(*) FROM automation_rejections WHERE pack_id IS NOT NULL");

    private long Packs => Count("SELECT COUNT(*) FROM automation_action_packs");

    private long ActionRows => Count("SELECT COUNT(*) FROM automation_actions");

    [Fact]
    public async Task Actions_are_recorded_packed_in_their_rejection_and_read_back_as_they_were()
    {
        var now = TestServices.Start;
        var recorded = New("rej-1", "a1", (0, now.AddSeconds(10)), (1, now.AddDays(2)));
        recorded = recorded with { Actions = [recorded.Actions[0], recorded.Actions[1] with { State = AutomatedActionState.Skipped, Detail = "権限がありません ⚡" }] };

        await Outbox.RecordAsync([recorded]);

        ActionRows.Should().Be(0, "a bulk writes one row per rejection");
        PackedRejections.Should().Be(1);
        (await Outbox.ListActionsAsync(Tenant, "rej-1")).Should().BeEquivalentTo(recorded.Actions, o => o.WithStrictOrdering());
        (await Outbox.ListByStateAsync(Tenant, AutomatedActionState.Skipped, 10)).Should().ContainSingle().Which.Detail.Should().Be("権限がありません ⚡");
    }

    [Fact]
    public async Task A_due_claim_expands_only_the_packs_that_are_due()
    {
        var now = TestServices.Start;
        await Outbox.RecordAsync([New("rej-now", "a1", (0, now), (1, now.AddDays(2))), New("rej-later", "a2", (0, now.AddDays(1)))]);

        var claimed = await Outbox.ClaimDueAsync(now, now.AddMinutes(5), 10);

        claimed.Select(a => (a.RejectionId, a.ActionIndex)).Should().Equal(("rej-now", 0));
        ActionRows.Should().Be(2, "rej-now became rows, its delayed action included");
        PackedRejections.Should().Be(1, "rej-later is not due yet");
        (await Outbox.ListActionsAsync(Tenant, "rej-later")).Should().ContainSingle().Which.State.Should().Be(AutomatedActionState.Pending);
        await Outbox.CompleteAsync([new ActionCompletion(Tenant, "rej-now", 0, AutomatedActionState.Done, null, now)]);
        (await Outbox.ClaimDueAsync(now.AddDays(1), now.AddDays(1).AddMinutes(5), 10)).Select(a => a.RejectionId).Should().Equal("rej-later");
        await Outbox.CompleteAsync([new ActionCompletion(Tenant, "rej-later", 0, AutomatedActionState.Done, null, now)]);
        (await Outbox.ClaimDueAsync(now.AddDays(2), now.AddDays(2).AddMinutes(5), 10)).Select(a => (a.RejectionId, a.ActionIndex)).Should().Equal(("rej-now", 1));
        PackedRejections.Should().Be(0);
        Packs.Should().Be(0, "an expanded pack is deleted");
    }

    [Fact]
    public async Task A_due_claim_expands_enough_packs_to_fill_its_limit()
    {
        var now = TestServices.Start;
        await Outbox.RecordAsync(Enumerable.Range(0, 7).Select(i => New($"rej-{i}", $"a{i}", (0, now.AddSeconds(i)))).ToList());

        var first = await Outbox.ClaimDueAsync(now.AddMinutes(1), now.AddMinutes(5), 3);
        var second = await Outbox.ClaimDueAsync(now.AddMinutes(1), now.AddMinutes(5), 10);

        first.Select(a => a.RejectionId).Should().Equal("rej-0", "rej-1", "rej-2");
        second.Select(a => a.RejectionId).Should().Equal("rej-3", "rej-4", "rej-5", "rej-6");
    }

    [Fact]
    public async Task Cancelling_or_unrejecting_a_packed_rejection_cancels_its_pending_actions()
    {
        var now = TestServices.Start;
        await Outbox.RecordAsync([New("rej-1", "a1", (0, now.AddSeconds(10)), (1, now.AddDays(2))), New("rej-2", "a2", (0, now.AddDays(2)))]);

        var cancelled = await Outbox.CancelPendingAsync(Tenant, "rej-1", 1, "cancelledByUser", now);
        var (rejection, unrejected) = await Outbox.UnrejectAsync(Tenant, new ApplicationId("a2"), UnrejectCause.MovedBack, now);

        cancelled.Should().ContainSingle().Which.ActionIndex.Should().Be(1);
        (await Outbox.ListActionsAsync(Tenant, "rej-1")).Select(a => a.State).Should().Equal(AutomatedActionState.Pending, AutomatedActionState.Cancelled);
        rejection!.RejectionId.Should().Be("rej-2");
        unrejected.Should().ContainSingle().Which.Detail.Should().Be("movedBack");
        PackedRejections.Should().Be(0);
        (await Outbox.ClaimDueAsync(now.AddDays(3), now.AddDays(3).AddMinutes(5), 10)).Select(a => (a.RejectionId, a.ActionIndex)).Should().Equal(("rej-1", 0));
    }

    [Fact]
    public async Task Listing_by_state_merges_packed_and_expanded_actions_in_due_order_up_to_the_limit()
    {
        var now = TestServices.Start;
        await Outbox.RecordAsync([New("rej-a", "a1", (0, now), (1, now.AddMinutes(3))), New("rej-b", "a2", (0, now.AddMinutes(2)))]);
        await Outbox.CancelPendingAsync(Tenant, "rej-a", 0, "x", now); // rej-a becomes rows, rej-b stays packed

        var pending = await Outbox.ListByStateAsync(Tenant, AutomatedActionState.Pending, 10);
        var first = await Outbox.ListByStateAsync(Tenant, AutomatedActionState.Pending, 1);
        var otherTenant = await Outbox.ListByStateAsync(new TenantId("other"), AutomatedActionState.Pending, 10);

        pending.Select(a => (a.RejectionId, a.ActionIndex)).Should().Equal(("rej-b", 0), ("rej-a", 1));
        first.Select(a => a.RejectionId).Should().Equal("rej-b");
        otherTenant.Should().BeEmpty();
    }

    [Fact]
    public async Task Rows_written_before_packing_existed_are_still_claimed_and_listed()
    {
        var now = TestServices.Start;
        await Outbox.RecordAsync([New("rej-old", "a1")]);
        using (var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO automation_actions (tenant, rejection_id, action_index, application, kind, state, due_at, rule_id, payload, updated_at) VALUES ('acme', 'rej-old', 0, 'a1', 0, 0, $due, 'rejection:r:v1:0', '{}', $due);";
            insert.Parameters.AddWithValue("$due", now.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        (await Outbox.ListActionsAsync(Tenant, "rej-old")).Should().ContainSingle();
        (await Outbox.ClaimDueAsync(now, now.AddMinutes(5), 10)).Should().ContainSingle().Which.RejectionId.Should().Be("rej-old");
    }

    [Fact]
    public void A_pack_round_trips_every_field_and_a_damaged_one_is_a_typed_error()
    {
        var original = New("rej-1", "a1", (0, TestServices.Start), (7, TestServices.Start.AddDays(2)));
        var actions = original.Actions.Select(a => a with { Kind = AutomatedActionKind.Email, Attempts = 3, Payload = "{\"subject\":\"Ihre Bewerbung – 選考結果\"}", Detail = a.ActionIndex == 7 ? "" : null }).ToList();

        var pack = OutboxActionPack.Encode(original.Rejection, actions);
        var decoded = OutboxActionPack.Decode(pack, Tenant, "rej-1", new ApplicationId("a1"));

        decoded.Should().BeEquivalentTo(actions, o => o.WithStrictOrdering());
        var truncated = () => OutboxActionPack.Decode(pack[..^3], Tenant, "rej-1", new ApplicationId("a1"));
        truncated.Should().Throw<InvalidDataException>().WithMessage("*truncated*");
        var foreign = () => OutboxActionPack.Encode(original.Rejection, [actions[0] with { RejectionId = "rej-2" }]);
        foreign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task A_damaged_pack_is_quarantined_with_its_reason_and_does_not_stop_the_claims_of_others()
    {
        var now = TestServices.Start;
        await Outbox.RecordAsync([New("rej-bad", "a1", (0, now)), New("rej-ok", "a2", (0, now))]);
        using (var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE automation_action_packs SET actions = x'01' WHERE id = (SELECT pack_id FROM automation_rejections WHERE rejection_id = 'rej-bad');";
            damage.ExecuteNonQuery().Should().Be(1);
        }

        (await Outbox.ListActionsAsync(Tenant, "rej-bad")).Should().BeEmpty("a read does not throw on it");
        var claimed = await Outbox.ClaimDueAsync(now, now.AddMinutes(5), 10);
        var again = await Outbox.ClaimDueAsync(now.AddMinutes(10), now.AddMinutes(15), 10);

        claimed.Select(a => a.RejectionId).Should().Equal("rej-ok");
        again.Select(a => a.RejectionId).Should().Equal("rej-ok"); // its lease ended; the damaged pack is not read again
        Count("SELECT COUNT(*) FROM automation_rejections WHERE rejection_id = 'rej-bad' AND packed_due IS NULL AND pack_id IS NOT NULL AND pack_error LIKE '%truncated%'").Should().Be(1);
    }
}
