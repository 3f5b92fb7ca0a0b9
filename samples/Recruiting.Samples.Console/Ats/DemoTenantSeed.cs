using Microsoft.Data.Sqlite;

namespace Recruiting.Samples.Console.Ats;

/// <summary>
/// The ATS side of the seeded demo tenant (ARCHITECTURE.md): tenant <c>demo</c> in Asia/Tokyo, users, one demo job
/// every board posting maps to, a talent pool, and applications 2024-000101 to 2024-000120 whose responsible HR
/// manager is hr@demo.example.
/// </summary>
public static class DemoTenantSeed
{
    public static JobId DemoJob { get; } = new("job-demo");

    public static TalentPoolId DemoPool { get; } = new("pool-silver-medalists");

    public static UserId HrManager { get; } = new("user-hr");

    public static UserId Recruiter { get; } = new("user-recruiter");

    public static UserId DepartmentUser { get; } = new("user-department");

    public static UserId Coordinator { get; } = new("user-coordinator");

    public const string FirstReference = "2024-000101";

    public const string LastReference = "2024-000120";

    private static readonly string[] AllPermissions =
    [
        Permissions.ManageAutomaticActions, Permissions.EditJobs, Permissions.SendEmail, Permissions.SendSms, Permissions.AddNotes,
        Permissions.AddTasks, Permissions.Tag, Permissions.ManageFollowers, Permissions.Assign, Permissions.Reject, Permissions.ManageClients,
        Permissions.ManageImports, Permissions.RequestReferences,
    ];

    private static readonly (string Family, string Given, string Phonetic, string Email, string Phone, string Language)[] People =
    [
        ("山田", "太郎", "ヤマダ タロウ", "taro.yamada@example.jp", "090-1234-5678", "ja"),
        ("佐藤", "花子", "サトウ ハナコ", "hanako.sato@example.jp", "080-2345-6789", "ja"),
        ("Müller", "Anna", "", "anna.mueller@example.de", "+49 151 23456789", "de"),
        ("Dubois", "Claire", "", "claire.dubois@example.fr", "+33 6 12 34 56 78", "fr"),
        ("Andersson", "Erik", "", "erik.andersson@example.se", "+46 70 123 45 67", "sv"),
        ("Иванова", "Мария", "", "maria.ivanova@example.ru", "+7 912 345-67-89", "ru"),
        ("鈴木", "一郎", "スズキ イチロウ", "ichiro.suzuki@example.jp", "070-3456-7890", "ja"),
        ("Schmidt", "Jonas", "", "jonas.schmidt@example.de", "+49 160 9876543", "de"),
        ("Martin", "Louis", "", "louis.martin@example.fr", "+33 7 98 76 54 32", "fr"),
        ("Smith", "Olivia", "", "olivia.smith@example.com", "+44 7700 900123", "en"),
    ];

    internal static async Task SeedAsync(MiniAts ats, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        const string Tenant = "demo";
        await MiniAts.ExecAsync(connection, transaction, """
            INSERT INTO ats_tenants (id, name, time_zone, default_language, notification_addresses, notification_sender)
            VALUES ('demo', 'Demo K.K.', 'Asia/Tokyo', 'ja', '["hr@demo.example"]', 'recruiting@demo.example');
            """, cancellationToken).ConfigureAwait(false);

        (UserId Id, string Email, string Name, string[] Roles, string[] Permissions)[] users =
        [
            (HrManager, "hr@demo.example", "Hana Tanaka (HR)", [Roles.HrManager, Roles.Admin], AllPermissions),
            (Recruiter, "recruiter@demo.example", "Kenji Ito (Recruiter)", [Roles.Recruiter],
                [Permissions.SendEmail, Permissions.AddNotes, Permissions.AddTasks, Permissions.Tag, Permissions.ManageFollowers, Permissions.Assign, Permissions.Reject, Permissions.RequestReferences]),
            (DepartmentUser, "dept@demo.example", "Yuki Mori (Department)", [Roles.DepartmentUser], [Permissions.AddNotes, Permissions.Reject]),
            (Coordinator, "team@demo.example", "Recruiting Team", [Roles.Recruiter], [Permissions.SendEmail, Permissions.AddNotes, Permissions.AddTasks]),
        ];
        foreach (var user in users)
        {
            await MiniAts.ExecAsync(connection, transaction, """
                INSERT INTO ats_users (tenant, id, email, display_name, phone, roles, permissions, active)
                VALUES ($t, $id, $email, $name, '03-1234-5678', $roles, $perms, 1);
                """, cancellationToken,
                ("$t", Tenant), ("$id", user.Id.Value), ("$email", user.Email), ("$name", user.Name), ("$roles", MiniAts.Json(user.Roles)), ("$perms", MiniAts.Json(user.Permissions))).ConfigureAwait(false);
        }

        StageInfo[] stages =
        [
            new(new StageId("new"), "新規応募"),
            new(new StageId("screening"), "書類選考"),
            new(new StageId("interview"), "面接"),
            new(new StageId("offer"), "内定"),
            new(new StageId("rejected"), "不採用", IsRejected: true),
        ];
        await MiniAts.ExecAsync(connection, transaction, """
            INSERT INTO ats_jobs (tenant, id, title, flow, stages, recruiters) VALUES ($t, $id, 'Demo job: Software Engineer / ソフトウェアエンジニア', 'flow-standard', $stages, $recruiters);
            INSERT INTO ats_jobs (tenant, id, title, flow, stages, recruiters) VALUES ($t, 'job-references', 'Reference checks (unsolicited)', 'flow-standard', $stages, $recruiters);
            INSERT INTO ats_talent_pools (tenant, id, name) VALUES ($t, $pool, 'Silver medalists');
            """, cancellationToken,
            ("$t", Tenant), ("$id", DemoJob.Value), ("$stages", MiniAts.Json(stages)), ("$recruiters", MiniAts.Json(new[] { Recruiter, HrManager })), ("$pool", DemoPool.Value)).ConfigureAwait(false);

        var appliedAt = new DateTimeOffset(2024, 10, 1, 9, 0, 0, TimeSpan.FromHours(9));
        for (var i = 0; i < 20; i++)
        {
            var person = People[i % People.Length];
            var n = 101 + i;
            var candidate = $"cand-demo-{n}";
            var local = person.Email.Split('@');
            var profile = new CandidateProfile
            {
                Name = person.Language is "ja"
                    ? new PersonName($"{person.Family} {person.Given}", person.Family, person.Given, person.Phonetic)
                    : new PersonName($"{person.Given} {person.Family}", person.Family, person.Given),
                Emails = [i < People.Length ? person.Email : $"{local[0]}{n}@{local[1]}"],
                Phones = [person.Phone],
                Language = person.Language,
                BirthDate = new DateOnly(1990 + (i % 10), 1 + (i % 12), 1 + i),
                Skills = ["C#", "SQL"],
                Categories = ["Engineering"],
                SocialLinks = [$"https://www.linkedin.com/in/demo-{n}"],
                ResumeText = $"{person.Given} {person.Family}. Contact: {person.Email}, {person.Phone}. Software engineer with 5 years of C# and SQL.",
            };
            await MiniAts.ExecAsync(connection, transaction, "INSERT INTO ats_candidates (tenant, id, profile) VALUES ($t, $id, $p);", cancellationToken,
                ("$t", Tenant), ("$id", candidate), ("$p", MiniAts.Json(profile))).ConfigureAwait(false);
            await MiniAts.ExecAsync(connection, transaction, """
                INSERT INTO ats_applications (tenant, id, reference, candidate, job, stage, status, responsible, applied_at, source)
                VALUES ($t, $id, $ref, $c, $j, 'screening', 'active', $resp, $at, 'seed');
                """, cancellationToken,
                ("$t", Tenant), ("$id", $"app-demo-{n}"), ("$ref", $"2024-000{n}"), ("$c", candidate), ("$j", DemoJob.Value),
                ("$resp", MiniAts.Json(new[] { HrManager })), ("$at", appliedAt.AddDays(i).ToUnixTimeMilliseconds())).ConfigureAwait(false);
        }

        _ = ats;
    }
}
