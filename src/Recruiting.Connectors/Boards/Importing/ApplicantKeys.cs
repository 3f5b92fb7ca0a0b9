using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// The idempotency key of a board applicant (ARCHITECTURE.md principle 2): board + account + the board's applicant id,
/// or, when the board gives none, board + account + a SHA-256 fingerprint of the normalised e-mail (else phone), name,
/// birth date, posting and applied date. Automatic runs and manual files make the same key for the same applicant, so
/// one never imports what the other did. The fingerprint is hashed so that no personal data sits in the ledger's keys.
/// </summary>
internal static class ApplicantKeys
{
    public const string Scope = "board";

    public static IdempotencyKey For(string board, string account, BoardApplicant applicant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var id = applicant.BoardApplicantId is { } raw ? raw.Normalize(NormalizationForm.FormKC).Trim() : string.Empty;
        return id.Length > 0
            ? IdempotencyKey.Create(Scope, board, account, "id", id)
            : IdempotencyKey.Create(Scope, board, account, "fp", Fingerprint(applicant, zone));
    }

    /// <summary>The fingerprint of an applicant without a board id (lowercase hex SHA-256).</summary>
    public static string Fingerprint(BoardApplicant applicant, TimeZoneInfo zone)
    {
        var profile = applicant.Profile;
        var contact = profile.Emails.Select(NormalizeEmail).FirstOrDefault(e => e.Length > 0)
            ?? profile.Phones.Select(NormalizePhone).FirstOrDefault(p => p.Length > 0)
            ?? string.Empty;
        var name = NormalizeName(profile.Name.Full);
        var birth = profile.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
        var posting = applicant.PostingId is { } postingId && postingId.Trim().Length > 0
            ? "id:" + postingId.Normalize(NormalizationForm.FormKC).Trim()
            : "title:" + PostingMatch.FoldTitle(applicant.PostingTitle ?? string.Empty);
        var applied = applicant.AppliedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
        var joined = string.Join('\u001F', contact, name, birth, posting, applied);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
    }

    /// <summary>NFKC, trimmed, lower case: <c>Taro@Example.JP</c> and <c>ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ</c> are one address (dots are kept: carrier addresses differ by them).</summary>
    public static string NormalizeEmail(string email) => email.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();

    /// <summary>Digits only, after NFKC; a leading +81 becomes the domestic 0: <c>+81 90-1234-5678</c>, <c>090(1234)5678</c> and <c>０９０－１２３４－５６７８</c> are one number.</summary>
    public static string NormalizePhone(string phone)
    {
        var normalized = phone.Normalize(NormalizationForm.FormKC).Trim();
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        var digits = builder.ToString();
        return normalized.StartsWith('+') && digits.StartsWith("81", StringComparison.Ordinal) ? "0" + digits[2..] : digits;
    }

    /// <summary>NFKC, lower case, white space removed: <c>山田　太郎</c> and <c>山田 太郎</c> are one name.</summary>
    public static string NormalizeName(string name)
    {
        var normalized = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
