using System.Net;

namespace Recruiting.Connectors.Boards.Html;

/// <summary>A logged-in session of the HTML connector: its own cookies, its request gate and the detail links read from list pages.</summary>
internal sealed class HtmlBoardSession : BoardSession
{
    public HtmlBoardSession(BoardCredentials credentials, DateTimeOffset openedAt, Uri baseAddress, HttpClient client)
        : base(credentials, openedAt)
    {
        BaseAddress = baseAddress;
        Client = client;
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; set; } = new();

    /// <summary>Held for each request of the session (and a new login in between): one request at a time, whoever asks.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Detail page addresses by board applicant id, filled from list pages.</summary>
    public Dictionary<string, Uri> DetailLinks { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times the session logged in again after the board ended it.</summary>
    public int Relogins { get; set; }

    /// <summary>How many applicant list pages were read.</summary>
    public int ListPagesRead { get; set; }

    protected override async ValueTask DisposeAsyncCore()
    {
        Client.Dispose();
        Gate.Dispose();
        DetailLinks.Clear();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
