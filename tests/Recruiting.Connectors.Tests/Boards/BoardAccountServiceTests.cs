using System.Text;
using Microsoft.Data.Sqlite;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class BoardAccountServiceTests
{
    private static readonly TenantId Tenant = BoardImportFixture.Tenant;

    [Theory]
    [InlineData("doda assist", "doda Assist")]
    [InlineData("ｔｙｐｅ", "type")]
    [InlineData("Re 就活", "Re就活")]
    [InlineData("Green", null)]
    public async Task ServiceName_MatchedExactly_WithASuggestion(string given, string? suggested)
    {
        using var fixture = new BoardImportFixture();
        var result = await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = given, LoginId = "id", Password = "pw" });
        result.Succeeded.Should().BeFalse();
        result.SuggestedBoard.Should().Be(suggested);
        result.Problems.Should().ContainSingle().Which.Should().Contain("not a registered board");
    }

    [Fact]
    public async Task ReShukatsu_NeedsPersonInChargeId_OtherBoardsRefuseUndeclaredFields()
    {
        using var fixture = new BoardImportFixture();
        var missing = await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "Re就活", LoginId = "id", Password = "pw", Memo = "担当者IDはメモではなく専用欄に" });
        missing.Problems.Should().ContainSingle().Which.Should().Contain("personInChargeId");

        var ok = await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "Re就活", LoginId = "id", Password = "pw", ExtraFields = new Dictionary<string, string> { ["personInChargeId"] = " T-42 " } });
        ok.Succeeded.Should().BeTrue();
        ok.Account!.ExtraFields["personInChargeId"].Should().Be("T-42");
        (await fixture.Accounts.GetCredentialsAsync(Tenant, "Re就活", "default"))!.ExtraFields["personInChargeId"].Should().Be("T-42");

        var undeclared = await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "type", LoginId = "id", Password = "pw", ExtraFields = new Dictionary<string, string> { ["personInChargeId"] = "x" } });
        undeclared.Problems.Should().ContainSingle().Which.Should().Contain("declares no account field");
    }

    [Fact]
    public async Task Password_EncryptedAtRest_ChangedPasswordReadNext_NewAccountNeedsOne()
    {
        using var fixture = new BoardImportFixture();
        var noPassword = await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "エン転職", LoginId = "corp-1" });
        noPassword.Problems.Should().Contain(p => p.Contains("password", StringComparison.Ordinal));

        await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "エン転職", LoginId = "corp-1", Password = "s3cret-パスワード", Memo = "本社" });
        var first = await fixture.Accounts.GetCredentialsAsync(Tenant, "エン転職", "default");
        first!.Password.Should().Be("s3cret-パスワード");
        first.ToString().Should().NotContain("s3cret");

        // Editing without a password keeps it; with one replaces it.
        var kept = await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "エン転職", LoginId = "corp-1", Memo = "支社" });
        kept.Account!.Revision.Should().Be(2);
        (await fixture.Accounts.GetCredentialsAsync(Tenant, "エン転職", "default"))!.Password.Should().Be("s3cret-パスワード");
        await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "エン転職", LoginId = "corp-1", Password = "new-pass" });
        (await fixture.Accounts.GetCredentialsAsync(Tenant, "エン転職", "default"))!.Password.Should().Be("new-pass");

        fixture.Provider.Dispose();
        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(fixture.DatabasePath);
        var wal = File.Exists(fixture.DatabasePath + "-wal") ? await File.ReadAllBytesAsync(fixture.DatabasePath + "-wal") : [];
        foreach (var secret in new[] { "s3cret", "new-pass" })
        {
            Contains(bytes, secret).Should().BeFalse();
            Contains(wal, secret).Should().BeFalse();
        }
    }

    [Fact]
    public async Task CredentialsOfAnAccountAlreadyRead_CarryItsFields_AndThePasswordStoredNow_OrNullOnceItIsGone()
    {
        using var fixture = new BoardImportFixture();
        var saved = await fixture.Accounts.SaveAsync(Tenant, BoardInput("Re就活", "corp-1", "first-パス", new Dictionary<string, string> { ["personInChargeId"] = "T-42" }));
        var account = saved.Account!;
        var service = (BoardAccountService)fixture.Accounts;

        (await service.GetCredentialsAsync(account)).Should().BeEquivalentTo(await fixture.Accounts.GetCredentialsAsync(Tenant, "Re就活", "default"));
        await fixture.Accounts.SaveAsync(Tenant, BoardInput("Re就活", "corp-1", "second", new Dictionary<string, string> { ["personInChargeId"] = "T-42" }));
        var changed = await service.GetCredentialsAsync(account);
        changed!.Password.Should().Be("second", "the password is read from the secret store at the call");
        changed.LoginId.Should().Be("corp-1");
        changed.ExtraFields["personInChargeId"].Should().Be("T-42");

        await fixture.Accounts.DeleteAsync(Tenant, "Re就活", "default");
        (await service.GetCredentialsAsync(account)).Should().BeNull("the password went with the account");
    }

    private static BoardAccountInput BoardInput(string board, string loginId, string password, Dictionary<string, string> extra)
        => new() { Board = board, LoginId = loginId, Password = password, ExtraFields = extra };

    [Fact]
    public async Task SeveralAccountsPerBoard_DeleteRemovesAccountAndPassword()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync("doda Assist", "tokyo");
        await fixture.AddAccountAsync("doda Assist", "osaka");
        (await fixture.Accounts.ListAsync(Tenant, "doda Assist")).Select(a => a.Name).Should().Equal("osaka", "tokyo");

        (await fixture.Accounts.DeleteAsync(Tenant, "doda Assist", "tokyo")).Should().BeTrue();
        (await fixture.Accounts.GetCredentialsAsync(Tenant, "doda Assist", "tokyo")).Should().BeNull();
        (await fixture.Get<ISecretStore>().GetAsync(Tenant, "boards/doda Assist/tokyo/password")).Should().BeNull();
        (await fixture.Accounts.GetCredentialsAsync(Tenant, "doda Assist", "osaka")).Should().NotBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData(" padded")]
    public async Task BadAccountNames_Refused(string name)
    {
        using var fixture = new BoardImportFixture();
        var result = await fixture.Accounts.SaveAsync(Tenant, new BoardAccountInput { Board = "type", Name = name, LoginId = "id", Password = "pw" });
        result.Succeeded.Should().BeFalse();
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
