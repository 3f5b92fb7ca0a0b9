using Recruiting.Boards;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class BoardFileImporterTests
{
    private static readonly TenantId Tenant = BoardImportFixture.Tenant;
    private const string Board = "マイナビ転職";

    [Fact]
    public async Task ShiftJisFile_Imported_AllowListIgnored_CarrierAddressesKept_HistoryRecorded()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();

        await using var file = BoardTestData.Open("csv/mynavi_sjis.csv");
        var result = await fixture.Files.ImportFileAsync(Tenant, Board, "default", file, sourceName: "mynavi_sjis.csv");

        result.Error.Should().BeNull();
        result.Encoding.Should().Be("cp932");
        (result.Seen, result.Imported, result.Duplicates).Should().Be((3, 3, 0));
        result.Rejected.Should().BeEmpty();
        fixture.Host.Intakes.Select(i => i.Request.Profile.Emails.FirstOrDefault()).Should().Equal("taro.yamada@example.jp", "hanako..sato.@docomo.ne.jp", null);
        fixture.Host.Intakes.Should().OnlyContain(i => i.Request.Source.Channel == Board && i.Request.Source.Account == "default");
        fixture.Host.EventsOf<ApplicantImported>().Should().HaveCount(3).And.OnlyContain(e => e.Manual);

        var run = (await fixture.History.ListAsync(Tenant)).Single();
        run.Trigger.Should().Be(ImportTrigger.Manual);
        run.Source.Should().Be("mynavi_sjis.csv");
        run.Status.Should().Be(ImportRunStatus.Completed);
        run.Counts.Should().Be(new ImportCounts(3, 3, 0, 0, 0));

        // The same file again: every row is a duplicate.
        file.Position = 0;
        var again = await fixture.Files.ImportFileAsync(Tenant, Board, "default", file);
        (again.Imported, again.Duplicates).Should().Be((0, 3));
        fixture.Host.Intakes.Should().HaveCount(3);
    }

    [Fact]
    public async Task FingerprintDuplicates_WithinAFile_AndRowsWithoutName_Reported()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync("type");
        await fixture.MapAllAsync("type");

        await using var file = BoardTestData.Open("csv/fingerprint_duplicates_sjis.csv");
        var result = await fixture.Files.ImportFileAsync(Tenant, "type", "default", file);

        (result.Imported, result.Duplicates).Should().Be((2, 1), "row 2 is row 1 written with another space, phone punctuation and date format");
        result.Rejected.Should().Equal(new RejectedRow(3, "missingName", "The name is empty."));
        (await fixture.History.ListAsync(Tenant)).Single().Errors.Should().ContainSingle(e => e.Row == 3 && e.Code == "missingName");
    }

    [Fact]
    public async Task ManualAndAutomatic_ShareTheLedger_BothWays()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();
        await fixture.AllowAsync("P1");

        // The automatic run imported M-1001 before the user imports the board's export file.
        var run = (await fixture.Pipeline.StartRunAsync(Tenant, Board, "default", ImportTrigger.Automatic))!;
        await run.ImportAsync(BoardImportFixture.Applicant("M-1001"));
        await run.CompleteAsync();

        await using var file = BoardTestData.Open("csv/mynavi_sjis.csv");
        var manual = await fixture.Files.ImportFileAsync(Tenant, Board, "default", file);
        (manual.Imported, manual.Duplicates).Should().Be((2, 1));

        // And the next automatic run finds the rows of the file already imported.
        var next = (await fixture.Pipeline.StartRunAsync(Tenant, Board, "default", ImportTrigger.Automatic))!;
        (await next.ImportAsync(BoardImportFixture.Applicant("M-1002"))).Status.Should().Be(ApplicantImportStatus.Duplicate);
        await next.CompleteAsync();
        fixture.Host.Intakes.Should().HaveCount(3);
    }

    [Fact]
    public async Task Utf8FileWithQuotedNewlines_ExtraColumnsKeptAsExtraFields()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync("エン転職");
        await fixture.MapAllAsync("エン転職");
        await using var file = BoardTestData.Open("csv/en_utf8_bom.csv");
        var result = await fixture.Files.ImportFileAsync(Tenant, "エン転職", "default", file);

        result.Encoding.Should().Be("utf-8");
        result.Imported.Should().Be(2);
        fixture.Host.Intakes[0].Request.ExtraFields["自己PR"].Should().Contain("\n");
        fixture.Host.Intakes[1].Request.Profile.Emails.Should().BeEmpty();
    }

    [Fact]
    public async Task UnmappedPosting_RejectedRow_MalformedRecord_RejectedRow()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        await fixture.Settings.SetMappingAsync(Tenant, new PostingMapping(Board, null, PostingMatch.ByTitle("営業"), new JobId("job-sales")));
        var text = "氏名,応募職種,メモ\nA,営業,ok\nB,経理,ok\nC,営業,\"bad\"x\nD,ＥＩＧＹＯ,ok\nE, 営業 ,ok\n";
        var result = await fixture.Files.ImportFileAsync(Tenant, Board, "default", new MemoryStream(BoardTestData.Utf8(text)));

        result.Imported.Should().Be(2);
        result.Rejected.Select(r => (r.Row, r.Reason)).Should().Equal((2, "noPostingMapping"), (3, "malformedRecord"), (4, "noPostingMapping"));
        var run = (await fixture.History.ListAsync(Tenant)).Single();
        run.Counts.Should().Be(new ImportCounts(Seen: 5, Imported: 2, Duplicates: 0, NotOnAllowList: 0, Failed: 3));
    }

    [Fact]
    public async Task NoNameColumn_TypedError_FailedRunInHistory_NothingImported()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();
        await using var file = BoardTestData.Open("csv/no_name_column.csv");
        var result = await fixture.Files.ImportFileAsync(Tenant, Board, "default", file);

        result.Error!.Kind.Should().Be(FileImportErrorKind.MissingNameColumn);
        result.Error.Code.Should().Be("missingNameColumn");
        fixture.Host.Intakes.Should().BeEmpty();
        var run = (await fixture.History.ListAsync(Tenant)).Single();
        (run.Status, run.FailureCode, (string?)run.Id).Should().Be((ImportRunStatus.Failed, "missingNameColumn", result.RunId));
    }

    [Fact]
    public async Task UnknownBoardAccountOrEncoding_AreTypedErrors()
    {
        using var fixture = new BoardImportFixture();
        await fixture.AddAccountAsync();
        var bytes = BoardTestData.Utf8("氏名\nA\n");

        (await fixture.Files.ImportFileAsync(Tenant, "マイナビ", "default", new MemoryStream(bytes))).Error!.Kind.Should().Be(FileImportErrorKind.UnknownBoard);
        (await fixture.Files.ImportFileAsync(Tenant, Board, "nope", new MemoryStream(bytes))).Error!.Kind.Should().Be(FileImportErrorKind.UnknownAccount);
        (await fixture.Files.ImportFileAsync(Tenant, Board, "default", new MemoryStream(bytes), "latin1")).Error!.Kind.Should().Be(FileImportErrorKind.UnknownEncoding);
        (await fixture.Files.ImportFileAsync(Tenant, Board, "default", new MemoryStream(BoardTestData.ShiftJis("氏名\n山田\n")), "utf-8")).Error!.Kind.Should().Be(FileImportErrorKind.UndecodableBytes);
        (await fixture.History.ListAsync(Tenant)).Should().ContainSingle(r => r.FailureCode == "undecodableBytes");
    }

    [Fact]
    public async Task ForwardOnlyStream_DecodingErrorMidFile_KeepsWhatWasImported_AndSaysWhere()
    {
        using var fixture = new BoardImportFixture(o => o.Csv.DetectionBytes = 4096);
        await fixture.AddAccountAsync();
        await fixture.MapAllAsync();
        var file = new MemoryStream();
        file.Write(BoardTestData.Utf8("氏名,メモ\n"));
        foreach (var i in Enumerable.Range(1, 2000))
        {
            file.Write(BoardTestData.Utf8($"name{i},ascii\n"));
        }

        file.Write(BoardTestData.ShiftJis("山田 太郎,日本語\n"));
        var result = await fixture.Files.ImportFileAsync(Tenant, Board, "default", new BoardTestData.ForwardOnlyStream(file.ToArray()));

        result.StoppedEarly.Should().Be("undecodableBytes");
        result.Imported.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(2000);
        result.Rejected.Should().ContainSingle(r => r.Reason == "undecodableBytes");
        (await fixture.History.ListAsync(Tenant)).Single().Status.Should().Be(ImportRunStatus.Failed);
    }
}
