using System.Text;
using System.Text.Json;
using Recruiting.IntegrationTests.Cli;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.Boards;

/// <summary>The <c>boards import-csv</c> verb as ARCHITECTURE.md specifies it, on real files and a real store.</summary>
public sealed class BoardsImportCsvCliTests : IDisposable
{
    private const string Mynavi = """
        応募ID,応募日時,氏名,フリガナ,生年月日,性別,電話番号,メールアドレス,応募職種,自己PR
        M-1,2026/11/20 10:15,山田　太郎,ヤマダ　タロウ,1990/04/01,男性,090-1234-5678,taro..yamada.@docomo.ne.jp,営業スタッフ,"一行目
        二行目"
        M-2,2026/11/21 09:00,佐藤 花子,サトウ ハナコ,平成7年12月24日,女性,080-2222-3333,,営業スタッフ,
        M-3,2026/11/22 18:30,,,,,,,営業スタッフ,名前なし
        M-2,2026/11/21 09:00,佐藤 花子,サトウ ハナコ,平成7年12月24日,女性,080-2222-3333,,営業スタッフ,
        """;

    private readonly TestTempDirectory _directory = new();

    static BoardsImportCsvCliTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ShiftJisFile_ImportedOnce_RowsAreRecordsNotLines_OutputShapeIsTheContract()
    {
        var db = _directory.File("r.db");
        var csv = Write("mynavi.csv", Encoding.GetEncoding(932).GetBytes(Mynavi.ReplaceLineEndings("\r\n")));

        var (exit, json, _) = await CliRunner.RunAsync("boards", "import-csv", csv, "--board", "マイナビ転職", "--db", db);

        exit.Should().Be(0);
        json.EnumerateObject().Select(p => p.Name).Should().Equal("imported", "duplicates", "rejected");
        json.GetProperty("imported").GetInt32().Should().Be(2);
        json.GetProperty("duplicates").GetInt32().Should().Be(1, "record 4 repeats record 2");
        var rejected = json.GetProperty("rejected").EnumerateArray().ToList();
        rejected.Should().ContainSingle();
        rejected[0].EnumerateObject().Select(p => p.Name).Should().Equal("row", "reason");
        rejected[0].GetProperty("row").GetInt32().Should().Be(3, "the quoted newline of record 1 does not count");
        rejected[0].GetProperty("reason").GetString().Should().Be("missingName");

        var (again, second, _) = await CliRunner.RunAsync("boards", "import-csv", csv, "--board", "マイナビ転職", "--db", db, "--encoding", "windows-31j");
        again.Should().Be(0);
        second.GetProperty("imported").GetInt32().Should().Be(0);
        second.GetProperty("duplicates").GetInt32().Should().Be(3);
    }

    [Theory]
    [InlineData("utf-8", false)]
    [InlineData(null, true)]
    [InlineData(null, false)]
    public async Task Utf8Files_WithAndWithoutBom(string? encoding, bool bom)
    {
        var bytes = Encoding.UTF8.GetBytes("名前,E-mail,応募職種\n鈴木 一郎,ichiro@example.com,エンジニア\n");
        var csv = Write("en.csv", bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        string[] args = ["boards", "import-csv", csv, "--board", "エン転職", "--db", _directory.File("r.db")];
        var (exit, json, _) = await CliRunner.RunAsync(encoding is null ? args : [.. args, "--encoding", encoding]);
        exit.Should().Be(0);
        json.GetProperty("imported").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task ShiftJisFile_ReadAsUtf8_Exits2()
    {
        var csv = Write("sjis.csv", Encoding.GetEncoding(932).GetBytes("氏名\n山田 太郎\n"));
        var (exit, json, _) = await CliRunner.RunAsync("boards", "import-csv", csv, "--board", "type", "--encoding", "utf-8", "--db", _directory.File("r.db"));
        exit.Should().Be(2);
        json.GetProperty("error").GetString().Should().StartWith("undecodableBytes");
    }

    [Theory]
    [InlineData("nameless", "type", null, "missingNameColumn")]
    [InlineData("good", "Green", null, "Unknown board")]
    [InlineData("good", "doda assist", null, "did you mean 'doda Assist'")]
    [InlineData("good", "type", "euc-jp", "Unknown encoding")]
    [InlineData("missing", "type", null, "File not found")]
    public async Task InvocationErrors_Exit2_WithAnError(string file, string board, string? encoding, string error)
    {
        var path = file switch
        {
            "nameless" => Write("nameless.csv", Encoding.UTF8.GetBytes("応募ID,メールアドレス\n1,a@example.jp\n")),
            "good" => Write("good.csv", Encoding.UTF8.GetBytes("氏名\nA\n")),
            _ => _directory.File("missing.csv"),
        };
        string[] args = ["boards", "import-csv", path, "--board", board, "--db", _directory.File("r.db")];
        var (exit, json, _) = await CliRunner.RunAsync(encoding is null ? args : [.. args, "--encoding", encoding]);

        exit.Should().Be(2);
        json.GetProperty("error").GetString().Should().Contain(error);
    }

    [Fact]
    public async Task MissingBoardOption_Exits2()
    {
        var (exit, json, _) = await CliRunner.RunAsync("boards", "import-csv", Write("a.csv", Encoding.UTF8.GetBytes("氏名\nA\n")));
        exit.Should().Be(2);
        json.GetProperty("error").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Theory]
    [InlineData("マイナビ転職")]
    [InlineData("エン転職")]
    [InlineData("doda Assist")]
    [InlineData("type")]
    [InlineData("女の転職type")]
    [InlineData("Re就活")]
    public async Task EveryRegisteredBoard_HasASeededDefaultAccount(string board)
    {
        var csv = Write("one.csv", Encoding.UTF8.GetBytes("氏名,応募職種\nA,何でも\n"));
        var (exit, json, _) = await CliRunner.RunAsync("boards", "import-csv", csv, "--board", board, "--db", _directory.File("r.db"));
        exit.Should().Be(0);
        json.GetProperty("imported").GetInt32().Should().Be(1, "every posting title maps to the demo job");
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _directory.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
