using System.Globalization;

namespace Recruiting.Automation;

/// <summary>
/// The model rejection templates (e-mail subject and bodies, note text, task title) are rendered against.
/// Templates are Handlebars; only the built-in helpers (<c>if</c>, <c>unless</c>, <c>each</c>, <c>with</c>, <c>lookup</c>) exist,
/// none reaches outside this model. In HTML bodies every <c>{{value}}</c> is HTML-escaped and raw output
/// (<c>{{{value}}}</c>, <c>{{&amp;value}}</c>) is refused. A name not in the model is an error.
/// <list type="table">
/// <item><term><c>candidate.name</c>, <c>candidate.firstName</c>, <c>candidate.lastName</c>, <c>candidate.email</c>, <c>candidate.language</c></term><description>The candidate (first/last name empty when the host knows only the full name).</description></item>
/// <item><term><c>job.title</c></term><description>The job applied to (<c>job</c> is empty for an unsolicited application: guard with <c>{{#if job}}</c>).</description></item>
/// <item><term><c>reason.id</c>, <c>reason.name</c></term><description>The rejection reason.</description></item>
/// <item><term><c>sender.name</c>, <c>sender.email</c></term><description>Who the e-mail comes from (the acting user or the fixed member).</description></item>
/// <item><term><c>company.name</c></term><description>The tenant's company name.</description></item>
/// <item><term><c>application.reference</c></term><description>The application's reference number.</description></item>
/// </list>
/// </summary>
public static class RejectionTemplateModel
{
    /// <summary>The names the model provides, for editors to offer.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "candidate.name", "candidate.firstName", "candidate.lastName", "candidate.email", "candidate.language",
        "job.title", "reason.id", "reason.name", "sender.name", "sender.email", "company.name", "application.reference",
    ];

    /// <summary>Builds the model.</summary>
    /// <param name="candidate">The candidate's profile.</param>
    /// <param name="job">The job, when any.</param>
    /// <param name="reasonId">The reason id.</param>
    /// <param name="reasonName">The reason name.</param>
    /// <param name="sender">The sender, when known.</param>
    /// <param name="companyName">The company name.</param>
    /// <param name="reference">The application's reference.</param>
    /// <returns>The model as nested dictionaries.</returns>
    public static IReadOnlyDictionary<string, object?> Create(CandidateProfile candidate, JobInfo? job, string reasonId, string reasonName, UserInfo? sender, string companyName, string? reference)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["candidate"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = candidate.Name.Full,
                ["firstName"] = candidate.Name.Given ?? string.Empty,
                ["lastName"] = candidate.Name.Family ?? string.Empty,
                ["email"] = candidate.Emails.Count > 0 ? candidate.Emails[0] : string.Empty,
                ["language"] = candidate.Language ?? string.Empty,
            },
            ["job"] = job is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal) { ["title"] = job.Title },
            ["reason"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = reasonId, ["name"] = reasonName },
            ["sender"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = sender?.DisplayName ?? string.Empty, ["email"] = sender?.Email ?? string.Empty },
            ["company"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = companyName },
            ["application"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["reference"] = reference ?? string.Empty },
        };
    }

    /// <summary>A model with every field filled, used to check templates when a rule is saved.</summary>
    internal static IReadOnlyDictionary<string, object?> Sample { get; } = Create(
        new CandidateProfile { Name = new PersonName("Sample Candidate", "Candidate", "Sample"), Emails = ["candidate@example.com"], Language = CultureInfo.InvariantCulture.TwoLetterISOLanguageName },
        new JobInfo(new JobId("sample"), new TenantId("sample"), "Sample job"),
        "sample-reason",
        "Sample reason",
        new UserInfo { Id = new UserId("sample"), Tenant = new TenantId("sample"), Email = "sender@example.com", DisplayName = "Sample Sender" },
        "Sample Company",
        "2024-000000");
}
