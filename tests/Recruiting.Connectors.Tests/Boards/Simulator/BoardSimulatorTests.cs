using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Recruiting.Samples.BoardSimulator;

namespace Recruiting.Connectors.Tests.Boards.Simulator;

public sealed partial class BoardSimulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));
    private BoardSimulator _simulator = null!;
    private Uri _base = null!;

    static BoardSimulatorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public async Task InitializeAsync()
    {
        _simulator = new BoardSimulator(new BoardSimulatorOptions { Accounts = 2, ApplicantsPerAccount = 45, PageSize = 20, TimeProvider = _time });
        _base = await _simulator.StartAsync();
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private (HttpClient Client, CookieContainer Cookies) NewClient(bool redirects = true)
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = redirects };
        return (new HttpClient(handler) { BaseAddress = _base }, cookies);
    }

    private static string Csrf(string html) => CsrfPattern().Match(html).Groups[1].Value;

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string loginId, string password, string passwordField = "password")
    {
        var page = await client.GetStringAsync("/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__csrf"] = Csrf(page),
            ["return"] = "/console",
            ["login_id"] = loginId,
            [passwordField] = password,
        });
        return await client.PostAsync("/login", form);
    }

    [Fact]
    public async Task StartAsync_BindsLoopbackOnAFreePort()
    {
        _base.Host.Should().Be("127.0.0.1");
        _base.Port.Should().BePositive();
        await using var second = new BoardSimulator(new BoardSimulatorOptions { Accounts = 1, ApplicantsPerAccount = 1 });
        var other = await second.StartAsync();
        other.Port.Should().NotBe(_base.Port);
    }

    [Fact]
    public async Task Login_WithCsrfAndPassword_SetsSessionCookieWithExpiry_AndShowsConsole()
    {
        var (client, cookies) = NewClient();
        using var _ = client;
        var response = await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/console");
        var session = cookies.GetCookies(_base)[BoardSimulator.SessionCookie];
        session.Should().NotBeNull();
        session!.HttpOnly.Should().BeTrue();
        session.Expires.Should().BeAfter(DateTime.Now.AddMinutes(25)).And.BeBefore(DateTime.Now.AddMinutes(31));
        _simulator.Stats.Logins.Should().Be(1);
    }

    [Fact]
    public async Task Login_WithoutTheCsrfToken_IsRefused()
    {
        var (client, _) = NewClient();
        using var __ = client;
        await client.GetStringAsync("/login");
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__csrf"] = "forged",
            ["login_id"] = "acct001",
            ["password"] = BoardSimulatorOptions.PasswordOf("acct001"),
        }));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _simulator.Stats.Logins.Should().Be(0);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_ShowsTheLoginPageWithAnError()
    {
        var (client, cookies) = NewClient();
        using var _ = client;
        var response = await LoginAsync(client, "acct001", "wrong");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("class=\"error login-error\"").And.Contain("id=\"login-form\"");
        cookies.GetCookies(_base)[BoardSimulator.SessionCookie].Should().BeNull();
        _simulator.Stats.FailedLogins.Should().Be(1);
    }

    [Fact]
    public async Task ConsolePages_WithoutASession_RedirectToLogin()
    {
        var (client, _) = NewClient(redirects: false);
        using var __ = client;
        var response = await client.GetAsync("/console/applicants");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().StartWith("/login");
    }

    [Fact]
    public async Task Postings_ListPublishedAndEndedWithDates()
    {
        var (client, _) = NewClient();
        using var __ = client;
        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));
        var html = await client.GetStringAsync("/console/postings");

        var account = _simulator.Account("acct001");
        account.Postings.Should().Contain(p => p.Published).And.Contain(p => !p.Published);
        foreach (var posting in account.Postings)
        {
            html.Should().Contain($"data-posting-id=\"{posting.Id}\"");
            html.Should().Contain(posting.PublishedAt.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        html.Should().Contain("掲載中").And.Contain("掲載終了");
    }

    [Fact]
    public async Task Applicants_ArePagedNewestFirst_WithANextLinkUntilTheLastPage()
    {
        var (client, _) = NewClient();
        using var __ = client;
        await LoginAsync(client, "acct002", BoardSimulatorOptions.PasswordOf("acct002"));

        var ids = new List<string>();
        var dates = new List<string>();
        string? next = "/console/applicants";
        var pages = 0;
        while (next is not null)
        {
            var html = await client.GetStringAsync(next);
            pages++;
            html.Should().Contain("<span class=\"total\">45</span>");
            ids.AddRange(RowIdPattern().Matches(html).Select(m => m.Groups[1].Value));
            dates.AddRange(AppliedPattern().Matches(html).Select(m => m.Groups[1].Value));
            var link = NextPattern().Match(html);
            next = link.Success ? link.Groups[1].Value : null;
        }

        pages.Should().Be(3);
        ids.Should().HaveCount(45).And.OnlyHaveUniqueItems();
        ids.Should().Equal(_simulator.Account("acct002").Applicants.Select(a => a.Id));
        dates.Should().BeInDescendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Detail_IsShiftJis_WithEveryProfileField_AndTheResumeIsAPdf()
    {
        var (client, _) = NewClient();
        using var __ = client;
        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));
        var applicant = _simulator.Account("acct001").Applicants.First(a => a.Email is not null);

        var response = await client.GetAsync($"/console/applicants/{applicant.Id}");
        response.Content.Headers.ContentType!.CharSet.Should().Be("Shift_JIS");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var html = Encoding.GetEncoding(932).GetString(bytes);
        Encoding.UTF8.GetString(bytes).Should().NotContain(applicant.FamilyName, "the page is not UTF-8");
        html.Should().Contain($"<dd class=\"name\">{applicant.FullName}</dd>")
            .And.Contain($"<dd class=\"kana\">{applicant.FullKana}</dd>")
            .And.Contain("<dd class=\"birth-date\">" + applicant.BirthDate.ToString("yyyy年MM月dd日", System.Globalization.CultureInfo.InvariantCulture))
            .And.Contain($"<dd class=\"gender\">{applicant.Gender}</dd>")
            .And.Contain($"<dd class=\"mobile\">{applicant.Mobile}</dd>")
            .And.Contain(System.Net.WebUtility.HtmlEncode(applicant.Email!))
            .And.Contain($"data-posting-id=\"{applicant.Posting.Id}\"");

        var pdf = await client.GetByteArrayAsync($"/console/applicants/{applicant.Id}/resume.pdf");
        Encoding.ASCII.GetString(pdf, 0, 8).Should().Be("%PDF-1.4");
        Encoding.ASCII.GetString(pdf).Should().Contain(applicant.Id).And.EndWith("%%EOF\n");
    }

    [Fact]
    public async Task SeededData_IsDeterministic_AndHoldsCarrierAddressesAndApplicantsWithoutEmail()
    {
        await using var again = new BoardSimulator(new BoardSimulatorOptions { Accounts = 2, ApplicantsPerAccount = 45 });
        again.Account("acct001").Applicants.Should().BeEquivalentTo(_simulator.Account("acct001").Applicants);

        var all = _simulator.Accounts.SelectMany(a => a.Applicants).ToList();
        all.Should().HaveCount(90);
        all.Should().Contain(a => a.Email == null);
        all.Should().Contain(a => a.Email != null && a.Email.Contains("..", StringComparison.Ordinal) && a.Email.EndsWith(".@docomo.ne.jp", StringComparison.Ordinal));
        all.Select(a => a.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task CsvExport_IsShiftJisWithAJapaneseHeader()
    {
        var (client, _) = NewClient();
        using var __ = client;
        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));
        var response = await client.GetAsync("/console/export.csv");
        response.Content.Headers.ContentType!.CharSet.Should().Be("Shift_JIS");
        var text = Encoding.GetEncoding(932).GetString(await response.Content.ReadAsByteArrayAsync());
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("応募ID,応募日時,氏名,フリガナ,生年月日,性別");
        lines.Should().HaveCount(46);
        lines[1].Should().StartWith(_simulator.Account("acct001").Applicants[0].Id + ",");
    }

    [Fact]
    public async Task AddApplicants_PutsThemFirstOnPageOne()
    {
        var before = _simulator.Account("acct001").Applicants[0];
        var added = _simulator.AddApplicants("acct001", 3);

        added.Should().HaveCount(3);
        added[0].AppliedAt.Should().BeAfter(added[1].AppliedAt);
        added[2].AppliedAt.Should().BeAfter(before.AppliedAt);
        var (client, _) = NewClient();
        using var __ = client;
        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));
        var html = await client.GetStringAsync("/console/applicants");
        RowIdPattern().Matches(html).Select(m => m.Groups[1].Value).Take(4).Should().Equal(added[0].Id, added[1].Id, added[2].Id, before.Id);
        html.Should().Contain("<span class=\"total\">48</span>");
    }

    [Fact]
    public async Task FailNext_ServesABurstOf503WithRetryAfter_ThenRecovers()
    {
        _simulator.Faults.FailNext(2, 429, TimeSpan.FromSeconds(3));
        var (client, _) = NewClient();
        using var __ = client;
        var first = await client.GetAsync("/login");
        var second = await client.GetAsync("/login");
        var third = await client.GetAsync("/login");

        first.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        first.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.StatusCode.Should().Be(HttpStatusCode.OK);
        _simulator.Stats.Faults.Should().Be(2);
    }

    [Fact]
    public async Task Sessions_EndAfterTheirLifetime_OnTheSimulatorsClock()
    {
        var (client, _) = NewClient();
        using var __ = client;
        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));
        (await client.GetAsync("/console/postings")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/console/postings");

        _time.Advance(TimeSpan.FromMinutes(31));
        var response = await client.GetAsync("/console/postings");
        response.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/login");
        (await response.Content.ReadAsStringAsync()).Should().Contain("セッションの有効期限が切れました");
    }

    [Fact]
    public async Task ExpireSessionsAfter_EndsTheSessionMidRun_Once()
    {
        var (client, _) = NewClient();
        using var __ = client;
        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));
        _simulator.Faults.ExpireSessionsAfter(2);

        (await client.GetAsync("/console/applicants?page=1")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/console/applicants");
        (await client.GetAsync("/console/applicants?page=2")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/console/applicants");
        (await client.GetAsync("/console/applicants?page=3")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/login");

        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"));
        (await client.GetAsync("/console/applicants?page=3")).RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/console/applicants");
    }

    [Fact]
    public async Task LayoutChange_RenamesClassesAndFields()
    {
        _simulator.Faults.Layout = LayoutChange.LoginForm | LayoutChange.ApplicantList | LayoutChange.DetailField;
        var (client, _) = NewClient();
        using var __ = client;
        var login = await client.GetStringAsync("/login");
        login.Should().Contain("id=\"signin\"").And.NotContain("id=\"login-form\"");
        await LoginAsync(client, "acct001", BoardSimulatorOptions.PasswordOf("acct001"), "passwd");

        var list = await client.GetStringAsync("/console/applicants");
        list.Should().Contain("class=\"entry-row\"").And.NotContain("<tr class=\"applicant\">").And.Contain("<span class=\"total\">45</span>");
        var id = _simulator.Account("acct001").Applicants[0].Id;
        var detail = Encoding.GetEncoding(932).GetString(await client.GetByteArrayAsync($"/console/applicants/{id}"));
        detail.Should().Contain("class=\"full-name\"").And.NotContain("<dd class=\"name\">");
    }

    [Fact]
    public async Task FaultsAndApplicants_CanBeSetOverHttp()
    {
        using var client = new HttpClient { BaseAddress = _base };
        (await client.PostAsync("/_sim/faults", JsonContent("""{"failNext": 1, "status": 503, "retryAfterSeconds": 2}"""))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var failed = await client.GetAsync("/login");
        failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        failed.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));

        (await client.PostAsync("/_sim/faults", JsonContent("""{"layout": ["applicantList"]}"""))).EnsureSuccessStatusCode();
        _simulator.Faults.Layout.Should().Be(LayoutChange.ApplicantList);
        (await client.PostAsync("/_sim/faults", JsonContent("""{"reset": true}"""))).EnsureSuccessStatusCode();
        _simulator.Faults.Layout.Should().Be(LayoutChange.None);

        var added = await client.PostAsync("/_sim/applicants", JsonContent("""{"loginId": "acct002", "count": 2}"""));
        added.EnsureSuccessStatusCode();
        _simulator.Account("acct002").Applicants.Should().HaveCount(47);
        (await client.PostAsync("/_sim/applicants", JsonContent("""{"loginId": "nobody", "count": 2}"""))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public void GeneratedData_IsTheSameInEveryProcess()
    {
        // A seed mixed with HashCode.Combine changed with each process, so fixtures that count applicants of ended postings passed or failed by chance.
        var account = _simulator.Account("acct001");
        var fingerprint = string.Join('|', account.Applicants.Take(12).Select(a => $"{a.Id}:{a.Posting.Id}:{a.FamilyName}{a.GivenName}:{a.AppliedAt:MMddHHmm}"));

        fingerprint.Should().Be(ExpectedFingerprint);
        account.Applicants.Count(a => !a.Posting.Published && a.Posting.EndedAt < new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.FromHours(9)))
            .Should().BePositive("the fixtures rely on some applicants of a posting that ended long ago");
    }

    private const string ExpectedFingerprint =
        "A100001:J00102:山本美咲:11200900|A100002:J00106:井上結衣:11200746|A100003:J00103:山本さくら:11200659|A100004:J00102:山本陽菜:11200637|A100005:J00103:井上太郎:11200528|A100006:J00104:高橋結衣:11200250|"
        + "A100007:J00104:木村健一:11200214|A100008:J00101:吉田花子:11200038|A100009:J00101:山田美咲:11200006|A100010:J00103:渡辺蓮:11192115|A100011:J00101:田中さくら:11191921|A100012:J00103:佐藤太郎:11191621";

    [GeneratedRegex("name=\"__csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex CsrfPattern();

    [GeneratedRegex("<tr class=\"applicant\"><td class=\"applicant-id\"><a class=\"detail-link\" href=\"[^\"]+\">([^<]+)</a>")]
    private static partial Regex RowIdPattern();

    [GeneratedRegex("<td class=\"applied-at\">([^<]+)</td>")]
    private static partial Regex AppliedPattern();

    [GeneratedRegex("<a class=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex NextPattern();
}
