using System.Text;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.Core;

public class SqliteSecretStoreTests
{
    private static readonly TenantId Tenant = new("acme");
    private const string Secret = "S3cr3t-P@ssw0rd-マイナビ";

    [Fact]
    public async Task Secret_RoundTrips_AndCanBeReplacedAndDeleted()
    {
        using var store = new SqliteTestStore();
        var secrets = store.Get<ISecretStore>();

        await secrets.SetAsync(Tenant, "boards/type/default/password", Secret);
        (await secrets.GetAsync(Tenant, "boards/type/default/password")).Should().Be(Secret);

        await secrets.SetAsync(Tenant, "boards/type/default/password", "changed");
        (await secrets.GetAsync(Tenant, "boards/type/default/password")).Should().Be("changed");
        (await secrets.GetAsync(new TenantId("globex"), "boards/type/default/password")).Should().BeNull();

        (await secrets.DeleteAsync(Tenant, "boards/type/default/password")).Should().BeTrue();
        (await secrets.GetAsync(Tenant, "boards/type/default/password")).Should().BeNull();
    }

    [Fact]
    public async Task TheDatabaseFiles_ContainNeitherTheSecretNorItsBase64()
    {
        using var store = new SqliteTestStore();
        await store.Get<ISecretStore>().SetAsync(Tenant, "references/api-key", Secret);
        await store.Get<ISecretStore>().GetAsync(Tenant, "references/api-key");
        store.Provider.Dispose();

        var utf8 = Encoding.UTF8.GetBytes(Secret);
        var needles = new[]
        {
            utf8,
            Encoding.Unicode.GetBytes(Secret),
            Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8)),
            Encoding.ASCII.GetBytes(Convert.ToBase64String(utf8).TrimEnd('=').Replace('+', '-').Replace('/', '_')),
        };
        var files = Directory.GetFiles(store.Directory.Path, "recruiting.db*", SearchOption.TopDirectoryOnly).Where(File.Exists).ToList();
        files.Should().Contain(store.DatabasePath);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var needle in needles)
            {
                bytes.AsSpan().IndexOf(needle).Should().Be(-1, $"{Path.GetFileName(file)} must not hold the secret in any form");
            }
        }
    }

    [Fact]
    public async Task AFreshKeyRing_GivesSecretUnavailable_NotGarbage()
    {
        using var directory = new TestTempDirectory();
        using (var store = new SqliteTestStore(directory, keysDirectory: directory.File("keys-1")))
        {
            await store.Get<ISecretStore>().SetAsync(Tenant, "boards/type/default/password", Secret);
        }

        using var withOtherKeys = new SqliteTestStore(directory, keysDirectory: directory.File("keys-2"));
        var act = () => withOtherKeys.Get<ISecretStore>().GetAsync(Tenant, "boards/type/default/password").AsTask();

        var error = (await act.Should().ThrowAsync<SecretUnavailableException>()).Which;
        error.Code.Should().Be("secretUnavailable");
    }

    [Fact]
    public async Task ASecretCopiedToAnotherName_DoesNotDecrypt()
    {
        using var store = new SqliteTestStore();
        var secrets = store.Get<ISecretStore>();
        await secrets.SetAsync(Tenant, "a", Secret);
        await secrets.SetAsync(Tenant, "b", "other");
        var db = store.Get<SqliteDatabase>();
        await db.WriteAsync(async (c, t) =>
        {
            using var copy = c.Command(t, "UPDATE secrets SET protected_value = (SELECT protected_value FROM secrets WHERE name = 'a') WHERE name = 'b';");
            return await copy.ExecuteNonQueryAsync();
        });

        var act = () => secrets.GetAsync(Tenant, "b").AsTask();
        await act.Should().ThrowAsync<SecretUnavailableException>();
    }

    [Fact]
    public async Task SecretsSurviveARestart_WithTheSameKeyRing()
    {
        using var directory = new TestTempDirectory();
        using (var store = new SqliteTestStore(directory))
        {
            await store.Get<ISecretStore>().SetAsync(Tenant, "x", Secret);
        }

        using var restarted = new SqliteTestStore(directory);
        (await restarted.Get<ISecretStore>().GetAsync(Tenant, "x")).Should().Be(Secret);
    }
}
