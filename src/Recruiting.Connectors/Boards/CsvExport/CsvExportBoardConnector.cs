using System.Globalization;
using System.Web;
using Recruiting.Connectors.Boards.Html;

namespace Recruiting.Connectors.Boards.CsvExport;

/// <summary>
/// Reads applicants from a board's CSV export: logs in and lists postings through the site's pages (as the HTML
/// connector does), downloads the export (limited to applicants after the watermark when the board allows it) and
/// reads it with <see cref="BoardCsvReader"/> (encoding detection, header synonyms, records numbered from 1).
/// Records the reader rejects are kept on the session and counted as failed by the runner, never dropped silently.
/// </summary>
internal sealed class CsvExportBoardConnector : IBoardConnector
{
    private readonly HtmlBoardConnector _site;
    private readonly CsvExportDefinition _definition;
    private readonly BoardCsvColumns _columns;
    private readonly BoardCsvReaderOptions _readerOptions;
    private readonly TimeZoneInfo _zone;

    public CsvExportBoardConnector(HtmlBoardConnector site, CsvExportDefinition definition, BoardCsvColumns columns, BoardCsvReaderOptions readerOptions)
    {
        _site = site;
        _definition = definition;
        _columns = columns;
        _readerOptions = readerOptions;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(definition.Site.TimeZone);
    }

    public string Board => _site.Board;

    public BoardCapabilities Capabilities => BoardCapabilities.Login | BoardCapabilities.ListPostings | BoardCapabilities.ListApplicants;

    public ValueTask<BoardSession> LoginAsync(BoardCredentials credentials, CancellationToken cancellationToken = default) => _site.LoginAsync(credentials, cancellationToken);

    public ValueTask<IReadOnlyList<BoardPosting>> ListPostingsAsync(BoardSession session, CancellationToken cancellationToken = default) => _site.ListPostingsAsync(session, cancellationToken);

    public async ValueTask<BoardApplicantPage> ListApplicantsAsync(BoardSession session, BoardWatermark? since, string? page, CancellationToken cancellationToken = default)
    {
        var html = HtmlBoardConnector.Session(session);
        if (page is not null)
        {
            return new BoardApplicantPage([], null);
        }

        var url = new Uri(html.BaseAddress, _definition.ExportPath);
        if (since is not null && _definition.SinceParameter is { } parameter)
        {
            // The board's filter is by minute: ask from one minute before, the watermark check drops what was read.
            var local = TimeZoneInfo.ConvertTime(since.AppliedAt.AddMinutes(-1), _zone);
            var query = HttpUtility.ParseQueryString(url.Query);
            query[parameter] = local.ToString(_definition.SinceFormat, CultureInfo.InvariantCulture);
            url = new UriBuilder(url) { Query = query.ToString() }.Uri;
        }

        var (bytes, _) = await _site.GetBytesAsync(html, url, cancellationToken).ConfigureAwait(false);
        var reader = new BoardCsvReader(_readerOptions);
        using var stream = new MemoryStream(bytes, writable: false);
        var open = await reader.OpenAsync(stream, _columns, _definition.Encoding, _zone, cancellationToken).ConfigureAwait(false);
        if (open.File is not { } file)
        {
            throw new BoardLayoutChangedException(Board, _definition.ExportPath, $"{Board}: the CSV export cannot be read: {open.Error?.Message}");
        }

        var applicants = new List<BoardApplicant>();
        var rejected = RejectedRecords.Of(html);
        await using (file.ConfigureAwait(false))
        {
            await foreach (var record in file.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (record.Applicant is { } applicant)
                {
                    applicants.Add(applicant);
                }
                else
                {
                    rejected.Add(record);
                }
            }
        }

        // Newest first, as the runner expects; records without a date keep their file order at the end.
        var ordered = applicants.Select((a, i) => (a, i)).OrderByDescending(x => x.a.AppliedAt ?? DateTimeOffset.MinValue).ThenBy(x => x.i).Select(x => x.a).ToList();
        return new BoardApplicantPage(ordered, null);
    }

    public ValueTask<BoardApplicant> GetApplicantDetailAsync(BoardSession session, BoardApplicant applicant, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("The CSV export carries every field; there is no detail page.");

    public ValueTask<Stream> OpenAttachmentAsync(BoardSession session, BoardAttachmentReference attachment, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("The CSV export carries no files.");
}

/// <summary>The export records a session's reader rejected, for the runner to count as failed with their reason.</summary>
internal static class RejectedRecords
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BoardSession, List<BoardCsvRecord>> Table = new();

    public static List<BoardCsvRecord> Of(BoardSession session) => Table.GetOrCreateValue(session);

    /// <summary>Takes the rejected records of a session (empty for sessions of other connectors).</summary>
    public static IReadOnlyList<BoardCsvRecord> Take(BoardSession session)
    {
        if (!Table.TryGetValue(session, out var list))
        {
            return [];
        }

        var taken = list.ToList();
        list.Clear();
        return taken;
    }
}
