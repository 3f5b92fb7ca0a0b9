using System.Collections.Frozen;

namespace Recruiting.MailImport.Unwrapping;

/// <summary>The header field of an inline forward's header block.</summary>
internal enum ForwardField
{
    Unknown,
    From,
    Date,
    To,
    Cc,
    Subject,
    ReplyTo,
    Other,
}

/// <summary>Localised labels and separator lines mail clients write when they forward a message inline.</summary>
internal static class ForwardLabels
{
    /// <summary>Gets the labels of header lines (compared case-insensitively, without the colon).</summary>
    public static FrozenDictionary<string, ForwardField> Fields { get; } = BuildFields();

    /// <summary>Gets the longest label, in characters.</summary>
    public static int MaxLabelLength { get; } = Fields.Keys.Max(k => k.Length);

    /// <summary>Gets the words of separator lines written between dashes (<c>-----Original Message-----</c>), lower case.</summary>
    public static IReadOnlyList<string> DashedSeparators { get; } =
    [
        "original message", "forwarded message", "forwarded message follows", "forwarded e-mail", "forwarded email",
        "ursprüngliche nachricht", "weitergeleitete nachricht", "original-nachricht", "originalnachricht",
        "message d'origine", "message transféré", "message transfere", "message original", "courriel original",
        "mensaje original", "mensaje reenviado", "messaggio originale", "messaggio inoltrato",
        "oorspronkelijk bericht", "doorgestuurd bericht", "originalbericht",
        "originalmeddelande", "vidarebefordrat meddelande", "opprinnelig melding", "videresendt melding",
        "oprindelig meddelelse", "videresendt meddelelse", "alkuperäinen viesti", "välitetty viesti", "upprunaleg skilaboð",
        "wiadomość oryginalna", "oryginalna wiadomość", "przekazana wiadomość", "wiadomość przekazana",
        "původní zpráva", "přeposlaná zpráva", "pôvodná správa", "preposlaná správa", "eredeti üzenet", "továbbított üzenet",
        "mesaj original", "mesaj redirecționat", "mesaj redirecţionat", "mesajul original", "izvorna poruka", "izvorna pošta",
        "proslijeđena poruka", "prosljeđena poruka", "mensagem original", "mensagem encaminhada", "mensagem reencaminhada",
        "orijinal mesaj", "özgün ileti", "iletilen ileti", "iletilmiş ileti", "αρχικό μήνυμα", "προωθημένο μήνυμα",
        "исходное сообщение", "пересылаемое сообщение", "пересланное сообщение", "оригинальное сообщение",
        "початкове повідомлення", "переслане повідомлення", "вихідне повідомлення", "הודעה מקורית", "הודעה שהועברה",
        "الرسالة الأصلية", "رسالة معاد توجيهها", "الرسالة المعاد توجيهها", "原始邮件", "原始郵件", "转发的邮件", "轉寄的郵件",
        "轉寄郵件", "转发邮件", "元のメッセージ", "転送メッセージ", "転送されたメッセージ", "원본 메시지", "전달된 메시지",
        // Yahoo Mail and Thunderbird wordings (crisp-oss/email-forward-parser, lib/parser.js).
        "edelleenlähetetty viesti", "välitetty viesti / fwd.msg", "message transmis", "iletilmiş mesaj", "iletilen ileti",
        "treść przekazanej wiadomości", "preposlaná správa --- forwarded message", "перенаправленное сообщение",
        "перенаправлене повідомлення",
    ];

    /// <summary>Gets whole separator lines (lower case, colon optional) such as Apple Mail's <c>Begin forwarded message:</c>.</summary>
    public static IReadOnlyList<string> LineSeparators { get; } =
    [
        "begin forwarded message", "anfang der weitergeleiteten nachricht", "début du message réexpédié", "début du message transféré",
        "inicio del mensaje reenviado", "comienzo del mensaje reenviado", "inizio messaggio inoltrato", "begin doorgestuurd bericht",
        "vidarebefordrat mejl", "vidarebefordrat brev", "videresendt e-post", "välitetty viesti alkaa",
        "początek przekazywanej wiadomości", "začiatok preposlanej správy", "továbbított levél kezdete",
        "início da mensagem reencaminhada", "início da mensagem encaminhada", "αρχή προωθημένου μηνύματος", "начало переадресованного сообщения",
        "начало пересылаемого сообщения", "תחילת הודעה שהועברה", "بداية الرسالة المُعاد توجيهها",
        "转发的邮件", "以下为转发的邮件", "轉寄的郵件", "転送されたメッセージ", "転送メッセージ", "전달된 메시지", "forwarded message",
        // Apple Mail's own wordings per locale (crisp-oss/email-forward-parser, lib/parser.js, "separator").
        "start på videresendt besked", "začátek přeposílané zprávy", "započni proslijeđenu poruku", "videresendt melding",
        "începe mesajul redirecționat", "începe mesajul redirecţionat", "ileti başlangıcı", "початок листа, що пересилається",
    ];

    /// <summary>
    /// Gets the language of a header block when one of its labels names it and the language reads dates differently from its
    /// neighbours: <c>hr</c> (Croatian <c>listopad</c> is October, Polish and Czech <c>listopad</c> November), else <see langword="null"/>.
    /// </summary>
    /// <param name="headers">The block's header lines, label first.</param>
    /// <returns>The language code, or <see langword="null"/>.</returns>
    public static string? LanguageOf(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (label, _) in headers)
        {
            if (CroatianLabels.Contains(label))
            {
                return "hr";
            }
        }

        return null;
    }

    private static readonly FrozenSet<string> CroatianLabels =
        new[] { "Šalje", "Salje", "Pošiljatelj", "Poslano", "Prima", "Naslov", "Odgovori na", "Kopija" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the words of a forward separator of an unknown language check: a dashed line of at most this many characters counts.</summary>
    public const int MaxGenericSeparatorLength = 60;

    private static FrozenDictionary<string, ForwardField> BuildFields()
    {
        var map = new Dictionary<string, ForwardField>(StringComparer.OrdinalIgnoreCase);
        Add(ForwardField.From,
            "From", "Von", "De", "Da", "Van", "Från", "Fra", "Frá", "Lähettäjä", "Od", "Feladó", "Šalje", "Salje", "Pošiljatelj",
            "Gönderen", "Kimden", "Από", "От", "Від", "מאת", "من", "发件人", "發件人", "寄件者", "寄件人", "差出人", "送信者",
            "보낸 사람", "보낸사람", "Remitente", "Mittente", "Afzender", "Avsändare", "Avsender", "Afsender", "Expéditeur", "Expediteur",
            "Absender", "Nadawca", "Odesílatel", "Odosielateľ", "Expeditor", "Remetente", "Αποστολέας", "Отправитель", "Відправник", "Sender",
            "De la", "Expeditorul", "Від кого");
        Add(ForwardField.Date,
            "Sent", "Date", "Gesendet", "Datum", "Envoyé", "Envoye", "Enviado el", "Enviado", "Enviada", "Enviada em", "Enviado em",
            "Fecha", "Inviato", "Data", "Verzonden", "Skickat", "Sendt", "Dato", "Lähetetty", "Päivämäärä", "Sent (UTC)", "Dagsetning",
            "Wysłano", "Wysłane", "Odesláno", "Odoslané", "Elküldve", "Dátum", "Trimis", "Dată", "Poslano", "Gönderildi", "Tarih",
            "Gönderim", "Στάλθηκε", "Ημερομηνία", "Отправлено", "Дата", "Надіслано", "נשלח", "תאריך", "تاريخ الإرسال", "التاريخ",
            "أرسلت", "تم الإرسال", "发送时间", "發送時間", "日期", "寄件日期", "送信日時", "日付", "送信日", "보낸 날짜", "날짜", "Sent at", "Wann",
            "Päiväys", "Gönderilen", "Відправлено");
        Add(ForwardField.To,
            "To", "An", "À", "A", "Para", "Aan", "Till", "Til", "Vastaanottaja", "Do", "Címzett", "Către", "Catre", "Prima", "Alıcı",
            "Kime", "Προς", "Кому", "אל", "إلى", "الى", "收件人", "收件者", "宛先", "받는 사람", "받는사람", "Destinatario",
            "Destinataire", "Empfänger", "Odbiorca", "Příjemce", "Destinatário", "Komu", "Pre", "Destinatarul", "Pour", "Adresat");
        Add(ForwardField.Cc,
            "Cc", "Kopie", "Copie", "Copia", "Kopia", "Másolatot kap", "Másolat", "Kopija", "Bilgi", "Κοιν", "Копия", "Копія",
            "עותק", "نسخة", "نسخة إلى", "抄送", "副本", "CC（写し）", "참조", "Kopio", "Kopi", "DW", "Kópia", "Kopie (CC)", "Copie à");
        Add(ForwardField.Subject,
            "Subject", "Betreff", "Objet", "Asunto", "Oggetto", "Onderwerp", "Ämne", "Emne", "Aihe", "Efni", "Temat", "Předmět",
            "Predmet", "Tárgy", "Subiect", "Assunto", "Konu", "Θέμα", "Тема", "נושא", "الموضوع", "主题", "主題", "主旨", "件名", "제목",
            "Sujet", "Subiectul", "Naslov");
        Add(ForwardField.ReplyTo, "Reply-To", "Antwort an", "Répondre à", "Odgovori na", "Odpověď na", "Svar til", "Antwoord aan", "Rispondi a",
            "Responder a", "Răspuns către", "Ответ-Кому", "Svara till", "Yanıt Adresi", "Кому відповісти", "Válaszcím", "Odpowiedź-do");
        Add(ForwardField.Other, "Bcc", "Importance", "Wichtigkeit", "Priorität", "Attachments", "Anlagen", "Pièces jointes", "Anhang", "Anhänge", "Adjuntos");
        return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        void Add(ForwardField field, params string[] labels)
        {
            foreach (var label in labels)
            {
                map.TryAdd(label, field);
            }
        }
    }
}
