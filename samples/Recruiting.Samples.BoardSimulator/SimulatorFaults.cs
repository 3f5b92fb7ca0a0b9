namespace Recruiting.Samples.BoardSimulator;

/// <summary>Layout changes the simulator can make, as a board's redesign would.</summary>
[Flags]
public enum LayoutChange
{
    /// <summary>The normal layout.</summary>
    None = 0,

    /// <summary>The login form's id and the password field's name change.</summary>
    LoginForm = 1,

    /// <summary>The posting rows get another CSS class.</summary>
    PostingList = 2,

    /// <summary>The applicant rows get another CSS class (the list looks empty to an old definition, while the total still says how many).</summary>
    ApplicantList = 4,

    /// <summary>The detail page loses the name field's class (a required field goes missing).</summary>
    DetailField = 8,
}

/// <summary>
/// Fault switches, settable from tests (in process) or over HTTP (<c>POST /_sim/faults</c>). Every member is thread-safe.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly object _gate = new();
    private int _failRemaining;
    private int _failStatus = 503;
    private TimeSpan? _retryAfter;
    private int _expireAfterRequests = -1;
    private HashSet<string> _failingDetails = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the layout changes in force.</summary>
    public LayoutChange Layout { get; set; }

    /// <summary>Gets or sets the delay added to every console page (a slow board).</summary>
    public TimeSpan SlowPages { get; set; }

    /// <summary>Gets or sets whether every request fails with 503 (the board is down) until cleared.</summary>
    public bool Down { get; set; }

    /// <summary>Gets or sets whether a refused login redirects back to the login page (as some consoles do) instead of showing it with the error.</summary>
    public bool RedirectRefusedLogins { get; set; }

    /// <summary>Makes the next <paramref name="count"/> console requests fail with a status (503 or 429) and a Retry-After.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="statusCode">The status (503, 429 …).</param>
    /// <param name="retryAfter">The Retry-After to send, when any (sent in whole seconds).</param>
    public void FailNext(int count, int statusCode = 503, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _failRemaining = count;
            _failStatus = statusCode;
            _retryAfter = retryAfter;
        }
    }

    /// <summary>Ends every session after <paramref name="requests"/> more authenticated requests (a session expiring mid-run); once.</summary>
    /// <param name="requests">The number of authenticated requests still served.</param>
    public void ExpireSessionsAfter(int requests)
    {
        lock (_gate)
        {
            _expireAfterRequests = requests;
        }
    }

    /// <summary>Makes the detail pages of these applicants answer 503 until <see cref="Reset"/> (one broken page on a healthy board).</summary>
    /// <param name="applicantIds">The applicants' ids.</param>
    public void FailDetailPagesOf(params string[] applicantIds)
    {
        lock (_gate)
        {
            _failingDetails = new HashSet<string>(applicantIds, StringComparer.Ordinal);
        }
    }

    /// <summary>Clears every fault.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _failRemaining = 0;
            _expireAfterRequests = -1;
            _retryAfter = null;
            _failingDetails = new(StringComparer.Ordinal);
            Layout = LayoutChange.None;
            SlowPages = TimeSpan.Zero;
            Down = false;
        }
    }

    internal bool TryTakeFailure(out int status, out TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            if (Down)
            {
                status = 503;
                retryAfter = null;
                return true;
            }

            if (_failRemaining > 0)
            {
                _failRemaining--;
                status = _failStatus;
                retryAfter = _retryAfter;
                return true;
            }

            status = 0;
            retryAfter = null;
            return false;
        }
    }

    internal bool IsDetailPageFailing(string applicantId)
    {
        lock (_gate)
        {
            return _failingDetails.Contains(applicantId);
        }
    }

    /// <summary>Counts an authenticated request; true when sessions must end now.</summary>
    internal bool CountAuthenticatedRequest()
    {
        lock (_gate)
        {
            if (_expireAfterRequests < 0)
            {
                return false;
            }

            if (_expireAfterRequests == 0)
            {
                _expireAfterRequests = -1;
                return true;
            }

            _expireAfterRequests--;
            return false;
        }
    }
}

/// <summary>Request counters, for tests and benchmarks.</summary>
public sealed class SimulatorStats
{
    private int _logins;
    private int _failedLogins;
    private int _homePages;
    private int _postingPages;
    private int _listPages;
    private int _filteredListPages;
    private int _listRows;
    private int _detailPages;
    private int _resumes;
    private int _exports;
    private int _faults;

    /// <summary>Gets the successful logins.</summary>
    public int Logins => Volatile.Read(ref _logins);

    /// <summary>Gets the refused logins.</summary>
    public int FailedLogins => Volatile.Read(ref _failedLogins);

    /// <summary>Gets the console home pages served (where a login redirects).</summary>
    public int HomePages => Volatile.Read(ref _homePages);

    /// <summary>Gets the posting list pages served.</summary>
    public int PostingPages => Volatile.Read(ref _postingPages);

    /// <summary>Gets the applicant list pages served.</summary>
    public int ListPages => Volatile.Read(ref _listPages);

    /// <summary>Gets the applicant list pages served for a search by applied date (<c>?from=</c>).</summary>
    public int FilteredListPages => Volatile.Read(ref _filteredListPages);

    /// <summary>Gets the applicant rows served on list pages.</summary>
    public int ListRows => Volatile.Read(ref _listRows);

    /// <summary>Gets the detail pages served.</summary>
    public int DetailPages => Volatile.Read(ref _detailPages);

    /// <summary>Gets the résumés served.</summary>
    public int Resumes => Volatile.Read(ref _resumes);

    /// <summary>Gets the CSV exports served.</summary>
    public int Exports => Volatile.Read(ref _exports);

    /// <summary>Gets the injected failures served.</summary>
    public int Faults => Volatile.Read(ref _faults);

    internal void Login() => Interlocked.Increment(ref _logins);

    internal void FailedLogin() => Interlocked.Increment(ref _failedLogins);

    internal void HomePage() => Interlocked.Increment(ref _homePages);

    internal void PostingPage() => Interlocked.Increment(ref _postingPages);

    internal void ListPage(int rows, bool filtered)
    {
        Interlocked.Increment(ref _listPages);
        Interlocked.Add(ref _listRows, rows);
        if (filtered)
        {
            Interlocked.Increment(ref _filteredListPages);
        }
    }

    internal void DetailPage() => Interlocked.Increment(ref _detailPages);

    internal void Resume() => Interlocked.Increment(ref _resumes);

    internal void Export() => Interlocked.Increment(ref _exports);

    internal void Fault() => Interlocked.Increment(ref _faults);
}
