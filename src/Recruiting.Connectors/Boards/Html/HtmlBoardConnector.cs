using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Recruiting.Connectors.Boards.Html;

/// <summary>
/// The configurable HTML connector: logs in through the board's form (hidden and CSRF fields posted back, cookies kept
/// per session), reads the posting and applicant lists and the detail pages with the CSS selectors of an
/// <see cref="HtmlBoardDefinition"/>, and downloads attachments. Pages that no longer match the definition end the run
/// with <see cref="BoardLayoutChangedException"/> naming the failing selector.
/// </summary>
internal sealed partial class HtmlBoardConnector : IBoardConnector
{
    private readonly HtmlBoardDefinition _definition;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly BoardResiliencePipelines _pipelines;
    private readonly IOptionsMonitor<BoardConnectorOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo _timeZone;
    private readonly Encoding _defaultEncoding;
    private readonly Encoding? _detailEncoding;
    private readonly string[] _dateFormats;
    private readonly string[] _dateTimeFormats;

    // The definition's selectors are parsed once (AngleSharp parses a selector string on every query otherwise).
    private readonly ConcurrentDictionary<string, ISelector?> _selectors = new(StringComparer.Ordinal);
    private readonly CssSelectorParser _selectorParser = new();

    // One HTML parser per thread (AngleSharp: a browsing context is like a browser tab, one page load at a time; a parse
    // here runs synchronously on one thread), instead of a parser and its context built for every session.
    [ThreadStatic]
    private static HtmlParser? t_parser;

    private static HtmlParser Parser => t_parser ??= new HtmlParser();

    public HtmlBoardConnector(HtmlBoardDefinition definition, IHttpClientFactory httpClientFactory, BoardResiliencePipelines pipelines, IOptionsMonitor<BoardConnectorOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = definition.Validate();
        if (problems.Count > 0)
        {
            throw new HtmlBoardDefinitionException($"The board definition of '{definition.Board}' is incomplete: " + string.Join(" ", problems));
        }

        _definition = definition;
        _httpClientFactory = httpClientFactory;
        _pipelines = pipelines;
        _options = options;
        _timeProvider = timeProvider;
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZone);
        _defaultEncoding = PageEncodings.Find(definition.Encoding)!;
        _detailEncoding = PageEncodings.Find(definition.Detail?.Encoding);
        _dateFormats = [.. definition.DateFormats];
        _dateTimeFormats = [.. definition.DateTimeFormats];
        Capabilities = BoardCapabilities.Login | BoardCapabilities.ListPostings | BoardCapabilities.ListApplicants
            | (definition.Detail is null ? BoardCapabilities.None : BoardCapabilities.ApplicantDetail)
            | (string.IsNullOrWhiteSpace(definition.Detail?.Attachments) ? BoardCapabilities.None : BoardCapabilities.Attachments)
            | (definition.Detail is null ? BoardCapabilities.None : BoardCapabilities.OverlappedDetails);
    }

    /// <summary>The name of a board's <see cref="HttpClient"/> in <see cref="IHttpClientFactory"/>.</summary>
    public static string HttpClientName(string board) => "Recruiting.Boards:" + board;

    public string Board => _definition.Board;

    public BoardCapabilities Capabilities { get; }

    public HtmlBoardDefinition Definition => _definition;

    public async ValueTask<BoardSession> LoginAsync(BoardCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var baseAddress = _options.Get(Board).BaseAddress ?? _definition.BaseAddress
            ?? throw new InvalidOperationException($"Board '{Board}' has no base address: set it in the definition or in BoardConnectorOptions.");
        var session = new HtmlBoardSession(credentials, _timeProvider.GetUtcNow(), baseAddress, _httpClientFactory.CreateClient(HttpClientName(Board)));
        try
        {
            await LogInAsync(session, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<IReadOnlyList<BoardPosting>> ListPostingsAsync(BoardSession session, CancellationToken cancellationToken = default)
    {
        var html = Session(session);
        var list = _definition.Postings;
        var page = await GetPageAsync(html, new Uri(html.BaseAddress, list.Path), _defaultEncoding, cancellationToken).ConfigureAwait(false);
        var rows = All(page, list.Row);
        if (rows.Length == 0)
        {
            if (!string.IsNullOrWhiteSpace(list.Empty) && One(page, list.Empty) is not null)
            {
                return [];
            }

            throw LayoutChanged(list.Row, "The posting list shows no rows and no 'no postings' message.");
        }

        var postings = new List<BoardPosting>(rows.Length);
        foreach (var row in rows)
        {
            var id = Required(row, list.Fields.Id!);
            var title = Required(row, list.Fields.Title!);
            var status = Read(row, list.Fields.Status);
            var published = status is null || list.PublishedValues.Any(v => string.Equals(v, status, StringComparison.Ordinal));
            postings.Add(new BoardPosting(id, title, published ? BoardPostingState.Published : BoardPostingState.Ended,
                ParseDate(row, list.Fields.PublishedAt), ParseDate(row, list.Fields.EndedAt)));
        }

        return postings;
    }

    public async ValueTask<BoardApplicantPage> ListApplicantsAsync(BoardSession session, BoardWatermark? since, string? page, CancellationToken cancellationToken = default)
    {
        var html = Session(session);
        var list = _definition.Applicants;
        var pageNumber = list.Paging.FirstPage;
        Uri url;
        if (page is null)
        {
            url = string.IsNullOrWhiteSpace(list.Paging.NextLink) && list.Paging.PageParameter is { } parameter
                ? WithQuery(new Uri(html.BaseAddress, list.Path), parameter, pageNumber)
                : new Uri(html.BaseAddress, list.Path);
        }
        else
        {
            url = new Uri(html.BaseAddress, page);
            if (list.Paging.PageParameter is { } parameter && QueryValue(url, parameter) is { } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                pageNumber = n;
            }
        }

        // The board's search by applied date, on the first page of a run with a watermark: the watermark's day and later only.
        var search = page is null && since is not null ? list.Since : null;
        var filtered = search is not null;
        if (search is not null)
        {
            var local = TimeZoneInfo.ConvertTime(since!.AppliedAt, _timeZone).DateTime;
            url = WithQuery(url, search.Parameter, local.ToString(search.Format, CultureInfo.InvariantCulture));
        }

        var document = await GetPageAsync(html, url, _defaultEncoding, cancellationToken).ConfigureAwait(false);
        html.ListPagesRead++;
        var rows = All(document, list.Row);
        if (rows.Length == 0)
        {
            var total = list.Total is null ? null : ParseCount(One(document, list.Total)?.TextContent);
            if (total is > 0)
            {
                throw LayoutChanged(list.Row, "The applicant list shows no rows while its total says there are applicants.");
            }

            var emptyMessage = !string.IsNullOrWhiteSpace(list.Empty) && One(document, list.Empty) is not null;
            if (page is null && list.Total is null && !string.IsNullOrWhiteSpace(list.Empty) && !emptyMessage)
            {
                throw LayoutChanged(list.Row, "The applicant list shows no rows and no 'no applicants' message.");
            }

            return new BoardApplicantPage([], null) { EmptySinceWatermark = filtered && (total == 0 || emptyMessage) };
        }

        var applicants = new List<BoardApplicant>(rows.Length);
        var reachedWatermark = false;
        foreach (var row in rows)
        {
            var applicant = ReadApplicant(row, list.Fields, baseApplicant: null);
            if (_definition.Detail is not null)
            {
                var link = One(row, list.DetailLink!)?.GetAttribute("href");
                if (string.IsNullOrWhiteSpace(link))
                {
                    throw LayoutChanged(list.DetailLink!, "An applicant row has no link to its detail page.");
                }

                if (applicant.BoardApplicantId is null)
                {
                    throw LayoutChanged(list.Fields.Id?.Selector ?? list.Row, "An applicant row has no applicant id, which the detail page needs.");
                }

                html.DetailLinks[applicant.BoardApplicantId] = new Uri(url, link);
            }

            reachedWatermark |= since is not null && !since.IsNewer(applicant);
            applicants.Add(applicant);
        }

        string? next = null;
        if (!reachedWatermark && html.ListPagesRead < list.Paging.MaxPages)
        {
            if (!string.IsNullOrWhiteSpace(list.Paging.NextLink))
            {
                var href = One(document, list.Paging.NextLink)?.GetAttribute("href");
                next = string.IsNullOrWhiteSpace(href) ? null : new Uri(url, href).PathAndQuery;
            }
            else if (list.Paging.PageParameter is { } parameter)
            {
                next = WithQuery(url, parameter, pageNumber + 1).PathAndQuery;
            }
        }

        return new BoardApplicantPage(applicants, next);
    }

    public async ValueTask<BoardApplicant> GetApplicantDetailAsync(BoardSession session, BoardApplicant applicant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var html = Session(session);
        var detail = _definition.Detail ?? throw new NotSupportedException($"The definition of '{Board}' has no detail page.");
        if (applicant.BoardApplicantId is null || !html.DetailLinks.TryGetValue(applicant.BoardApplicantId, out var url))
        {
            throw new InvalidOperationException($"Applicant '{applicant.BoardApplicantId}' was not read from a list page of this session.");
        }

        var document = await GetPageAsync(html, url, _detailEncoding ?? _defaultEncoding, cancellationToken).ConfigureAwait(false);
        var root = document.DocumentElement;
        var full = ReadApplicant(root, detail.Fields, applicant);
        if (!string.IsNullOrWhiteSpace(detail.Attachments))
        {
            var attachments = new List<BoardAttachmentReference>();
            foreach (var link in All(document, detail.Attachments))
            {
                var href = link.GetAttribute("href");
                if (string.IsNullOrWhiteSpace(href))
                {
                    continue;
                }

                var target = new Uri(url, href);
                var name = Clean(link.TextContent);
                var fromPath = Path.GetFileName(Uri.UnescapeDataString(target.AbsolutePath));
                var fileName = string.IsNullOrEmpty(name) || !Path.HasExtension(name) ? fromPath : name;
                attachments.Add(new BoardAttachmentReference(target.AbsoluteUri, fileName, ContentTypeOf(fileName)));
            }

            full = full with { Attachments = attachments };
        }

        return full;
    }

    public async ValueTask<Stream> OpenAttachmentAsync(BoardSession session, BoardAttachmentReference attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var html = Session(session);
        var url = new Uri(attachment.Id, UriKind.Absolute);
        if (!string.Equals(url.Authority, html.BaseAddress.Authority, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Attachment '{attachment.FileName}' is not on the board's site; it is not fetched with the session's cookies.");
        }

        var (bytes, _) = await GetBytesAsync(html, url, cancellationToken).ConfigureAwait(false);
        return new MemoryStream(bytes, writable: false);
    }

    // ---- login and pages -------------------------------------------------------------------------------------

    private async Task LogInAsync(HtmlBoardSession session, CancellationToken cancellationToken)
    {
        var login = _definition.Login;
        var loginUrl = new Uri(session.BaseAddress, login.Path);
        var (page, pageUrl) = await FetchDocumentAsync(session, () => new HttpRequestMessage(HttpMethod.Get, loginUrl), _defaultEncoding, login.Path, cancellationToken).ConfigureAwait(false);
        var form = One(page, login.Form) ?? throw LayoutChanged(login.Form, "The login form was not found.");

        var fields = new List<KeyValuePair<string, string>>();
        var idSelector = $"input[name=\"{login.LoginIdField}\"]";
        var passwordSelector = $"input[name=\"{login.PasswordField}\"]";
        if (One(form, idSelector) is null)
        {
            throw LayoutChanged($"{login.Form} {idSelector}", "The login form has no login id field.");
        }

        if (One(form, passwordSelector) is null)
        {
            throw LayoutChanged($"{login.Form} {passwordSelector}", "The login form has no password field.");
        }

        foreach (var input in All(form, "input[name], select[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            var type = input.GetAttribute("type")?.ToUpperInvariant();
            if (type is "SUBMIT" or "BUTTON" or "IMAGE" or "RESET" or "FILE" || ((type is "CHECKBOX" or "RADIO") && !input.HasAttribute("checked")))
            {
                continue;
            }

            if (string.Equals(name, login.LoginIdField, StringComparison.Ordinal) || string.Equals(name, login.PasswordField, StringComparison.Ordinal) || login.ExtraFields.ContainsKey(name))
            {
                continue;
            }

            // Hidden fields (CSRF tokens, return addresses) go back exactly as the board wrote them.
            fields.Add(new(name, input.GetAttribute("value") ?? string.Empty));
        }

        fields.Add(new(login.LoginIdField, session.Credentials.LoginId));
        fields.Add(new(login.PasswordField, session.Credentials.Password));
        foreach (var (inputName, key) in login.ExtraFields)
        {
            session.Credentials.ExtraFields.TryGetValue(key, out var value);
            fields.Add(new(inputName, value ?? string.Empty));
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrWhiteSpace(action) ? pageUrl : new Uri(pageUrl, action);
        var method = string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Get : HttpMethod.Post;
        HttpRequestMessage Submit()
        {
            var request = method == HttpMethod.Post
                ? new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(fields) }
                : new HttpRequestMessage(HttpMethod.Get, new UriBuilder(target) { Query = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))) }.Uri);
            if (login.StopAtSuccessRedirect)
            {
                request.Options.Set(BoardSessionHandler.FollowRedirects, false);
            }

            return request;
        }

        using var response = await SendAsync(session, Submit, login.Form, cancellationToken, redirectIsAnswer: login.StopAtSuccessRedirect).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            // Only with StopAtSuccessRedirect: the session cookie came with the redirect; where it points tells the outcome.
            var location = response.Headers.Location;
            var landing = location is null ? null : location.IsAbsoluteUri ? location : new Uri(target, location);
            if (landing is not null && !IsLoginPage(landing))
            {
                return;
            }

            throw new BoardLoginRejectedException(Board, "The board sent the login page again after the login.");
        }

        var (result, resultUrl) = await ParseAsync(session, response, _defaultEncoding, login.Form, cancellationToken).ConfigureAwait(false);

        if (IsLoginPage(resultUrl) || One(result, login.Form) is not null)
        {
            var said = login.Error is null ? null : Clean(One(result, login.Error)?.TextContent);
            throw new BoardLoginRejectedException(Board, string.IsNullOrEmpty(said) ? "The board showed its login form again after the login." : $"The board refused the login: {said}");
        }
    }

    private bool IsLoginPage(Uri url)
    {
        var expired = _definition.Login.SessionExpiredPath ?? _definition.Login.Path;
        return url.AbsolutePath.StartsWith(expired, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Gets a console page; when the board sent the login page instead (the session ended), logs in again and retries.</summary>
    /// <remarks>Only the request holds the session's gate: the page is parsed after the next request of the session may have gone out.</remarks>
    private async Task<IDocument> GetPageAsync(HtmlBoardSession session, Uri url, Encoding encoding, CancellationToken cancellationToken)
    {
        var (bytes, contentType) = await FetchAsync(session, url, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, contentType?.CharSet, encoding);
    }

    /// <summary>Downloads a file of the console with the session (logging in again once when the session ended).</summary>
    internal async Task<(byte[] Bytes, string? ContentType)> GetBytesAsync(HtmlBoardSession session, Uri url, CancellationToken cancellationToken)
    {
        var (bytes, contentType) = await FetchAsync(session, url, cancellationToken).ConfigureAwait(false);
        return (bytes, contentType?.MediaType);
    }

    /// <summary>
    /// One GET of the console under the session's gate (one request of a session at a time, whoever asks): when the board
    /// answers with its login page (the session ended) the connector logs in again, still holding the gate, and retries.
    /// </summary>
    private async Task<(byte[] Bytes, MediaTypeHeaderValue? ContentType)> FetchAsync(HtmlBoardSession session, Uri url, CancellationToken cancellationToken)
    {
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                using var response = await SendAsync(session, () => new HttpRequestMessage(HttpMethod.Get, url), url.AbsolutePath, cancellationToken).ConfigureAwait(false);
                if (!IsLoginPage(response.RequestMessage?.RequestUri ?? url))
                {
                    return (await ReadBytesAsync(response, cancellationToken).ConfigureAwait(false), response.Content.Headers.ContentType);
                }

                await ReloginAsync(session, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task ReloginAsync(HtmlBoardSession session, CancellationToken cancellationToken)
    {
        if (session.Relogins >= _options.Get(Board).MaxRelogins)
        {
            throw new BoardUnavailableException(Board, $"The board ended the session again after {session.Relogins} new login(s) in this run.");
        }

        session.Relogins++;
        session.Cookies = new CookieContainer();
        await LogInAsync(session, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(IDocument Document, Uri Url)> FetchDocumentAsync(HtmlBoardSession session, Func<HttpRequestMessage> request, Encoding encoding, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(session, request, what, cancellationToken).ConfigureAwait(false);
        return await ParseAsync(session, response, encoding, what, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(IDocument Document, Uri Url)> ParseAsync(HtmlBoardSession session, HttpResponseMessage response, Encoding encoding, string what, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(response, cancellationToken).ConfigureAwait(false);
        var document = Parse(bytes, response.Content.Headers.ContentType?.CharSet, encoding);
        return (document, response.RequestMessage?.RequestUri ?? new Uri(session.BaseAddress, what));
    }

    /// <summary>Decodes and parses a page already in memory (synchronously, as the floor does: no awaits of the async tokenizer).</summary>
    private static IDocument Parse(byte[] bytes, string? headerCharset, Encoding encoding) => Parser.ParseDocument(Decode(bytes, headerCharset, encoding));

    private async Task<HttpResponseMessage> SendAsync(HtmlBoardSession session, Func<HttpRequestMessage> createRequest, string what, CancellationToken cancellationToken, bool redirectIsAnswer = false)
    {
        var pipeline = _pipelines.Get(Board);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    using var request = state.createRequest();
                    request.Options.Set(BoardSessionHandler.Cookies, state.session.Cookies);
                    return await state.session.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                },
                (createRequest, session),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new BoardUnavailableException(Board, $"The board could not be reached ({what}): {ex.Message}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new BoardUnavailableException(Board, $"The board did not answer in time ({what}).", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new BoardUnavailableException(Board, $"Requests to the board are paused after repeated failures ({what}).", ex, retryAfter: ex.RetryAfter);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new BoardUnavailableException(Board, $"The board's request limit was reached ({what}).", ex, retryAfter: ex.RetryAfter);
        }

        if (response.IsSuccessStatusCode || (redirectIsAnswer && (int)response.StatusCode is >= 300 and < 400))
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 404 or 410)
            {
                throw LayoutChanged(what, $"The board answered {status} for {what}: the page moved.");
            }

            throw new BoardUnavailableException(Board, $"The board answered {status} ({response.ReasonPhrase}) for {what}.", null, status, BoardResiliencePipelines.RetryAfterOf(response, _timeProvider));
        }
    }

    private async Task<byte[]> ReadBytesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = _options.Get(Board).MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw new BoardUnavailableException(Board, $"The board sent {length} bytes, more than the limit of {limit}.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (response.Content.Headers.ContentLength is { } known && response.Content.Headers.ContentEncoding.Count == 0)
            {
                // The usual case: one array of the announced size, no copies.
                var bytes = new byte[known];
                var filled = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled == bytes.Length && await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) == 0)
                {
                    return bytes;
                }

                throw new BoardUnavailableException(Board, $"The board sent {(filled < bytes.Length ? "fewer" : "more")} bytes than the {known} it announced.");
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new BoardUnavailableException(Board, $"The board sent more than the limit of {limit} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>Decodes a page: the HTTP charset, else a meta charset in the first bytes, else the definition's encoding.</summary>
    internal static string Decode(byte[] bytes, string? headerCharset, Encoding fallback)
    {
        var encoding = PageEncodings.Find(headerCharset);
        if (encoding is null)
        {
            var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
            var meta = MetaCharset().Match(head);
            encoding = meta.Success ? PageEncodings.Find(meta.Groups[1].Value) : null;
        }

        encoding ??= fallback;
        var preamble = encoding.Preamble;
        var offset = preamble.Length > 0 && bytes.AsSpan().StartsWith(preamble) ? preamble.Length : 0;
        return encoding.GetString(bytes, offset, bytes.Length - offset);
    }

    // ---- fields ----------------------------------------------------------------------------------------------

    private BoardApplicant ReadApplicant(IElement scope, HtmlApplicantFields fields, BoardApplicant? baseApplicant)
    {
        var id = fields.Id is null ? null : (fields.Id.Required ? Required(scope, fields.Id) : Read(scope, fields.Id));
        var full = fields.Name is null ? null : (fields.Name.Required || baseApplicant is not null ? Required(scope, fields.Name) : Read(scope, fields.Name));
        var family = Read(scope, fields.FamilyName);
        var given = Read(scope, fields.GivenName);
        var phonetic = Read(scope, fields.Phonetic);
        full ??= family is not null || given is not null ? $"{family} {given}".Trim() : baseApplicant?.Profile.Name.Full;
        if (full is null)
        {
            throw LayoutChanged(fields.Name?.Selector ?? "name", "The applicant's name was not found.");
        }

        if (family is null && given is null)
        {
            // Japanese boards write 姓 名 with one (ASCII or ideographic) space.
            var parts = full.Split([' ', '\u3000'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 2)
            {
                family = parts[0];
                given = parts[1];
            }
        }

        var extra = new Dictionary<string, string>(baseApplicant?.ExtraFields ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        DateOnly? birth = null;
        if (Read(scope, fields.BirthDate) is { } birthText)
        {
            if (TryParseDate(birthText, out var date))
            {
                birth = DateOnly.FromDateTime(date);
            }
            else
            {
                extra["生年月日"] = birthText;
            }
        }

        DateTimeOffset? applied = null;
        if (fields.AppliedAt is not null)
        {
            var text = fields.AppliedAt.Required ? Required(scope, fields.AppliedAt) : Read(scope, fields.AppliedAt);
            if (text is not null)
            {
                applied = TryParseDateTime(text, out var value) ? value
                    : throw LayoutChanged(fields.AppliedAt.Selector, $"The applied date '{text}' has none of the definition's formats.");
            }
        }

        foreach (var (label, field) in fields.Extra)
        {
            if (Read(scope, field) is { } value)
            {
                extra[label] = value;
            }
        }

        var baseProfile = baseApplicant?.Profile;
        var phones = ReadAll(scope, fields.Phones);
        var emails = ReadAll(scope, fields.Emails);
        var profile = new CandidateProfile
        {
            Name = new PersonName(full, family ?? baseProfile?.Name.Family, given ?? baseProfile?.Name.Given, phonetic ?? baseProfile?.Name.Phonetic),
            BirthDate = birth ?? baseProfile?.BirthDate,
            Gender = Read(scope, fields.Gender) ?? baseProfile?.Gender,
            Phones = phones.Count > 0 ? phones : baseProfile?.Phones ?? [],
            Emails = emails.Count > 0 ? emails : baseProfile?.Emails ?? [],
        };

        return new BoardApplicant
        {
            BoardApplicantId = id ?? baseApplicant?.BoardApplicantId,
            PostingId = Read(scope, fields.PostingId) ?? baseApplicant?.PostingId,
            PostingTitle = Read(scope, fields.PostingTitle) ?? baseApplicant?.PostingTitle,
            AppliedAt = applied ?? baseApplicant?.AppliedAt,
            Profile = profile,
            ExtraFields = extra,
            Attachments = baseApplicant?.Attachments ?? [],
        };
    }

    private string? Read(IParentNode scope, HtmlField? field)
    {
        if (field is null || string.IsNullOrWhiteSpace(field.Selector))
        {
            return null;
        }

        var element = One(scope, field.Selector);
        var value = element is null ? null : Clean(field.Attribute is null ? element.TextContent : element.GetAttribute(field.Attribute));
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private string Required(IParentNode scope, HtmlField field)
        => Read(scope, field) ?? throw LayoutChanged(field.ToString(), $"The required field '{field}' was not found.");

    private List<string> ReadAll(IParentNode scope, IList<HtmlField> fields)
    {
        var values = new List<string>();
        foreach (var field in fields)
        {
            foreach (var element in All(scope, field.Selector))
            {
                var value = Clean(field.Attribute is null ? element.TextContent : element.GetAttribute(field.Attribute));
                if (!string.IsNullOrEmpty(value) && !values.Contains(value, StringComparer.Ordinal))
                {
                    values.Add(value);
                }
            }
        }

        return values;
    }

    /// <summary>Collapses runs of white space to one space and trims; text that needs neither is returned as is.</summary>
    internal static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var previousSpace = true;
        foreach (var c in value)
        {
            var space = char.IsWhiteSpace(c);
            if (space && (previousSpace || c != ' '))
            {
                return Whitespace().Replace(value, " ").Trim();
            }

            previousSpace = space;
        }

        return previousSpace ? value.TrimEnd() : value;
    }

    /// <summary>The first element under <paramref name="scope"/> matching a selector of the definition (or one the connector builds from it: the login fields).</summary>
    private IElement? One(IParentNode scope, string selector)
        => Compiled(selector) is { } compiled ? ((INode)scope).ChildNodes.QuerySelector(compiled) : scope.QuerySelector(selector);

    /// <summary>Every element under <paramref name="scope"/> matching a selector of the definition, in document order.</summary>
    private IHtmlCollection<IElement> All(IParentNode scope, string selector)
        => Compiled(selector) is { } compiled ? ((INode)scope).ChildNodes.QuerySelectorAll(compiled) : scope.QuerySelectorAll(selector);

    /// <summary>A selector parsed once; <see langword="null"/> for one AngleSharp cannot parse (the string query then reports it as before).</summary>
    private ISelector? Compiled(string selector)
        => _selectors.TryGetValue(selector, out var compiled) ? compiled : _selectors.GetOrAdd(selector, Parse);

    private ISelector? Parse(string selector)
    {
        lock (_selectorParser)
        {
            return _selectorParser.ParseSelector(selector);
        }
    }

    private DateTimeOffset? ParseDate(IElement scope, HtmlField? field)
        => Read(scope, field) is { } text && TryParseDate(text, out var date) ? ToBoardTime(date) : null;

    private bool TryParseDate(string text, out DateTime date)
        => DateTime.TryParseExact(text, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date);

    private bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(text, _dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            || DateTime.TryParseExact(text, _dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out local))
        {
            value = ToBoardTime(local);
            return true;
        }

        value = default;
        return false;
    }

    private DateTimeOffset ToBoardTime(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, _timeZone.GetUtcOffset(unspecified));
    }

    private static int? ParseCount(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var digits = new string([.. text.Normalize(NormalizationForm.FormKC).Where(char.IsAsciiDigit)]);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static Uri WithQuery(Uri url, string parameter, int value) => WithQuery(url, parameter, value.ToString(CultureInfo.InvariantCulture));

    private static Uri WithQuery(Uri url, string parameter, string value)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        query[parameter] = value;
        return new UriBuilder(url) { Query = query.ToString() }.Uri;
    }

    private static string? QueryValue(Uri url, string parameter) => System.Web.HttpUtility.ParseQueryString(url.Query)[parameter];

    private static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".DOC" => "application/msword",
        ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".PNG" => "image/png",
        _ => "application/octet-stream",
    };

    private BoardLayoutChangedException LayoutChanged(string selector, string message) => new(Board, selector, $"{Board}: {message} (selector '{selector}')");

    internal static HtmlBoardSession Session(BoardSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session as HtmlBoardSession ?? throw new ArgumentException("The session was not opened by this connector.", nameof(session));
    }

    [GeneratedRegex("<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_\\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
