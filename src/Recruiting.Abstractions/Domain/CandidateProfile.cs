namespace Recruiting;

/// <summary>A person's name as boards and ATSs carry it, including the phonetic reading used in Japan (フリガナ).</summary>
/// <param name="Full">The full name as written (氏名).</param>
/// <param name="Family">The family name, when known separately (姓).</param>
/// <param name="Given">The given name, when known separately (名).</param>
/// <param name="Phonetic">The phonetic reading (フリガナ / セイ＋メイ), when known.</param>
public sealed record PersonName(string Full, string? Family = null, string? Given = null, string? Phonetic = null)
{
    /// <summary>Builds a name from family and given parts, joined the way the culture writes them.</summary>
    /// <param name="family">The family name.</param>
    /// <param name="given">The given name.</param>
    /// <param name="familyFirst">Whether the family name comes first (true for Japanese, Chinese, Korean, Hungarian).</param>
    /// <returns>The name.</returns>
    public static PersonName FromParts(string family, string given, bool familyFirst = true)
        => new(familyFirst ? $"{family} {given}".Trim() : $"{given} {family}".Trim(), family, given);
}

/// <summary>A postal address.</summary>
/// <param name="Lines">Street lines as written.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="City">City or municipality.</param>
/// <param name="Region">Prefecture, state or region.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code, when known.</param>
public sealed record PostalAddress(
    IReadOnlyList<string> Lines,
    string? PostalCode = null,
    string? City = null,
    string? Region = null,
    string? Country = null);

/// <summary>A candidate's profile as the SDK exchanges it with the host.</summary>
public sealed record CandidateProfile
{
    /// <summary>Gets the candidate's name.</summary>
    public required PersonName Name { get; init; }

    /// <summary>Gets the e-mail addresses, kept as written (carrier addresses that break the RFC included).</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Gets the phone numbers as written.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Gets the postal address.</summary>
    public PostalAddress? Address { get; init; }

    /// <summary>Gets the birth date.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Gets the gender as the source wrote it.</summary>
    public string? Gender { get; init; }

    /// <summary>Gets the candidate's preferred language (BCP 47, e.g. <c>ja</c>, <c>de-CH</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Gets the skills.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Gets the categories (fields of work, tags of the résumé database).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Gets links to social profiles (LinkedIn, GitHub …).</summary>
    public IReadOnlyList<string> SocialLinks { get; init; } = [];

    /// <summary>Gets messenger ids (Telegram, WhatsApp, Skype …) as <c>kind:id</c>.</summary>
    public IReadOnlyList<string> MessengerIds { get; init; } = [];

    /// <summary>Gets the résumé as text, when the host has it.</summary>
    public string? ResumeText { get; init; }
}

/// <summary>A candidate known to the host.</summary>
/// <param name="Id">The candidate id.</param>
/// <param name="Tenant">The tenant owning the candidate.</param>
/// <param name="Profile">The profile.</param>
public sealed record Candidate(CandidateId Id, TenantId Tenant, CandidateProfile Profile);
