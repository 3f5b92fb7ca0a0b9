namespace Recruiting.MailImport.Subjects;

/// <summary>The reply/forward prefix words and subject tags the parser strips from the start of a subject.</summary>
/// <remarks>
/// A prefix is one of <see cref="Builtin"/> (compared case-insensitively), optionally followed by a counter (<c>Re[2]:</c>,
/// <c>Re(3):</c>, <c>RE^2:</c>), optional white space (French <c>TR :</c>) and a colon, ASCII <c>:</c> or full-width <c>：</c>.
/// A tag is one of <see cref="BuiltinTags"/> written as <c>[TAG]</c>, <c>*TAG*</c> or <c>TAG:</c>.
/// </remarks>
public static class SubjectPrefixes
{
    /// <summary>Gets the built-in reply and forward prefix words of the mail clients in use, by language.</summary>
    public static IReadOnlyList<string> Builtin { get; } =
    [
        // English and what most clients write in every language.
        "Re", "Fwd", "Fw", "Forward", "Fwrd",

        // German.
        "AW", "WG", "Wtr", "Antw", "Antwort", "Weitergeleitet",

        // French.
        "TR", "Réf", "Transf",

        // Spanish.
        "RV", "Reenviar", "Reenviado", "Resp",

        // Italian.
        "R", "I", "Rif", "Inoltro", "Inoltrato",

        // Dutch.
        "Doorst", "Doorgestuurd", "Antwoord",

        // Danish, Norwegian, Swedish, Finnish, Icelandic.
        "SV", "VS", "VB", "VL", "FS", "Videresend", "Videresendt", "Vs", "Vast", "Svar",

        // Polish, Czech, Slovak.
        "Odp", "PD", "Odpowiedź",

        // Hungarian.
        "Vá", "Továbbítás", "Továbbított",

        // Romanian (comma and cedilla variants of ț).
        "Redirecționat", "Redirecţionat", "Răspuns",

        // Croatian, Serbian, Slovenian.
        "Odg", "Prosljeđeno", "Proslijeđeno", "Prosl",

        // Portuguese.
        "RES", "ENC", "Encaminhado", "Encaminhar",

        // Turkish (dotted and dotless I).
        "YNT", "İLT", "ILT", "Ynt", "Cevap",

        // Greek.
        "ΑΠ", "ΣΧΕΤ", "ΠΡΘ", "Απ", "Σχετ", "Πρθ",

        // Russian, Ukrainian, Bulgarian.
        "Ответ", "Отв", "Пересл", "Переслано", "Пересылка", "Відп", "Відповідь", "Пер", "Препратено",

        // Hebrew.
        "השב", "הועבר", "תשובה",

        // Arabic.
        "رد", "إعادة توجيه", "توجيه", "اعادة توجيه",

        // Chinese (simplified and traditional).
        "回复", "答复", "转发", "轉寄", "回覆", "答覆", "轉發", "转寄",

        // Japanese.
        "返信", "転送",

        // Korean.
        "회신", "답장", "전달", "답신",

        // Tags written with a colon.
        "EXTERNAL", "EXT",
    ];

    /// <summary>Gets the built-in tags mail gateways put in front of a subject, stripped as <c>[TAG]</c> or <c>*TAG*</c>.</summary>
    public static IReadOnlyList<string> BuiltinTags { get; } =
    [
        "EXTERNAL", "EXT", "EXTERN", "EXTERNE", "External Email", "External Sender", "External Mail", "Externe E-Mail",
        "Externe Mail", "SPAM", "Suspected Spam", "Possible Spam", "CAUTION", "WARNING", "外部", "外部メール", "외부",
    ];
}
