using Recruiting.Connectors.Boards;
using Recruiting.Connectors.Boards.Html;
using Recruiting.Samples.BoardSimulator;

namespace Recruiting.Connectors.Tests.Boards.Html;

public sealed class HtmlBoardConnectorTests : IAsyncLifetime
{
    private BoardSimulator _simulator = null!;
    private SimulatorConnector _connector = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _simulator = new BoardSimulator(new BoardSimulatorOptions { Accounts = 2, ApplicantsPerAccount = 45, PageSize = 20 });
        _base = await _simulator.StartAsync();
        _connector = SimulatorConnector.Create(_base);
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private IBoardConnector Connector => _connector.Connector;

    [Fact]
    public void Capabilities_FollowTheDefinition()
    {
        Connector.Board.Should().Be(SimulatorConnector.Board);
        Connector.Capabilities.Should().Be(BoardCapabilities.Login | BoardCapabilities.ListPostings | BoardCapabilities.ListApplicants | BoardCapabilities.ApplicantDetail | BoardCapabilities.Attachments | BoardCapabilities.OverlappedDetails);
    }

    [Fact]
    public async Task Login_PostsTheCsrfTokenBack_AndListsPublishedAndEndedPostingsWithDates()
    {
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        var postings = await Connector.ListPostingsAsync(session);

        var expected = _simulator.Account("acct001").Postings;
        postings.Select(p => p.Id).Should().Equal(expected.Select(p => p.Id));
        postings.Should().Contain(p => p.State == BoardPostingState.Published).And.Contain(p => p.State == BoardPostingState.Ended);
        var first = postings[0];
        first.Title.Should().Be(expected[0].Title);
        first.PublishedAt.Should().Be(new DateTimeOffset(expected[0].PublishedAt.Date, TimeSpan.FromHours(9)));
        first.EndedAt.Should().Be(new DateTimeOffset(expected[0].EndedAt!.Value.Date, TimeSpan.FromHours(9)));
        _simulator.Stats.Logins.Should().Be(1);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_IsRejectedWithTheBoardsMessage()
    {
        var act = async () => await Connector.LoginAsync(SimulatorConnector.Credentials("acct001", "wrong"));
        var error = (await act.Should().ThrowAsync<BoardLoginRejectedException>()).Which;
        error.Message.Should().Contain("ログインIDまたはパスワードが正しくありません");
        error.Message.Should().NotContain("wrong");
        error.Health.Should().Be(BoardHealth.CredentialsRejected);
    }

    [Fact]
    public async Task Login_StoppingAtTheSuccessRedirect_SkipsTheLandingPage_AndStillRejectsAWrongPassword()
    {
        // The simulator's definition stops at the redirect (login.stopAtSuccessRedirect); a copy without it follows it.
        HtmlBoardDefinition.LoadBuiltIn("simulator").Login.StopAtSuccessRedirect.Should().BeTrue();
        var definition = HtmlBoardDefinition.LoadBuiltIn("simulator");
        definition.Login.StopAtSuccessRedirect = false;
        await using var following = SimulatorConnector.Create(_base, definition: HtmlBoardDefinition.Parse(definition.ToJson()));

        await using (var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001")))
        {
            (await _connector.ReadAllAsync(session)).Should().HaveCount(45, "the session cookie came with the redirect");
        }

        _simulator.Stats.Logins.Should().Be(1);
        _simulator.Stats.HomePages.Should().Be(0, "the landing page the login redirects to is not fetched");
        await using (await following.Connector.LoginAsync(SimulatorConnector.Credentials("acct002")))
        {
            _simulator.Stats.HomePages.Should().Be(1, "without the option the redirect is followed");
        }

        _simulator.Faults.RedirectRefusedLogins = true;
        var stopped = async () => await Connector.LoginAsync(SimulatorConnector.Credentials("acct001", "wrong"));
        var followed = async () => await following.Connector.LoginAsync(SimulatorConnector.Credentials("acct001", "wrong"));
        (await stopped.Should().ThrowAsync<BoardLoginRejectedException>()).Which.Message.Should().Contain("login page again");
        (await followed.Should().ThrowAsync<BoardLoginRejectedException>()).Which.Health.Should().Be(BoardHealth.CredentialsRejected);
        _simulator.Stats.Logins.Should().Be(2);
    }

    [Fact]
    public async Task Applicants_AreReadPageByPage_NewestFirst()
    {
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct002"));
        var applicants = await _connector.ReadAllAsync(session);

        var expected = _simulator.Account("acct002").Applicants;
        applicants.Select(a => a.BoardApplicantId).Should().Equal(expected.Select(a => a.Id));
        applicants[0].AppliedAt.Should().Be(expected[0].AppliedAt);
        applicants[0].PostingId.Should().Be(expected[0].Posting.Id);
        applicants[0].PostingTitle.Should().Be(expected[0].Posting.Title);
        applicants[0].Profile.Name.Full.Should().Be(expected[0].FullName);
        _simulator.Stats.ListPages.Should().Be(3);
    }

    [Fact]
    public async Task Applicants_StopPagingAtTheWatermark()
    {
        // A board without a search by applied date: every page from the newest down to the one that reaches the watermark.
        var definition = HtmlBoardDefinition.LoadBuiltIn("simulator");
        definition.Applicants.Since = null;
        await using var unfiltered = SimulatorConnector.Create(_base, definition: HtmlBoardDefinition.Parse(definition.ToJson()));
        var expected = _simulator.Account("acct001").Applicants;
        var watermark = new BoardWatermark(expected[24].AppliedAt, expected[24].Id);
        await using var session = await unfiltered.Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));

        var read = await unfiltered.ReadAllAsync(session, watermark);

        read.Should().HaveCount(40, "pages 1 and 2 are read, page 3 is not");
        read.Where(watermark.IsNewer).Select(a => a.BoardApplicantId).Should().Equal(expected.Take(24).Select(a => a.Id));
        _simulator.Stats.ListPages.Should().Be(2);
        _simulator.Stats.FilteredListPages.Should().Be(0);
    }

    [Fact]
    public async Task Applicants_WithAWatermark_AreAskedFromTheWatermarksDay_AndTheNextLinksKeepTheSearch()
    {
        var expected = _simulator.Account("acct001").Applicants;
        var mark = expected[30];
        var watermark = new BoardWatermark(mark.AppliedAt, mark.Id);
        var day = DateOnly.FromDateTime(mark.AppliedAt.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var fromDay = expected.Where(a => DateOnly.FromDateTime(a.AppliedAt.ToOffset(TimeSpan.FromHours(9)).DateTime) >= day).ToList();
        fromDay.Count.Should().BeGreaterThan(20, "the search spans more than one page here");
        fromDay.Count.Should().BeLessThan(expected.Count, "older applicants exist, which the search leaves out");
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));

        var read = await _connector.ReadAllAsync(session, watermark);

        read.Select(a => a.BoardApplicantId).Should().Equal(fromDay.Select(a => a.Id), "the board's search gives the watermark's day and later, page after page");
        read.Where(watermark.IsNewer).Select(a => a.BoardApplicantId).Should().Equal(expected.Take(30).Select(a => a.Id));
        _simulator.Stats.FilteredListPages.Should().Be(_simulator.Stats.ListPages).And.Be((fromDay.Count + 19) / 20);
    }

    [Fact]
    public async Task Applicants_WithAWatermarkAfterEveryApplicant_AreAnEmptyPage_TheBoardConfirms()
    {
        var newest = _simulator.Account("acct001").Applicants[0];
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));

        var page = await Connector.ListApplicantsAsync(session, new BoardWatermark(newest.AppliedAt.AddDays(2)), null);
        var first = await Connector.ListApplicantsAsync(session, null, null);

        page.Applicants.Should().BeEmpty();
        page.NextPage.Should().BeNull();
        page.EmptySinceWatermark.Should().BeTrue("the board searched from the watermark and said it found no one");
        first.Applicants.Should().HaveCount(20);
        first.EmptySinceWatermark.Should().BeFalse();
    }

    [Fact]
    public async Task Details_AskedForOneAfterAnother_WithoutWaiting_GoToTheBoardOneAtATime()
    {
        await using var probed = SimulatorConnector.Create(_base, probe: true);
        await using var session = await probed.Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        var summaries = await probed.ReadAllAsync(session);

        // Every detail of the account asked for at once (more than the runner's one ahead): the session's gate sends them in turn.
        var details = await Task.WhenAll(summaries.Select(s => probed.Connector.GetApplicantDetailAsync(session, s).AsTask()));

        details.Select(d => d.BoardApplicantId).Should().Equal(summaries.Select(s => s.BoardApplicantId));
        details.Should().OnlyContain(d => d.Profile.Name.Full.Length > 0);
        probed.Probe!.Requests.Should().BeGreaterThan(summaries.Count);
        probed.Probe.MostInFlight.Should().Be(1, "one request of a session at a time, whoever asks");
    }

    [Fact]
    public async Task Detail_ReadsEveryProfileFieldFromTheShiftJisPage_AndTheResume()
    {
        var expected = _simulator.Account("acct001").Applicants.First(a => a.Email is not null && a.Phone is not null);
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        var summary = (await _connector.ReadAllAsync(session)).Single(a => a.BoardApplicantId == expected.Id);

        var detail = await Connector.GetApplicantDetailAsync(session, summary);

        detail.Profile.Name.Should().Be(new PersonName(expected.FullName, expected.FamilyName, expected.GivenName, expected.FullKana));
        detail.Profile.BirthDate.Should().Be(expected.BirthDate);
        detail.Profile.Gender.Should().Be(expected.Gender);
        detail.Profile.Phones.Should().Equal(expected.Mobile, expected.Phone);
        detail.Profile.Emails.Should().Equal(expected.Email);
        detail.AppliedAt.Should().Be(expected.AppliedAt);
        detail.PostingId.Should().Be(expected.Posting.Id);
        detail.Attachments.Should().ContainSingle();
        detail.Attachments[0].FileName.Should().Be($"履歴書_{expected.FamilyName}.pdf");
        detail.Attachments[0].ContentType.Should().Be("application/pdf");

        await using var pdf = await Connector.OpenAttachmentAsync(session, detail.Attachments[0]);
        using var reader = new StreamReader(pdf);
        (await reader.ReadToEndAsync()).Should().StartWith("%PDF-1.4").And.Contain(expected.Id);
    }

    [Fact]
    public async Task Detail_KeepsCarrierAddressesAsWritten_AndAcceptsApplicantsWithoutEmail()
    {
        var applicants = _simulator.Accounts.SelectMany(a => a.Applicants.Select(x => (a.LoginId, x))).ToList();
        var (carrierLogin, carrier) = applicants.First(p => p.x.Email?.Contains("..", StringComparison.Ordinal) == true);
        var (noMailLogin, noMail) = applicants.First(p => p.x.Email is null);

        await using (var session = await Connector.LoginAsync(SimulatorConnector.Credentials(carrierLogin)))
        {
            var summary = (await _connector.ReadAllAsync(session)).Single(a => a.BoardApplicantId == carrier.Id);
            (await Connector.GetApplicantDetailAsync(session, summary)).Profile.Emails.Should().Equal(carrier.Email);
        }

        await using (var session = await Connector.LoginAsync(SimulatorConnector.Credentials(noMailLogin)))
        {
            var summary = (await _connector.ReadAllAsync(session)).Single(a => a.BoardApplicantId == noMail.Id);
            var detail = await Connector.GetApplicantDetailAsync(session, summary);
            detail.Profile.Emails.Should().BeEmpty();
            detail.Profile.Name.Full.Should().Be(noMail.FullName);
        }
    }

    [Fact]
    public async Task SessionExpiredMidRun_LogsInAgainOnce_AndContinues()
    {
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        _simulator.Faults.ExpireSessionsAfter(1);

        var applicants = await _connector.ReadAllAsync(session);

        applicants.Should().HaveCount(45);
        _simulator.Stats.Logins.Should().Be(2);
        ((HtmlBoardSession)session).Relogins.Should().Be(1);
    }

    [Fact]
    public async Task SessionExpiringTwice_EndsTheRunAsUnavailable()
    {
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        _simulator.ExpireAllSessions();
        await Connector.ListPostingsAsync(session);
        _simulator.ExpireAllSessions();

        var act = async () => await Connector.ListPostingsAsync(session);
        (await act.Should().ThrowAsync<BoardUnavailableException>()).Which.Message.Should().Contain("ended the session again");
    }

    [Fact]
    public async Task A503Burst_IsRetried()
    {
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        _simulator.Faults.FailNext(3, 503);

        var postings = await Connector.ListPostingsAsync(session);

        postings.Should().NotBeEmpty();
        _simulator.Stats.Faults.Should().Be(3);
    }

    [Fact]
    public async Task A503Storm_EndsAsUnavailableWithTheStatus()
    {
        await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        _simulator.Faults.Down = true;

        var act = async () => await Connector.ListPostingsAsync(session);
        var error = (await act.Should().ThrowAsync<BoardUnavailableException>()).Which;
        error.StatusCode.Should().Be(503);
        error.Health.Should().Be(BoardHealth.Unavailable);
        _simulator.Stats.Faults.Should().Be(5, "one attempt and four retries");
    }

    [Fact]
    public async Task A429WithALongRetryAfter_IsNotWaitedFor()
    {
        await using var connector = SimulatorConnector.Create(_base, o => o.MaxRetryAfter = TimeSpan.FromSeconds(10));
        _simulator.Faults.FailNext(5, 429, TimeSpan.FromMinutes(5));

        var act = async () => await connector.Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        var error = (await act.Should().ThrowAsync<BoardUnavailableException>()).Which;
        error.StatusCode.Should().Be(429);
        error.RetryAfter.Should().Be(TimeSpan.FromMinutes(5));
        _simulator.Stats.Faults.Should().Be(1);
    }

    [Fact]
    public async Task SlowPages_TimeOut_AsUnavailable()
    {
        await using var connector = SimulatorConnector.Create(_base, o => { o.RequestTimeout = TimeSpan.FromSeconds(2); o.MaxRetries = 1; });
        await using var session = await connector.Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        _simulator.Faults.SlowPages = TimeSpan.FromSeconds(20);

        var act = async () => await connector.Connector.ListPostingsAsync(session);
        (await act.Should().ThrowAsync<BoardUnavailableException>()).Which.Message.Should().Contain("did not answer in time");
    }

    [Theory]
    [InlineData(LayoutChange.LoginForm, "form#login-form")]
    [InlineData(LayoutChange.PostingList, "table.postings tr.posting")]
    [InlineData(LayoutChange.ApplicantList, "table.applicants tr.applicant")]
    [InlineData(LayoutChange.DetailField, "dl.profile dd.name")]
    public async Task ChangedLayout_IsReportedWithTheFailingSelector(LayoutChange change, string selector)
    {
        _simulator.Faults.Layout = change;
        var act = async () =>
        {
            await using var session = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
            await Connector.ListPostingsAsync(session);
            var page = await Connector.ListApplicantsAsync(session, null, null);
            await Connector.GetApplicantDetailAsync(session, page.Applicants[0]);
        };

        var error = (await act.Should().ThrowAsync<BoardLayoutChangedException>()).Which;
        error.Selector.Should().Be(selector);
        error.Detail.Should().Be(selector);
        error.Health.Should().Be(BoardHealth.LayoutChanged);
    }

    [Fact]
    public async Task ChangedLayout_IsFixedByEditingTheDefinition()
    {
        _simulator.Faults.Layout = LayoutChange.ApplicantList | LayoutChange.DetailField | LayoutChange.LoginForm;
        var definition = HtmlBoardDefinition.LoadBuiltIn("simulator");
        definition.Login.Form = "form#signin";
        definition.Login.PasswordField = "passwd";
        definition.Applicants.Row = "table.applicants tr.entry-row";
        definition.Detail!.Fields.Name = new HtmlField { Selector = "dl.profile dd.full-name", Required = true };
        await using var fixedConnector = SimulatorConnector.Create(_base, definition: HtmlBoardDefinition.Parse(definition.ToJson()));

        await using var session = await fixedConnector.Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        var applicants = await fixedConnector.ReadAllAsync(session);
        var detail = await fixedConnector.Connector.GetApplicantDetailAsync(session, applicants[0]);

        applicants.Should().HaveCount(45);
        detail.Profile.Name.Full.Should().Be(_simulator.Account("acct001").Applicants[0].FullName);
    }

    [Fact]
    public async Task AnEmptyAccount_ListsNoApplicants_WithoutALayoutChange()
    {
        await using var simulator = new BoardSimulator(new BoardSimulatorOptions { Accounts = 1, ApplicantsPerAccount = 0 });
        await using var connector = SimulatorConnector.Create(await simulator.StartAsync());
        await using var session = await connector.Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));

        var page = await connector.Connector.ListApplicantsAsync(session, null, null);
        page.Applicants.Should().BeEmpty();
        page.NextPage.Should().BeNull();
    }

    [Fact]
    public async Task SessionsOfTwoAccounts_KeepTheirOwnCookies()
    {
        await using var one = await Connector.LoginAsync(SimulatorConnector.Credentials("acct001"));
        await using var two = await Connector.LoginAsync(SimulatorConnector.Credentials("acct002"));

        var first = await Connector.ListApplicantsAsync(one, null, null);
        var second = await Connector.ListApplicantsAsync(two, null, null);

        first.Applicants[0].BoardApplicantId.Should().Be(_simulator.Account("acct001").Applicants[0].Id);
        second.Applicants[0].BoardApplicantId.Should().Be(_simulator.Account("acct002").Applicants[0].Id);
    }
}
