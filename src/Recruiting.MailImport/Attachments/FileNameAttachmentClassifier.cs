using System.Globalization;
using System.Text;

namespace Recruiting.MailImport.Attachments;

/// <summary>
/// The default <see cref="IAttachmentClassifier"/>: recognises CVs, cover letters and certificates from words in the file name in
/// the languages of <see cref="Subjects.SubjectPrefixes"/> (CV, résumé, Lebenslauf, 履歴書, 職務経歴書; cover letter, Anschreiben,
/// lettre de motivation; certificate, Zeugnis, diploma, 証明書 …). Thread-safe.
/// </summary>
/// <remarks>
/// The name (without extension) is lower-cased, stripped of accents (<c>résumé</c> = <c>resume</c>), split at camel case and
/// at every character that is not a letter. Short Latin keywords (up to 4 letters, like <c>cv</c>) must be whole words; longer ones
/// may be part of a compound (<c>Arbeitszeugnis</c>, <c>Bewerbungsanschreiben</c>, <c>coverletter</c>); keywords in scripts without
/// spaces (Chinese, Japanese, Korean …) match anywhere. When several kinds match, CV wins over cover letter, which wins over
/// certificate. Audio, video, calendar, contact and executable files are always <see cref="DocumentKind.Other"/>.
/// </remarks>
public sealed class FileNameAttachmentClassifier : IAttachmentClassifier
{
    private static readonly string[] CvKeywords =
    [
        "cv", "c v", "resume", "resumes", "curriculum", "curriculum vitae", "vitae", "lebenslauf", "lebenslaeufe", "lebenslaufe",
        "werdegang", "curriculo", "hoja de vida", "levensloop", "levnadsbeskrivning", "ansioluettelo", "zivotopis", "zyciorys",
        "oneletrajz", "ozgecmis", "biografie", "cv-ul", "резюме", "автобиография", "βιογραφικο", "קורות חיים", "السيرة الذاتية",
        "سيرة ذاتية", "简历", "履历", "履歷", "履歴書", "職務経歴書", "経歴書", "職歴", "rirekisho", "shokumukeirekisho", "이력서",
        "경력기술서", "경력증명서",
    ];

    private static readonly string[] CoverLetterKeywords =
    [
        "cover letter", "covering letter", "coverletter", "motivation letter", "letter of motivation", "motivational letter",
        "application letter", "letter of application", "anschreiben", "motivationsschreiben", "bewerbungsschreiben",
        "lettre de motivation", "lettre motivation", "carta de presentacion", "carta de motivacion", "carta presentacion",
        "lettera di presentazione", "lettera motivazionale", "lettera di motivazione", "motivatiebrief", "sollicitatiebrief",
        "personligt brev", "ansøgning", "ansokan", "søknad", "hakemus", "saatekirje", "list motywacyjny", "motivacni dopis",
        "motivacny list", "motivacios level", "kiserolevel", "scrisoare de intentie", "scrisoare de motivare", "motivacijsko pismo",
        "propratno pismo", "carta de apresentacao", "carta de motivacao", "on yazi", "niyet mektubu", "συνοδευτικη επιστολη",
        "сопроводительное письмо", "мотивационное письмо", "мотиваційний лист", "супровідний лист", "מכתב מקדים", "מכתב פנייה",
        "خطاب تغطية", "رسالة تغطية", "خطاب تقديم", "求职信", "自荐信", "求職信", "自薦信", "送付状", "添え状", "カバーレター",
        "志望動機", "자기소개서", "커버레터",
    ];

    private static readonly string[] CertificateKeywords =
    [
        "certificate", "certificates", "cert", "certification", "zeugnis", "zeugnisse", "arbeitszeugnis", "zertifikat",
        "zertifikate", "urkunde", "diploma", "diplom", "diplome", "certificat", "certificado", "certificato", "certificaat",
        "getuigschrift", "transcript", "reference letter", "letter of reference", "recommendation letter",
        "letter of recommendation", "empfehlungsschreiben", "referenzschreiben", "attestation", "betyg", "todistus",
        "swiadectwo", "vysvedceni", "vysvedcenie", "bizonyitvany", "svjedodzba", "certidao", "sertifika", "πιστοποιητικο",
        "πτυχιο", "сертификат", "диплом", "свидетельство", "תעודה", "شهادة", "证书", "證書", "毕业证", "学位证", "成绩单",
        "証明書", "卒業証明", "成績証明", "資格", "免許", "증명서", "자격증", "졸업증명서",
    ];

    private static readonly string[] NeverDocumentExtensions =
    [
        ".ics", ".vcs", ".vcf", ".exe", ".dll", ".bat", ".cmd", ".com", ".scr", ".js", ".vbs", ".ps1", ".msi", ".lnk",
    ];

    private static readonly Keyword[] Keywords = Build();

    /// <inheritdoc />
    public DocumentKind Classify(string fileName, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName);
        if (NeverDocumentExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)
            || (contentType is not null && (contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
                || contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
                || contentType.StartsWith("text/calendar", StringComparison.OrdinalIgnoreCase)
                || contentType.StartsWith("text/vcard", StringComparison.OrdinalIgnoreCase)
                || contentType.StartsWith("text/x-vcard", StringComparison.OrdinalIgnoreCase))))
        {
            return DocumentKind.Other;
        }

        var stem = extension.Length > 0 && extension.Length < fileName.Length ? fileName[..^extension.Length] : fileName;
        var words = " " + Normalize(stem, splitCamelCase: true) + " ";
        var joined = words.Replace(" ", string.Empty, StringComparison.Ordinal);
        var best = DocumentKind.Other;
        foreach (var keyword in Keywords)
        {
            if (Rank(keyword.Kind) <= Rank(best))
            {
                continue;
            }

            var hit = keyword.Mode switch
            {
                MatchMode.Word => words.Contains(keyword.Spaced, StringComparison.Ordinal),
                MatchMode.Compound => words.Contains(keyword.Spaced, StringComparison.Ordinal) || joined.Contains(keyword.Joined, StringComparison.Ordinal),
                _ => joined.Contains(keyword.Joined, StringComparison.Ordinal),
            };

            if (hit)
            {
                best = keyword.Kind;
            }
        }

        return best;
    }

    /// <summary>Lower-cases, removes accents and separates words with single spaces.</summary>
    internal static string Normalize(string text, bool splitCamelCase)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 8);
        var previous = UnicodeCategory.SpaceSeparator;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetter(c))
            {
                if (splitCamelCase && category == UnicodeCategory.UppercaseLetter && previous == UnicodeCategory.LowercaseLetter)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }

            previous = category;
        }

        return builder.ToString().Trim().Normalize(NormalizationForm.FormC);
    }

    private static int Rank(DocumentKind kind) => kind switch
    {
        DocumentKind.Cv => 3,
        DocumentKind.CoverLetter => 2,
        DocumentKind.Certificate => 1,
        _ => 0,
    };

    private static Keyword[] Build()
    {
        var list = new List<Keyword>();
        Add(CvKeywords, DocumentKind.Cv);
        Add(CoverLetterKeywords, DocumentKind.CoverLetter);
        Add(CertificateKeywords, DocumentKind.Certificate);
        return [.. list];

        void Add(string[] keywords, DocumentKind kind)
        {
            foreach (var raw in keywords)
            {
                var spaced = Normalize(raw, splitCamelCase: false);
                var joined = spaced.Replace(" ", string.Empty, StringComparison.Ordinal);
                var latin = joined.All(c => c < 0x0590);
                var mode = !latin ? MatchMode.Anywhere : joined.Length <= 4 ? MatchMode.Word : MatchMode.Compound;
                list.Add(new Keyword(kind, " " + spaced + " ", joined, mode));
            }
        }
    }

    private enum MatchMode
    {
        Word,
        Compound,
        Anywhere,
    }

    private sealed record Keyword(DocumentKind Kind, string Spaced, string Joined, MatchMode Mode);
}
