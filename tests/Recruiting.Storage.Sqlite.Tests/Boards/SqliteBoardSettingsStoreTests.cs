using Recruiting.Boards;
using Recruiting.Storage.Sqlite.Tests.Core;

namespace Recruiting.Storage.Sqlite.Tests.Boards;

public sealed class SqliteBoardSettingsStoreTests
{
    private static readonly TenantId Tenant = new("t1");

    [Fact]
    public async Task Mappings_UpsertByMatch_FoldedTitles_SnapshotHoldsAccountAndBoardWide()
    {
        using var store = new SqliteTestStore();
        var settings = store.Get<IBoardSettingsStore>();
        await settings.SetMappingAsync(Tenant, new PostingMapping("type", null, PostingMatch.ByTitle("営業 スタッフ"), new JobId("job-1")));
        await settings.SetMappingAsync(Tenant, new PostingMapping("type", null, PostingMatch.ByTitle("営業　スタッフ "), new JobId("job-2"), new HiringFlowId("flow-2")));
        await settings.SetMappingAsync(Tenant, new PostingMapping("type", "acct-a", PostingMatch.ById("P1"), new JobId("job-3")));
        await settings.SetMappingAsync(Tenant, new PostingMapping("type", "acct-b", PostingMatch.Any, new JobId("job-4")));
        await settings.SetMappingAsync(Tenant, new PostingMapping("エン転職", null, PostingMatch.Any, new JobId("job-5")));

        (await settings.ListMappingsAsync(Tenant, "type")).Should().HaveCount(3, "the two spellings of one title are one mapping");
        var snapshot = await settings.GetSnapshotAsync(Tenant, "type", "acct-a");
        snapshot.Mappings.Should().HaveCount(2);
        snapshot.FindMapping("acct-a", "P1", "営業 スタッフ")!.Job.Should().Be(new JobId("job-3"));
        snapshot.FindMapping("acct-a", "P9", "ＥＩＧＹＯ")!.Should().BeNull();
        var byTitle = snapshot.FindMapping("acct-a", "P9", "営業 スタッフ")!;
        byTitle.Job.Should().Be(new JobId("job-2"));
        byTitle.Flow.Should().Be(new HiringFlowId("flow-2"));

        (await settings.RemoveMappingAsync(Tenant, "type", null, PostingMatch.ByTitle("営業 スタッフ"))).Should().BeTrue();
        (await settings.GetSnapshotAsync(Tenant, "type", "acct-a")).Mappings.Should().ContainSingle();
    }

    [Fact]
    public async Task ActivePostings_AddTwiceIsOne_RemoveWorks_ScopedByAccount()
    {
        using var store = new SqliteTestStore();
        var settings = store.Get<IBoardSettingsStore>();
        var p1 = new ActivePosting("マイナビ転職", null, PostingMatch.ById("100"));
        await settings.AddActivePostingAsync(Tenant, p1);
        await settings.AddActivePostingAsync(Tenant, p1);
        await settings.AddActivePostingAsync(Tenant, new ActivePosting("マイナビ転職", "second", PostingMatch.ById("200")));

        (await settings.ListActivePostingsAsync(Tenant)).Should().HaveCount(2);
        var snapshot = await settings.GetSnapshotAsync(Tenant, "マイナビ転職", "default");
        snapshot.IsActive("default", "100", null).Should().BeTrue();
        snapshot.IsActive("default", "200", null).Should().BeFalse();
        (await settings.GetSnapshotAsync(Tenant, "マイナビ転職", "second")).IsActive("second", "200", null).Should().BeTrue();

        (await settings.RemoveActivePostingAsync(Tenant, p1)).Should().BeTrue();
        (await settings.GetSnapshotAsync(Tenant, "マイナビ転職", "default")).ActivePostings.Should().BeEmpty();
    }

    [Fact]
    public async Task GracePeriod_SetResetAndRejectsNegative()
    {
        using var store = new SqliteTestStore();
        var settings = store.Get<IBoardSettingsStore>();
        (await settings.GetSnapshotAsync(Tenant, "type", "default")).GracePeriod.Should().BeNull();
        await settings.SetGracePeriodAsync(Tenant, "type", TimeSpan.FromDays(3));
        (await settings.GetSnapshotAsync(Tenant, "type", "default")).GracePeriod.Should().Be(TimeSpan.FromDays(3));
        (await settings.GetSnapshotAsync(Tenant, "エン転職", "default")).GracePeriod.Should().BeNull();
        await settings.SetGracePeriodAsync(Tenant, "type", null);
        (await settings.GetSnapshotAsync(Tenant, "type", "default")).GracePeriod.Should().BeNull();
        var negative = async () => await settings.SetGracePeriodAsync(Tenant, "type", TimeSpan.FromDays(-1));
        await negative.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
