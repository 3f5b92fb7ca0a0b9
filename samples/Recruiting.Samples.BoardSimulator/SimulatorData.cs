using System.Globalization;

namespace Recruiting.Samples.BoardSimulator;

/// <summary>A posting of a simulated account.</summary>
public sealed record SimulatedPosting(string Id, string Title, bool Published, DateTimeOffset PublishedAt, DateTimeOffset? EndedAt);

/// <summary>An applicant of a simulated account, as the board stores it.</summary>
public sealed record SimulatedApplicant
{
    /// <summary>Gets the board's applicant id (<c>A</c> + digits).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the posting applied to.</summary>
    public required SimulatedPosting Posting { get; init; }

    /// <summary>Gets the family name (姓).</summary>
    public required string FamilyName { get; init; }

    /// <summary>Gets the given name (名).</summary>
    public required string GivenName { get; init; }

    /// <summary>Gets the family name's reading (セイ).</summary>
    public required string FamilyKana { get; init; }

    /// <summary>Gets the given name's reading (メイ).</summary>
    public required string GivenKana { get; init; }

    /// <summary>Gets the birth date.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>Gets the gender as the board writes it (男性/女性/回答しない).</summary>
    public required string Gender { get; init; }

    /// <summary>Gets the mobile phone.</summary>
    public required string Mobile { get; init; }

    /// <summary>Gets the landline, when given.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the e-mail address as written (carrier addresses may break the RFC), or null.</summary>
    public string? Email { get; init; }

    /// <summary>Gets when the candidate applied (minute precision, JST).</summary>
    public required DateTimeOffset AppliedAt { get; init; }

    /// <summary>Gets the full name as the board shows it.</summary>
    public string FullName => FamilyName + " " + GivenName;

    /// <summary>Gets the reading as the board shows it.</summary>
    public string FullKana => FamilyKana + " " + GivenKana;
}

/// <summary>One employer account of the simulated board with its postings and applicants (newest first).</summary>
public sealed class SimulatedAccount
{
    private readonly List<SimulatedApplicant> _applicants = [];
    private readonly object _gate = new();

    internal SimulatedAccount(int index, string loginId, string password, string company)
    {
        Index = index;
        LoginId = loginId;
        Password = password;
        Company = company;
    }

    /// <summary>Gets the 1-based index.</summary>
    public int Index { get; }

    /// <summary>Gets the login id.</summary>
    public string LoginId { get; }

    /// <summary>Gets or sets the password (tests change it to simulate a password changed on the board).</summary>
    public string Password { get; set; }

    /// <summary>Gets the company name.</summary>
    public string Company { get; }

    /// <summary>Gets the postings.</summary>
    public IReadOnlyList<SimulatedPosting> Postings { get; internal set; } = [];

    /// <summary>Gets a snapshot of the applicants, newest first.</summary>
    public IReadOnlyList<SimulatedApplicant> Applicants
    {
        get
        {
            lock (_gate)
            {
                return [.. _applicants];
            }
        }
    }

    internal void AddNewest(SimulatedApplicant applicant)
    {
        lock (_gate)
        {
            _applicants.Insert(0, applicant);
        }
    }

    internal void AddOldest(SimulatedApplicant applicant)
    {
        lock (_gate)
        {
            _applicants.Add(applicant);
        }
    }

    internal SimulatedApplicant? Find(string id)
    {
        lock (_gate)
        {
            return _applicants.Find(a => string.Equals(a.Id, id, StringComparison.Ordinal));
        }
    }

    /// <summary>A page of the applicant list, newest first; with <paramref name="from"/>, only those who applied on that day (JST) or later, as the console's 応募日 search does.</summary>
    internal (IReadOnlyList<SimulatedApplicant> Page, int Total) Page(int page, int size, DateOnly? from = null)
    {
        lock (_gate)
        {
            var matching = from is { } day
                ? _applicants.FindAll(a => DateOnly.FromDateTime(a.AppliedAt.ToOffset(TimeSpan.FromHours(9)).DateTime) >= day)
                : _applicants;
            var start = (page - 1) * size;
            if (start >= matching.Count || start < 0)
            {
                return ([], matching.Count);
            }

            return (matching.GetRange(start, Math.Min(size, matching.Count - start)), matching.Count);
        }
    }

    internal DateTimeOffset? Newest()
    {
        lock (_gate)
        {
            return _applicants.Count == 0 ? null : _applicants[0].AppliedAt;
        }
    }
}

/// <summary>Makes the simulator's deterministic data: Japanese names with readings, carrier e-mail addresses, phones, dates.</summary>
internal sealed class SimulatorDataGenerator
{
    private static readonly (string Kanji, string Kana, string Romaji)[] FamilyNames =
    [
        ("山田", "ヤマダ", "yamada"), ("佐藤", "サトウ", "sato"), ("鈴木", "スズキ", "suzuki"), ("高橋", "タカハシ", "takahashi"),
        ("田中", "タナカ", "tanaka"), ("伊藤", "イトウ", "ito"), ("渡辺", "ワタナベ", "watanabe"), ("中村", "ナカムラ", "nakamura"),
        ("小林", "コバヤシ", "kobayashi"), ("加藤", "カトウ", "kato"), ("吉田", "ヨシダ", "yoshida"), ("山本", "ヤマモト", "yamamoto"),
        ("斎藤", "サイトウ", "saito"), ("松本", "マツモト", "matsumoto"), ("井上", "イノウエ", "inoue"), ("木村", "キムラ", "kimura"),
    ];

    private static readonly (string Kanji, string Kana, string Romaji, string Gender)[] GivenNames =
    [
        ("太郎", "タロウ", "taro", "男性"), ("花子", "ハナコ", "hanako", "女性"), ("翔太", "ショウタ", "shota", "男性"),
        ("美咲", "ミサキ", "misaki", "女性"), ("健一", "ケンイチ", "kenichi", "男性"), ("陽菜", "ヒナ", "hina", "女性"),
        ("大輔", "ダイスケ", "daisuke", "男性"), ("さくら", "サクラ", "sakura", "女性"), ("蓮", "レン", "ren", "男性"),
        ("結衣", "ユイ", "yui", "女性"), ("悠真", "ユウマ", "yuma", "男性"), ("葵", "アオイ", "aoi", "回答しない"),
    ];

    private static readonly string[] PostingTitles =
    [
        "法人営業（未経験歓迎）", "Webエンジニア（バックエンド）", "経理スタッフ", "カスタマーサポート", "人事・採用担当",
        "店舗スタッフ（正社員）", "ITコンサルタント", "事務職（週3日～）",
    ];

    private static readonly string[] Companies = ["株式会社サンプル商事", "テスト工業株式会社", "例示ホールディングス株式会社", "有限会社モック"];

    private readonly BoardSimulatorOptions _options;
    private int _nextApplicantNumber;

    public SimulatorDataGenerator(BoardSimulatorOptions options)
    {
        _options = options;
        _nextApplicantNumber = 100001;
    }

    public List<SimulatedAccount> CreateAccounts()
    {
        var accounts = new List<SimulatedAccount>(_options.Accounts);
        for (var i = 1; i <= _options.Accounts; i++)
        {
            var loginId = BoardSimulatorOptions.LoginIdOf(i);
            var account = new SimulatedAccount(i, loginId, BoardSimulatorOptions.PasswordOf(loginId), Companies[(i - 1) % Companies.Length]);
            // Not HashCode.Combine: its seed changes with every process, and the data must be the same on every run.
            var random = new Random(unchecked((_options.Seed * 486187739) + (i * 16777619)) & 0x7FFFFFFF);
            account.Postings = CreatePostings(i, random);
            var at = _options.NewestApplication;
            for (var n = 0; n < _options.ApplicantsPerAccount; n++)
            {
                account.AddOldest(CreateApplicant(random, account, at));
                at = at.AddMinutes(-random.Next(7, 181));
            }

            accounts.Add(account);
        }

        return accounts;
    }

    public SimulatedApplicant CreateApplicant(Random random, SimulatedAccount account, DateTimeOffset appliedAt)
    {
        var number = Interlocked.Increment(ref _nextApplicantNumber) - 1;
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var given = GivenNames[random.Next(GivenNames.Length)];
        // Applicants go to published postings, and a few to ended ones (still imported during the grace period or not at all).
        var posting = account.Postings[random.Next(10) < 8 ? random.Next(PublishedCount(account)) : random.Next(account.Postings.Count)];
        var birth = new DateOnly(1965, 1, 1).AddDays(random.Next(0, 365 * 38));
        var mobile = string.Create(CultureInfo.InvariantCulture, $"0{(random.Next(3) switch { 0 => 90, 1 => 80, _ => 70 })}-{random.Next(1000, 10000)}-{random.Next(1000, 10000)}");
        string? email = (number % 13) switch
        {
            0 => null, // no e-mail given
            1 => $"{given.Romaji}..{family.Romaji}.@docomo.ne.jp", // carrier address breaking the RFC, kept as written
            2 => $"{family.Romaji}.{given.Romaji}.@ezweb.ne.jp",
            3 => $"{given.Romaji}-{number}@softbank.ne.jp",
            _ => $"{given.Romaji}.{family.Romaji}{number % 1000}@example.jp",
        };
        return new SimulatedApplicant
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"A{number}"),
            Posting = posting,
            FamilyName = family.Kanji,
            GivenName = given.Kanji,
            FamilyKana = family.Kana,
            GivenKana = given.Kana,
            BirthDate = birth,
            Gender = given.Gender,
            Mobile = mobile,
            Phone = number % 5 == 0 ? string.Create(CultureInfo.InvariantCulture, $"03-{random.Next(1000, 10000)}-{random.Next(1000, 10000)}") : null,
            Email = email,
            AppliedAt = new DateTimeOffset(appliedAt.Year, appliedAt.Month, appliedAt.Day, appliedAt.Hour, appliedAt.Minute, 0, appliedAt.Offset),
        };
    }

    private static int PublishedCount(SimulatedAccount account) => Math.Max(1, account.Postings.Count(p => p.Published));

    private List<SimulatedPosting> CreatePostings(int accountIndex, Random random)
    {
        var postings = new List<SimulatedPosting>();
        var count = Math.Max(1, _options.PostingsPerAccount);
        var ended = count / 3;
        var jst = TimeSpan.FromHours(9);
        for (var p = 0; p < count; p++)
        {
            var published = p < count - ended;
            var start = new DateTimeOffset(_options.NewestApplication.Date, jst).AddDays(-random.Next(20, 90));
            // Ended postings: one ended 3 days before the newest application (inside a 7-day grace), others long ago.
            DateTimeOffset? end = published
                ? start.AddDays(120)
                : new DateTimeOffset(_options.NewestApplication.Date, jst).AddDays(p == count - ended ? -3 : -30);
            var id = string.Create(CultureInfo.InvariantCulture, $"J{accountIndex:000}{p + 1:00}");
            postings.Add(new SimulatedPosting(id, PostingTitles[(accountIndex + p) % PostingTitles.Length], published, start, end));
        }

        return postings;
    }
}
