namespace Recruiting.Samples.BoardSimulator;

/// <summary>How a <see cref="BoardSimulator"/> is set up: where it listens, how much seeded data it serves, session lifetime.</summary>
public sealed class BoardSimulatorOptions
{
    /// <summary>Gets or sets the TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the number of employer accounts (login ids <c>acct001</c>, <c>acct002</c> …).</summary>
    public int Accounts { get; set; } = 2;

    /// <summary>Gets or sets the number of applicants seeded per account.</summary>
    public int ApplicantsPerAccount { get; set; } = 45;

    /// <summary>Gets or sets the number of postings per account; the last third of them have ended.</summary>
    public int PostingsPerAccount { get; set; } = 4;

    /// <summary>Gets or sets the number of applicants per list page.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>Gets or sets the seed of the generated data (same seed, same data).</summary>
    public int Seed { get; set; } = 20261120;

    /// <summary>Gets or sets the instant of the newest seeded application; older ones go back from it.</summary>
    public DateTimeOffset NewestApplication { get; set; } = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(9));

    /// <summary>Gets or sets how long a session cookie stays valid after login.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets whether applicant detail pages are served in Shift_JIS (the list and the CSV export always are / are not, see README).</summary>
    public bool DetailPagesInShiftJis { get; set; } = true;

    /// <summary>Gets or sets the clock used for sessions and for the date of applicants added at run time.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the board name shown in page titles.</summary>
    public string BoardName { get; set; } = "シミュレーター転職";

    /// <summary>Gets the password of an account's login id in the seeded data.</summary>
    /// <param name="loginId">The login id.</param>
    /// <returns>The password.</returns>
    public static string PasswordOf(string loginId) => "pw-" + loginId + "!";

    /// <summary>Gets the login id of the account at a 1-based index.</summary>
    /// <param name="index">The index.</param>
    /// <returns>The login id.</returns>
    public static string LoginIdOf(int index) => $"acct{index:000}";
}
