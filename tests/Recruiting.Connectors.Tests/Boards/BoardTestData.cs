using System.Text;
using Recruiting.Connectors.Boards;

namespace Recruiting.Connectors.Tests.Boards;

/// <summary>Finds test files and makes CSV bytes in an encoding.</summary>
internal static class BoardTestData
{
    public static TimeZoneInfo Tokyo { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    public static FileStream Open(string relative) => File.OpenRead(PathOf(relative));

    public static byte[] ShiftJis(string text)
    {
        _ = CsvEncodings.StrictShiftJis;
        return Encoding.GetEncoding(932).GetBytes(text);
    }

    public static byte[] Utf8(string text, bool bom = false) => bom ? [.. "\uFEFF"u8.ToArray(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    public static async Task<(BoardCsvOpenResult Open, List<BoardCsvRecord> Records)> ReadAllAsync(Stream stream, string? encoding = null, BoardCsvColumns? columns = null, BoardCsvReaderOptions? options = null)
    {
        var open = await new BoardCsvReader(options).OpenAsync(stream, columns ?? BoardCsvColumns.Default, encoding, Tokyo);
        var records = new List<BoardCsvRecord>();
        if (open.File is { } file)
        {
            await using (file)
            {
                await foreach (var record in file.ReadRecordsAsync())
                {
                    records.Add(record);
                }
            }
        }

        return (open, records);
    }

    /// <summary>A stream that cannot seek, as an upload or an HTTP response body is.</summary>
    public sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
