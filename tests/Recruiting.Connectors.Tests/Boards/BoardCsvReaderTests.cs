using System.Text;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

public sealed class BoardCsvReaderTests
{
    [Fact]
    public async Task ShiftJisFile_Detected_FieldsMapped_AsWritten()
    {
        await using var stream = BoardTestData.Open("csv/mynavi_sjis.csv");
        var (open, records) = await BoardTestData.ReadAllAsync(stream);

        open.Error.Should().BeNull();
        open.Encoding!.CodePage.Should().Be(932);
        records.Select(r => r.Row).Should().Equal(1, 2, 3);
        records.Should().OnlyContain(r => r.Applicant != null);

        var taro = records[0].Applicant!;
        taro.BoardApplicantId.Should().Be("M-1001");
        taro.PostingTitle.Should().Be("営業スタッフ");
        taro.AppliedAt.Should().Be(new DateTimeOffset(2026, 11, 20, 10, 15, 0, TimeSpan.FromHours(9)));
        taro.Profile.Name.Should().Be(new PersonName("山田　太郎", "山田", "太郎", "ヤマダ　タロウ"));
        taro.Profile.BirthDate.Should().Be(new DateOnly(1990, 4, 1));
        taro.Profile.Gender.Should().Be("男性");
        taro.Profile.Phones.Should().Equal("090-1234-5678");
        taro.Profile.Emails.Should().Equal("taro.yamada@example.jp");
        taro.ExtraFields.Should().Equal(new Dictionary<string, string> { ["希望勤務地"] = "東京都" });

        var hanako = records[1].Applicant!;
        hanako.Profile.BirthDate.Should().Be(new DateOnly(1995, 12, 24), "平成7年 is 1995");
        hanako.Profile.Emails.Should().Equal("hanako..sato.@docomo.ne.jp");

        var ichiro = records[2].Applicant!;
        ichiro.Profile.Name.Full.Should().Be("髙橋 一郎", "the NEC extension character of CP932 decodes");
        ichiro.Profile.Emails.Should().BeEmpty();
        ichiro.Profile.Phones.Should().Equal("０７０－４４４４－５５５５");
        ichiro.Profile.BirthDate.Should().Be(new DateOnly(1985, 1, 9));
    }

    [Fact]
    public async Task Utf8BomFile_SplitNameColumns_QuotedNewlines_CountRecordsNotLines()
    {
        await using var stream = BoardTestData.Open("csv/en_utf8_bom.csv");
        var (open, records) = await BoardTestData.ReadAllAsync(stream);

        open.Error.Should().BeNull();
        open.Encoding!.CodePage.Should().Be(Encoding.UTF8.CodePage);
        records.Select(r => r.Row).Should().Equal(1, 2);
        var first = records[0].Applicant!;
        first.BoardApplicantId.Should().Be("E-1", "the BOM does not stick to the first header");
        first.Profile.Name.Should().Be(new PersonName("鈴木 一郎", "鈴木", "一郎", "スズキ イチロウ"));
        first.ExtraFields["自己PR"].Should().Be("複数行の\n自己PRです。\n\"引用\"あり");
        first.AppliedAt.Should().Be(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(9)));
        records[1].Applicant!.BoardApplicantId.Should().Be("E-2");
        records[1].Applicant!.Profile.Phones.Should().BeEmpty();
    }

    [Fact]
    public async Task NoNameColumn_IsATypedError()
    {
        await using var stream = BoardTestData.Open("csv/no_name_column.csv");
        var (open, _) = await BoardTestData.ReadAllAsync(stream);
        open.File.Should().BeNull();
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.MissingNameColumn);
        open.Error.Code.Should().Be("missingNameColumn");
    }

    [Theory]
    [InlineData("応募者一覧\n")]
    [InlineData("応募者一覧,,,\n出力日時：2026/11/23 10:00,,,\n")]
    [InlineData("\"エン転職 応募者データ\"\n\n")]
    public async Task TitleLinesAboveTheHeader_ArePassedOver_RecordsNumberedFromTheHeader(string titles)
    {
        var text = titles + "応募日,氏名,メールアドレス,電話番号\n2026/11/20,山田 太郎,t@example.jp,090-1111-2222\n2026/11/21,佐藤 花子,,\n";
        var (open, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.ShiftJis(text)));

        open.Error.Should().BeNull();
        open.File!.Headers.Should().Equal("応募日", "氏名", "メールアドレス", "電話番号");
        records.Select(r => r.Row).Should().Equal(1, 2);
        records.Select(r => r.Applicant!.Profile.Name.Full).Should().Equal("山田 太郎", "佐藤 花子");
        records[0].Applicant!.Profile.Emails.Should().Equal("t@example.jp");
        records[0].Applicant!.Profile.Phones.Should().Equal("090-1111-2222");
    }

    [Fact]
    public async Task TitleLines_BeyondTheLimit_OrNoNameColumnAnywhere_StayATypedError()
    {
        var tooMany = "a\nb\nc\nd\n氏名,メールアドレス\n山田 太郎,t@example.jp\n";
        var (open, _) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(tooMany)));
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.MissingNameColumn);
        open.Error.Message.Should().Contain("its columns are: a", "the error names the first line's columns");

        var none = "応募日,メールアドレス\n2026/11/20,t@example.jp\n2026/11/21,u@example.jp\n";
        (await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(none)))).Open.Error!.Kind.Should().Be(BoardCsvErrorKind.MissingNameColumn);

        var off = "応募者一覧\n氏名\n山田 太郎\n";
        (await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(off)), options: new BoardCsvReaderOptions { MaxTitleLines = 0 })).Open.Error!.Kind.Should().Be(BoardCsvErrorKind.MissingNameColumn);
    }

    [Fact]
    public async Task OnlyFamilyName_IsNotANameColumn()
    {
        var (open, _) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8("姓,メール\n山田,a@b.jp\n")));
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.MissingNameColumn);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF8")]
    public async Task ExplicitUtf8_OnShiftJisBytes_IsUndecodable_BeforeAnyRecord(string encoding)
    {
        var bytes = BoardTestData.ShiftJis("氏名,電話番号\n山田 太郎,090\n");
        var (open, records) = await BoardTestData.ReadAllAsync(new MemoryStream(bytes), encoding);
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.UndecodableBytes);
        records.Should().BeEmpty();
    }

    [Theory]
    [InlineData("shift_jis")]
    [InlineData("cp932")]
    [InlineData("windows-31j")]
    [InlineData("MS932")]
    [InlineData("sjis")]
    public async Task ExplicitShiftJisNames_AllMeanCodePage932(string encoding)
    {
        var bytes = BoardTestData.ShiftJis("氏名,電話番号\n山田 太郎,090\n");
        var (open, records) = await BoardTestData.ReadAllAsync(new MemoryStream(bytes), encoding);
        open.Error.Should().BeNull();
        open.Encoding!.CodePage.Should().Be(932);
        records.Single().Applicant!.Profile.Name.Full.Should().Be("山田 太郎");
    }

    [Fact]
    public async Task UnknownEncodingName_IsATypedError()
    {
        var (open, _) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8("氏名\nA\n")), "euc-jp");
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.UnknownEncoding);
    }

    [Fact]
    public async Task ExplicitShiftJis_OnUtf8Bytes_IsUndecodable()
    {
        // UTF-8 of 𠮷 (outside the BMP) and of many kana contains byte pairs that are not valid CP932.
        var bytes = BoardTestData.Utf8("氏名\n𠮷野 家\n");
        var (open, _) = await BoardTestData.ReadAllAsync(new MemoryStream(bytes), "cp932");
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.UndecodableBytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("cp932")]
    public async Task LargeShiftJisFile_CharactersAcrossReadChunks_Decode(string? encoding)
    {
        // Well over one 80 KiB read, with double-byte characters at every offset: some straddle chunk boundaries.
        var text = "氏名,メモ\n" + string.Concat(Enumerable.Range(1, 4000).Select(i => $"{new string('あ', i % 7)}山田 {i},髙橋﨑{i}\n"));
        var (open, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.ShiftJis(text)), encoding);
        open.Error.Should().BeNull();
        open.Encoding!.CodePage.Should().Be(932);
        records.Should().HaveCount(4000).And.OnlyContain(r => r.Applicant != null);
        records[^1].Applicant!.ExtraFields["メモ"].Should().Be("髙橋﨑4000");
    }

    [Theory]
    [InlineData(81919, null)]
    [InlineData(81919, "shift_jis")]
    [InlineData(65535, null)]
    [InlineData(4095, null)]
    public async Task ShiftJisLeadByteOnAReadBoundary_Decodes(int leadOffset, string? encoding)
    {
        // 髙 is FB FC: its lead byte at the last offset of a read, its trail byte at the first of the next.
        var head = BoardTestData.ShiftJis("氏名,メモ\nA,");
        var filler = leadOffset - head.Length - 3;
        var bytes = new MemoryStream();
        bytes.Write(head);
        bytes.Write(System.Text.Encoding.ASCII.GetBytes(new string('x', filler) + "\nB,"));
        bytes.Write(BoardTestData.ShiftJis("髙橋,\nC,ok\n"));
        BoardTestData.ShiftJis("髙")[0].Should().Be(0xFB);
        bytes.GetBuffer()[leadOffset].Should().Be(0xFB);

        var (open, records) = await BoardTestData.ReadAllAsync(new MemoryStream(bytes.ToArray()), encoding);
        open.Error.Should().BeNull();
        records.Select(r => r.Applicant!.Profile.Name.Full).Should().Equal("A", "B", "C");
        records[1].Applicant!.ExtraFields["メモ"].Should().Be("髙橋");
    }

    [Fact]
    public async Task ForwardOnlyStream_ShiftJis_DetectedFromPrefix()
    {
        var text = "氏名,メールアドレス\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"応募者{i} 様,user{i}@example.jp\n"));
        var (open, records) = await BoardTestData.ReadAllAsync(new BoardTestData.ForwardOnlyStream(BoardTestData.ShiftJis(text)), options: new BoardCsvReaderOptions { DetectionBytes = 4096 });
        open.Encoding!.CodePage.Should().Be(932);
        records.Should().HaveCount(300);
        records[^1].Applicant!.Profile.Name.Full.Should().Be("応募者300 様");
    }

    [Fact]
    public async Task ForwardOnlyStream_AsciiPrefixThenShiftJis_StopsWithUndecodableError()
    {
        // The prefix looked at is valid UTF-8, the Shift_JIS bytes come later: reading stops with a typed error, not mojibake.
        var file = new MemoryStream();
        file.Write(BoardTestData.Utf8("氏名,メモ\n"));
        foreach (var i in Enumerable.Range(1, 2000))
        {
            file.Write(BoardTestData.Utf8($"name{i},ascii\n"));
        }

        file.Write(BoardTestData.ShiftJis("山田 太郎,日本語\n"));
        var (open, records) = await BoardTestData.ReadAllAsync(new BoardTestData.ForwardOnlyStream(file.ToArray()), options: new BoardCsvReaderOptions { DetectionBytes = 4096 });

        open.Encoding!.CodePage.Should().Be(Encoding.UTF8.CodePage);
        records.Should().OnlyContain(r => r.Applicant != null && r.Applicant.Profile.Name.Full.StartsWith("name", StringComparison.Ordinal));
        records.Count.Should().BeLessThanOrEqualTo(2000);
        open.File!.Error!.Kind.Should().Be(BoardCsvErrorKind.UndecodableBytes);
    }

    [Fact]
    public async Task MalformedRecord_RejectedWithItsNumber_OthersRead()
    {
        var text = "氏名,メモ\nA,ok\nB,\"bad\"x\nC,\"multi\nline\"\nD,ok\n";
        var (_, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(text)));
        records.Select(r => (r.Row, r.Applicant?.Profile.Name.Full, r.RejectReason)).Should().Equal(
            (1, "A", null),
            (2, null, "malformedRecord"),
            (3, "C", null),
            (4, "D", null));
    }

    [Fact]
    public async Task EmptyName_Rejected_BlankRecordsSkipped_ExtraAndRaggedColumnsKept()
    {
        var text = "氏名,メモ,\n,no name\n,,\nE,memo,x,y\n\nF\n";
        var (_, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(text)));
        records.Select(r => (r.Row, r.RejectReason)).Should().Equal((1, "missingName"), (3, null), (4, null));
        records[1].Applicant!.ExtraFields.Should().Equal(new Dictionary<string, string> { ["メモ"] = "memo", ["列3"] = "x", ["列4"] = "y" });
        records[2].Applicant!.ExtraFields.Should().BeEmpty();
    }

    [Fact]
    public async Task UnreadableDates_KeptAsExtraFields()
    {
        var text = "名前,生年月日,応募日\nA,不明,昨日\n";
        var (_, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(text)));
        var applicant = records.Single().Applicant!;
        applicant.Profile.BirthDate.Should().BeNull();
        applicant.AppliedAt.Should().BeNull();
        applicant.ExtraFields.Should().Equal(new Dictionary<string, string> { ["生年月日"] = "不明", ["応募日"] = "昨日" });
    }

    [Fact]
    public async Task TabSeparated_FullWidthHeaders_SeveralContactColumns()
    {
        var text = "氏名\tＥ－ｍａｉｌ\t携帯メールアドレス\t携帯電話\t自宅電話番号\n山田 花子\ta@example.jp\tb.@ezweb.ne.jp\t090-1\t03-2\n";
        var (_, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(text)));
        var profile = records.Single().Applicant!.Profile;
        profile.Emails.Should().Equal("a@example.jp", "b.@ezweb.ne.jp");
        profile.Phones.Should().Equal("090-1", "03-2");
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public async Task Utf16WithBom_ExcelUnicodeText_Detected(bool bigEndian, bool seekable)
    {
        // Excel's "Unicode Text" (Unicode テキスト) save: UTF-16 with a BOM, tab-separated, CRLF.
        var text = "応募日\t氏名\tフリガナ\tメールアドレス\r\n2026/11/20\t髙橋 一郎\tタカハシ イチロウ\tichiro..t.@docomo.ne.jp\r\n2026/11/21\t山田 花子\t\t\r\n";
        var bytes = new UnicodeEncoding(bigEndian, byteOrderMark: true).GetPreamble().Concat(new UnicodeEncoding(bigEndian, false).GetBytes(text)).ToArray();
        Stream stream = seekable ? new MemoryStream(bytes) : new BoardTestData.ForwardOnlyStream(bytes);

        var (open, records) = await BoardTestData.ReadAllAsync(stream);

        open.Error.Should().BeNull();
        CsvEncodings.NameOf(open.Encoding!).Should().Be(bigEndian ? "utf-16be" : "utf-16");
        records.Select(r => r.Row).Should().Equal(1, 2);
        var first = records[0].Applicant!;
        first.Profile.Name.Full.Should().Be("髙橋 一郎", "the BOM does not stick to the first header and the name decodes");
        first.Profile.Emails.Should().Equal("ichiro..t.@docomo.ne.jp");
        first.AppliedAt.Should().Be(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(9)));
        records[1].Applicant!.Profile.Emails.Should().BeEmpty();
    }

    [Fact]
    public async Task Utf16Named_WithBrokenSurrogate_IsUndecodable()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("氏名\nA\n")).Concat(new byte[] { 0x00, 0xD8, 0x41, 0x00 }).ToArray();
        var (open, _) = await BoardTestData.ReadAllAsync(new MemoryStream(bytes), encoding: "utf-16");
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.UndecodableBytes);
    }

    [Fact]
    public async Task BoardColumns_AddSynonyms()
    {
        var columns = BoardCsvColumns.Default.With(BoardCsvField.ApplicantId, "会員番号");
        var (_, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8("会員番号,氏名\nK-7,A\n")), columns: columns);
        records.Single().Applicant!.BoardApplicantId.Should().Be("K-7");
        var (_, plain) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8("会員番号,氏名\nK-7,A\n")));
        plain.Single().Applicant!.BoardApplicantId.Should().BeNull();
    }

    [Fact]
    public async Task EmptyFile_IsATypedError()
    {
        var (open, _) = await BoardTestData.ReadAllAsync(new MemoryStream([]));
        open.Error!.Kind.Should().Be(BoardCsvErrorKind.EmptyFile);
    }

    [Fact]
    public async Task UnclosedQuote_DoesNotSwallowTheFileSilently()
    {
        var text = "氏名,メモ\nA,\"never closed\nB,ok\nC,ok\n";
        var (open, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.Utf8(text)), options: new BoardCsvReaderOptions { MaxRecordSize = 1024 });
        records.Should().Contain(r => r.RejectReason == "malformedRecord");
        records.Where(r => r.Applicant != null).Select(r => r.Applicant!.Profile.Name.Full).Should().NotContain("A");
        _ = open;
    }

    [Fact]
    public async Task ExcelTextFormulas_AreReadAsTheirText_OtherStrayQuotesStillRejectTheRecord()
    {
        // Boards export phone numbers and ids as ="…" so that Excel keeps the leading zeros; the record is not malformed.
        var text = "氏名,電話番号,会員番号,メモ\r\n"
            + "山田 太郎,=\"090-1234-5678\",=\"00123\",ok\r\n"
            + "佐藤 花子,\"=\"\"080-1111-2222\"\"\",x,=\"say \"\"hi\"\"\"\r\n"
            + "鈴木 一郎,=\"03-1234-5678\",x,a \"quoted\" word\r\n"
            + "高橋 健一,=\"090\"1234\",x,\r\n";
        var columns = BoardCsvColumns.Default.With(BoardCsvField.ApplicantId, "会員番号");

        var (_, records) = await BoardTestData.ReadAllAsync(new MemoryStream(BoardTestData.ShiftJis(text)), columns: columns);

        records.Select(r => (r.Row, r.RejectReason)).Should().Equal((1, null), (2, null), (3, "malformedRecord"), (4, "malformedRecord"));
        records[0].Applicant!.Profile.Phones.Should().Equal("090-1234-5678");
        records[0].Applicant!.BoardApplicantId.Should().Be("00123");
        records[1].Applicant!.Profile.Phones.Should().Equal(["080-1111-2222"], "the formula may also come quoted");
        records[1].Applicant!.ExtraFields["メモ"].Should().Be("say \"hi\"");
        records[2].Detail.Should().Contain("quote");
    }
}
