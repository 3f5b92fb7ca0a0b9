using Recruiting.Boards;
using Recruiting.Storage.Sqlite.Tests.Core;

namespace Recruiting.Storage.Sqlite.Tests.Boards;

public sealed class SqliteBoardAccountStoreTests
{
    private static readonly TenantId Tenant = new("t1");

    private static BoardAccount Account(string board, string name, string login = "login", string? memo = null, Dictionary<string, string>? extra = null) => new()
    {
        Tenant = Tenant,
        Board = board,
        Name = name,
        LoginId = login,
        Memo = memo,
        ExtraFields = extra ?? [],
    };

    [Fact]
    public async Task Save_CreatesThenUpdates_BumpsRevision_KeepsCreatedAt()
    {
        using var store = new SqliteTestStore();
        var accounts = store.Get<IBoardAccountStore>();

        var created = await accounts.SaveAsync(Account("Re就活", "default", extra: new() { ["personInChargeId"] = "P-1" }));
        store.Time.Advance(TimeSpan.FromMinutes(5));
        var updated = await accounts.SaveAsync(Account("Re就活", "default", login: "new-login", memo: "メモ", extra: new() { ["personInChargeId"] = "P-2" }));

        created.Revision.Should().Be(1);
        updated.Revision.Should().Be(2);
        updated.CreatedAt.Should().Be(created.CreatedAt);
        updated.UpdatedAt.Should().Be(created.CreatedAt + TimeSpan.FromMinutes(5));
        updated.LoginId.Should().Be("new-login");
        updated.Memo.Should().Be("メモ");
        updated.ExtraFields.Should().Equal(new Dictionary<string, string> { ["personInChargeId"] = "P-2" });
        (await accounts.GetAsync(Tenant, "Re就活", "default")).Should().BeEquivalentTo(updated);
    }

    [Fact]
    public async Task SeveralAccountsPerBoard_ListedPerTenant_DeleteRemovesOne()
    {
        using var store = new SqliteTestStore();
        var accounts = store.Get<IBoardAccountStore>();
        await accounts.SaveAsync(Account("エン転職", "b"));
        await accounts.SaveAsync(Account("エン転職", "a"));
        await accounts.SaveAsync(Account("type", "default"));
        await accounts.SaveAsync(Account("type", "default") with { Tenant = new TenantId("other") });

        (await accounts.ListAsync(Tenant)).Select(a => $"{a.Board}/{a.Name}").Should().Equal("type/default", "エン転職/a", "エン転職/b");
        (await accounts.ListAsync(Tenant, "エン転職")).Should().HaveCount(2);
        var all = new List<BoardAccount>();
        await foreach (var a in accounts.ListAllAsync())
        {
            all.Add(a);
        }

        all.Should().HaveCount(4);

        (await accounts.DeleteAsync(Tenant, "エン転職", "a")).Should().BeTrue();
        (await accounts.DeleteAsync(Tenant, "エン転職", "a")).Should().BeFalse();
        (await accounts.GetAsync(Tenant, "エン転職", "a")).Should().BeNull();
        (await accounts.GetAsync(Tenant, "エン転職", "b")).Should().NotBeNull();
    }

    [Fact]
    public async Task PasswordIsNotInTheAccountsTable()
    {
        using var store = new SqliteTestStore();
        var account = await store.Get<IBoardAccountStore>().SaveAsync(Account("type", "default"));
        account.PasswordSecretName.Should().Be("boards/type/default/password");
    }
}
