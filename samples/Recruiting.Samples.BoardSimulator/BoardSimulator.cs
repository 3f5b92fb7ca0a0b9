using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Recruiting.Samples.BoardSimulator;

/// <summary>
/// A realistic job-board employer console served by Kestrel on 127.0.0.1: login form with a CSRF token, session
/// cookie with expiry, posting list, paginated applicant list (newest first), detail pages (Shift_JIS), résumé
/// download, CSV export (Shift_JIS), and fault switches. Usable in process (<see cref="StartAsync"/> /
/// <see cref="DisposeAsync"/>) and as an executable.
/// </summary>
public sealed class BoardSimulator : IAsyncDisposable
{
    /// <summary>The session cookie's name.</summary>
    public const string SessionCookie = "SIMSESSION";

    /// <summary>The anti-forgery cookie's name (its value must come back in the form's hidden <c>__csrf</c> field).</summary>
    public const string CsrfCookie = "SIMCSRF";

    private static readonly Encoding ShiftJis = CreateShiftJis();

    private readonly BoardSimulatorOptions _options;
    private readonly Dictionary<string, SimulatedAccount> _accounts;
    private readonly ConcurrentDictionary<string, (SimulatedAccount Account, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);
    private readonly SimulatorDataGenerator _generator;
    private readonly Random _runtimeRandom;
    private readonly object _addGate = new();
    private WebApplication? _app;

    /// <summary>Initializes a new instance of the <see cref="BoardSimulator"/> class and generates its data.</summary>
    /// <param name="options">The options, or the defaults.</param>
    public BoardSimulator(BoardSimulatorOptions? options = null)
    {
        _options = options ?? new BoardSimulatorOptions();
        _generator = new SimulatorDataGenerator(_options);
        _runtimeRandom = new Random(_options.Seed ^ 0x5A5A);
        var accounts = _generator.CreateAccounts();
        Accounts = accounts;
        _accounts = accounts.ToDictionary(a => a.LoginId, StringComparer.Ordinal);
    }

    /// <summary>Gets the fault switches.</summary>
    public SimulatorFaults Faults { get; } = new();

    /// <summary>Gets the request counters.</summary>
    public SimulatorStats Stats { get; } = new();

    /// <summary>Gets the accounts.</summary>
    public IReadOnlyList<SimulatedAccount> Accounts { get; }

    /// <summary>Gets the base address once started.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>Gets the options.</summary>
    public BoardSimulatorOptions Options => _options;

    /// <summary>Gets an account by login id.</summary>
    /// <param name="loginId">The login id.</param>
    /// <returns>The account.</returns>
    public SimulatedAccount Account(string loginId) => _accounts[loginId];

    /// <summary>Ends every session now (the next request of a logged-in client is sent to the login page).</summary>
    public void ExpireAllSessions() => _sessions.Clear();

    /// <summary>Adds applicants to an account, newer than every existing one (for "new since last run" tests).</summary>
    /// <param name="loginId">The account.</param>
    /// <param name="count">How many.</param>
    /// <returns>The applicants added, newest first.</returns>
    public IReadOnlyList<SimulatedApplicant> AddApplicants(string loginId, int count)
    {
        var account = Account(loginId);
        var added = new List<SimulatedApplicant>(count);
        lock (_addGate)
        {
            for (var i = 0; i < count; i++)
            {
                var now = _options.TimeProvider.GetUtcNow().ToOffset(TimeSpan.FromHours(9));
                var newest = account.Newest();
                var at = newest is { } n && n >= now.AddMinutes(-1) ? n.AddMinutes(1) : now;
                var applicant = _generator.CreateApplicant(_runtimeRandom, account, at);
                account.AddNewest(applicant);
                added.Insert(0, applicant);
            }
        }

        return added;
    }

    /// <summary>Starts serving on 127.0.0.1.</summary>
    /// <param name="cancellationToken">A token to cancel the start.</param>
    /// <returns>The base address (for example <c>http://127.0.0.1:50123/</c>).</returns>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The simulator is already started.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _options.Port));
        var app = builder.Build();
        Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return BaseAddress;
    }

    /// <summary>Waits until the simulator is stopped (Ctrl+C when run as an executable).</summary>
    /// <returns>A task completing on shutdown.</returns>
    public Task WaitForShutdownAsync() => _app?.WaitForShutdownAsync() ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Encoding CreateShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (!path.StartsWith("/_sim", StringComparison.Ordinal))
            {
                if (Faults.TryTakeFailure(out var status, out var retryAfter))
                {
                    Stats.Fault();
                    context.Response.StatusCode = status;
                    if (retryAfter is { } wait)
                    {
                        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    }

                    await context.Response.WriteAsync(status == 429 ? "Too Many Requests" : "Service Unavailable").ConfigureAwait(false);
                    return;
                }

                if (Faults.SlowPages > TimeSpan.Zero)
                {
                    await Task.Delay(Faults.SlowPages, context.RequestAborted).ConfigureAwait(false);
                }
            }

            await next(context).ConfigureAwait(false);
        });

        app.MapGet("/", () => Results.Redirect("/console"));
        app.MapGet("/login", (HttpContext c) => LoginPage(c, null, c.Request.Query.ContainsKey("expired")));
        app.MapPost("/login", (Delegate)PostLogin);
        app.MapGet("/logout", (HttpContext c) =>
        {
            if (c.Request.Cookies.TryGetValue(SessionCookie, out var id))
            {
                _sessions.TryRemove(id, out _);
            }

            c.Response.Cookies.Delete(SessionCookie);
            return Results.Redirect("/login");
        });
        app.MapGet("/console", (HttpContext c) => Authenticated(c, a =>
        {
            Stats.HomePage();
            return Html(SimulatorPages.Home(_options.BoardName, a), utf8: true);
        }));
        app.MapGet("/console/postings", (HttpContext c) => Authenticated(c, a =>
        {
            Stats.PostingPage();
            return Html(SimulatorPages.Postings(_options.BoardName, a, Faults.Layout), utf8: true);
        }));
        app.MapGet("/console/applicants", (HttpContext c) => Authenticated(c, a =>
        {
            var page = int.TryParse(c.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
            // The console's 応募日 search: ?from=yyyy-MM-dd (JST), kept by the pager's links.
            DateOnly? from = DateOnly.TryParseExact(c.Request.Query["from"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
            var (applicants, total) = a.Page(page, _options.PageSize, from);
            Stats.ListPage(applicants.Count, from is not null);
            return Html(SimulatorPages.Applicants(_options.BoardName, applicants, page, total, _options.PageSize, Faults.Layout, from), utf8: true);
        }));
        app.MapGet("/console/applicants/{id}", (HttpContext c, string id) => Authenticated(c, a =>
        {
            if (a.Find(id) is not { } applicant)
            {
                return Results.NotFound();
            }

            if (Faults.IsDetailPageFailing(id))
            {
                Stats.Fault();
                return Results.StatusCode(503);
            }

            Stats.DetailPage();
            return Html(SimulatorPages.Detail(_options.BoardName, applicant, _options.DetailPagesInShiftJis, Faults.Layout), utf8: !_options.DetailPagesInShiftJis);
        }));
        app.MapGet("/console/applicants/{id}/resume.pdf", (HttpContext c, string id) => Authenticated(c, a =>
        {
            if (a.Find(id) is not { } applicant)
            {
                return Results.NotFound();
            }

            Stats.Resume();
            return Results.File(SimulatorPages.Resume(applicant), "application/pdf", $"resume_{applicant.Id}.pdf");
        }));
        app.MapGet("/console/export.csv", (HttpContext c) => Authenticated(c, a =>
        {
            Stats.Export();
            var applicants = a.Applicants;
            if (DateTimeOffset.TryParseExact(c.Request.Query["since"], "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var since))
            {
                var jstSince = new DateTimeOffset(since.DateTime, TimeSpan.FromHours(9));
                applicants = [.. applicants.Where(x => x.AppliedAt > jstSince)];
            }

            return Results.File(ShiftJis.GetBytes(SimulatorPages.Csv(applicants)), "text/csv; charset=Shift_JIS", $"applicants_{a.LoginId}.csv");
        }));

        app.MapPost("/_sim/faults", (FaultRequest request) =>
        {
            if (request.Reset == true)
            {
                Faults.Reset();
            }

            if (request.FailNext is { } n)
            {
                Faults.FailNext(n, request.Status ?? 503, request.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
            }

            if (request.SlowMilliseconds is { } ms)
            {
                Faults.SlowPages = TimeSpan.FromMilliseconds(ms);
            }

            if (request.ExpireSessionsAfter is { } e)
            {
                Faults.ExpireSessionsAfter(e);
            }

            if (request.Layout is { } layout)
            {
                Faults.Layout = layout.Aggregate(LayoutChange.None, (acc, name) => acc | Enum.Parse<LayoutChange>(name, ignoreCase: true));
            }

            if (request.Down is { } down)
            {
                Faults.Down = down;
            }

            return Results.NoContent();
        });
        app.MapPost("/_sim/applicants", (AddRequest request) =>
            _accounts.ContainsKey(request.LoginId)
                ? Results.Ok(AddApplicants(request.LoginId, request.Count).Select(a => a.Id).ToArray())
                : Results.NotFound());
        app.MapGet("/_sim/accounts", () => Results.Ok(Accounts.Select(a => new { a.LoginId, a.Password, applicants = a.Applicants.Count }).ToArray()));
    }

    private IResult LoginPage(HttpContext context, string? error, bool expired)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(CsrfCookie, token, new CookieOptions { HttpOnly = true, Path = "/", SameSite = SameSiteMode.Strict });
        return Html(SimulatorPages.Login(_options.BoardName, token, error, expired, Faults.Layout), utf8: true);
    }

    private async Task<IResult> PostLogin(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var posted = form["__csrf"].ToString();
        var cookie = context.Request.Cookies[CsrfCookie] ?? string.Empty;
        if (posted.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(posted), Encoding.ASCII.GetBytes(cookie)))
        {
            Stats.FailedLogin();
            return Results.Text("不正なリクエストです (CSRF token)", "text/plain; charset=utf-8", statusCode: 400);
        }

        var loginId = form["login_id"].ToString();
        var password = form[Faults.Layout.HasFlag(LayoutChange.LoginForm) ? "passwd" : "password"].ToString();
        if (!_accounts.TryGetValue(loginId, out var account)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(account.Password)))
        {
            Stats.FailedLogin();
            return Faults.RedirectRefusedLogins ? Results.Redirect("/login?error=1") : LoginPage(context, "ログインIDまたはパスワードが正しくありません。", expired: false);
        }

        Stats.Login();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _sessions[id] = (account, _options.TimeProvider.GetUtcNow() + _options.SessionLifetime);
        context.Response.Cookies.Append(SessionCookie, id, new CookieOptions { HttpOnly = true, Path = "/", MaxAge = _options.SessionLifetime, SameSite = SameSiteMode.Lax });
        context.Response.Cookies.Delete(CsrfCookie);
        var target = form["return"].ToString();
        return Results.Redirect(target.StartsWith("/console", StringComparison.Ordinal) ? target : "/console");
    }

    private IResult Authenticated(HttpContext context, Func<SimulatedAccount, IResult> page)
    {
        if (Faults.CountAuthenticatedRequest())
        {
            _sessions.Clear();
        }

        if (context.Request.Cookies.TryGetValue(SessionCookie, out var id) && _sessions.TryGetValue(id, out var session))
        {
            if (session.Expires > _options.TimeProvider.GetUtcNow())
            {
                return page(session.Account);
            }

            _sessions.TryRemove(id, out _);
        }

        return Results.Redirect("/login?expired=1");
    }

    private static IResult Html(string html, bool utf8) => utf8
        ? Results.Text(html, "text/html; charset=utf-8", Encoding.UTF8)
        : Results.Bytes(ShiftJis.GetBytes(html), "text/html; charset=Shift_JIS");

    private sealed record FaultRequest(bool? Reset, int? FailNext, int? Status, int? RetryAfterSeconds, int? SlowMilliseconds, int? ExpireSessionsAfter, string[]? Layout, bool? Down);

    private sealed record AddRequest(string LoginId, int Count);
}
