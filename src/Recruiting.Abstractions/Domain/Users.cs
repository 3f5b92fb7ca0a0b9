namespace Recruiting;

/// <summary>Well-known permission names; hosts map their own roles onto them.</summary>
public static class Permissions
{
    /// <summary>May create, edit and delete automatic actions on rejection reasons.</summary>
    public const string ManageAutomaticActions = "automation.manage";

    /// <summary>May edit jobs.</summary>
    public const string EditJobs = "jobs.edit";

    /// <summary>May send e-mail to candidates.</summary>
    public const string SendEmail = "email.send";

    /// <summary>May send SMS to candidates.</summary>
    public const string SendSms = "sms.send";

    /// <summary>May add notes.</summary>
    public const string AddNotes = "notes.add";

    /// <summary>May add tasks.</summary>
    public const string AddTasks = "tasks.add";

    /// <summary>May tag candidates.</summary>
    public const string Tag = "candidates.tag";

    /// <summary>May add followers.</summary>
    public const string ManageFollowers = "candidates.followers";

    /// <summary>May assign candidates to jobs and talent pools.</summary>
    public const string Assign = "candidates.assign";

    /// <summary>May reject applications.</summary>
    public const string Reject = "applications.reject";

    /// <summary>May manage hiring clients.</summary>
    public const string ManageClients = "clients.manage";

    /// <summary>May manage board accounts and import settings.</summary>
    public const string ManageImports = "imports.manage";

    /// <summary>May request reference checks.</summary>
    public const string RequestReferences = "references.request";
}

/// <summary>Well-known role names.</summary>
public static class Roles
{
    /// <summary>Administrator.</summary>
    public const string Admin = "admin";

    /// <summary>HR manager (Personalmanager).</summary>
    public const string HrManager = "hrManager";

    /// <summary>Department user (Fachbereich).</summary>
    public const string DepartmentUser = "departmentUser";

    /// <summary>Recruiter.</summary>
    public const string Recruiter = "recruiter";
}

/// <summary>A user of the host.</summary>
public sealed record UserInfo
{
    /// <summary>Gets the user id.</summary>
    public required UserId Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>Gets the e-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the phone number, when known.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the roles.</summary>
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets the permissions the roles grant.</summary>
    public IReadOnlySet<string> Permissions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets whether the user is active (has not left).</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>Whether the user holds a permission.</summary>
    /// <param name="permission">The permission.</param>
    /// <returns><see langword="true"/> when the user is active and holds it.</returns>
    public bool Has(string permission) => IsActive && Permissions.Contains(permission);
}
