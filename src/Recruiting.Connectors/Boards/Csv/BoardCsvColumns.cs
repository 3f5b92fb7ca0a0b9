using System.Collections.Frozen;
using System.Text;

namespace Recruiting.Connectors.Boards;

/// <summary>What a CSV column holds.</summary>
public enum BoardCsvField
{
    /// <summary>The board's applicant id (応募ID, 応募者ID).</summary>
    ApplicantId,

    /// <summary>When the candidate applied (応募日, 応募日時, エントリー日).</summary>
    AppliedAt,

    /// <summary>The full name (氏名, 名前).</summary>
    FullName,

    /// <summary>The family name (姓).</summary>
    FamilyName,

    /// <summary>The given name (名).</summary>
    GivenName,

    /// <summary>The phonetic reading of the full name (フリガナ).</summary>
    Phonetic,

    /// <summary>The phonetic reading of the family name (セイ).</summary>
    PhoneticFamily,

    /// <summary>The phonetic reading of the given name (メイ).</summary>
    PhoneticGiven,

    /// <summary>The birth date (生年月日).</summary>
    BirthDate,

    /// <summary>The gender as written (性別).</summary>
    Gender,

    /// <summary>A phone number (電話番号, 携帯電話); several columns add several numbers.</summary>
    Phone,

    /// <summary>An e-mail address (メールアドレス, E-mail); several columns add several addresses.</summary>
    Email,

    /// <summary>The title of the posting applied to (応募職種, 募集職種, 求人タイトル).</summary>
    PostingTitle,

    /// <summary>The board's id of the posting (求人ID, 原稿ID).</summary>
    PostingId,

    /// <summary>The postal code (郵便番号).</summary>
    PostalCode,

    /// <summary>The prefecture (都道府県).</summary>
    Region,

    /// <summary>The address (住所).</summary>
    Address,
}

/// <summary>
/// Maps CSV headers to fields by synonyms. Headers are compared after folding (NFKC, lower case, white space and
/// <c>-</c> <c>_</c> <c>・</c> removed), so <c>Ｅ－ｍａｉｌ</c>, <c>E-mail</c> and <c>email</c> are one header. Columns that
/// map to no field are kept as the applicant's extra fields under their header as written.
/// </summary>
public sealed class BoardCsvColumns
{
    private readonly FrozenDictionary<string, BoardCsvField> _byFoldedHeader;

    private BoardCsvColumns(IReadOnlyDictionary<BoardCsvField, IReadOnlyList<string>> synonyms)
    {
        Synonyms = synonyms;
        var map = new Dictionary<string, BoardCsvField>(StringComparer.Ordinal);
        foreach (var (field, names) in synonyms)
        {
            foreach (var name in names)
            {
                // A later definition of the same header wins, so a board can move a header to another field.
                map[FoldHeader(name)] = field;
            }
        }

        _byFoldedHeader = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the synonyms per field.</summary>
    public IReadOnlyDictionary<BoardCsvField, IReadOnlyList<string>> Synonyms { get; }

    /// <summary>Gets the default columns, shared by the registered boards.</summary>
    public static BoardCsvColumns Default { get; } = new(new Dictionary<BoardCsvField, IReadOnlyList<string>>
    {
        [BoardCsvField.ApplicantId] = ["応募ID", "応募者ID", "応募No", "応募者No", "応募番号", "応募者番号", "エントリーID", "エントリーNo", "応募管理番号"],
        [BoardCsvField.AppliedAt] = ["応募日", "応募日時", "エントリー日", "エントリー日時", "応募受付日", "応募受付日時"],
        [BoardCsvField.FullName] = ["氏名", "名前", "お名前", "氏名(漢字)", "応募者氏名", "応募者名"],
        [BoardCsvField.FamilyName] = ["姓", "氏名(姓)", "姓(漢字)"],
        [BoardCsvField.GivenName] = ["名", "氏名(名)", "名(漢字)"],
        [BoardCsvField.Phonetic] = ["フリガナ", "ふりがな", "氏名(フリガナ)", "氏名(カナ)", "氏名カナ", "カナ氏名", "フリガナ氏名"],
        [BoardCsvField.PhoneticFamily] = ["セイ", "姓(フリガナ)", "姓(カナ)", "フリガナ(姓)"],
        [BoardCsvField.PhoneticGiven] = ["メイ", "名(フリガナ)", "名(カナ)", "フリガナ(名)"],
        [BoardCsvField.BirthDate] = ["生年月日", "誕生日"],
        [BoardCsvField.Gender] = ["性別"],
        [BoardCsvField.Phone] = ["電話番号", "携帯電話", "携帯電話番号", "携帯番号", "自宅電話番号", "電話", "TEL", "連絡先電話番号"],
        [BoardCsvField.Email] = ["メールアドレス", "E-mail", "Eメール", "Eメールアドレス", "メール", "mail", "PCメールアドレス", "携帯メールアドレス"],
        [BoardCsvField.PostingTitle] = ["応募職種", "募集職種", "求人タイトル", "求人名", "職種名", "応募求人", "応募求人名", "求人情報タイトル"],
        [BoardCsvField.PostingId] = ["求人ID", "求人番号", "原稿ID", "原稿No", "求人No"],
        [BoardCsvField.PostalCode] = ["郵便番号"],
        [BoardCsvField.Region] = ["都道府県"],
        [BoardCsvField.Address] = ["住所", "現住所"],
    });

    /// <summary>Returns columns with more synonyms for one field (a board's own header names).</summary>
    /// <param name="field">The field.</param>
    /// <param name="synonyms">The header names.</param>
    /// <returns>New columns.</returns>
    public BoardCsvColumns With(BoardCsvField field, params string[] synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        var copy = Synonyms.ToDictionary(kv => kv.Key, kv => kv.Value);
        copy[field] = [.. (copy.TryGetValue(field, out var existing) ? existing : []), .. synonyms];
        return new BoardCsvColumns(copy);
    }

    /// <summary>Finds the field of a header.</summary>
    /// <param name="header">The header as written.</param>
    /// <param name="field">The field.</param>
    /// <returns>Whether the header names a field.</returns>
    public bool TryMap(string header, out BoardCsvField field) => _byFoldedHeader.TryGetValue(FoldHeader(header ?? string.Empty), out field);

    /// <summary>Folds a header for comparison.</summary>
    /// <param name="header">The header.</param>
    /// <returns>The folded header.</returns>
    public static string FoldHeader(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var normalized = header.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '・' or '\uFEFF')
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
