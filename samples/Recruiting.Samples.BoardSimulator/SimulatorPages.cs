using System.Globalization;
using System.Net;
using System.Text;

namespace Recruiting.Samples.BoardSimulator;

/// <summary>Renders the employer console's pages. Class names change with <see cref="LayoutChange"/>, as a redesign would.</summary>
internal static class SimulatorPages
{
    public const string DateTimeFormat = "yyyy/MM/dd HH:mm";
    public const string DateFormat = "yyyy/MM/dd";

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static string Head(string title, string charset) =>
        $"<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"{charset}\"><title>{E(title)}</title></head><body>\n";

    public static string Login(string board, string csrf, string? error, bool expired, LayoutChange layout)
    {
        var formId = layout.HasFlag(LayoutChange.LoginForm) ? "signin" : "login-form";
        var passwordName = layout.HasFlag(LayoutChange.LoginForm) ? "passwd" : "password";
        var sb = new StringBuilder(Head(board + " 企業様ログイン", "utf-8"));
        sb.Append("<header><h1>").Append(E(board)).Append(" 採用管理画面</h1></header>\n");
        if (expired)
        {
            sb.Append("<p class=\"notice\">セッションの有効期限が切れました。再度ログインしてください。</p>\n");
        }

        if (error is not null)
        {
            sb.Append("<p class=\"error login-error\">").Append(E(error)).Append("</p>\n");
        }

        sb.Append("<form id=\"").Append(formId).Append("\" method=\"post\" action=\"/login\">\n")
          .Append("<input type=\"hidden\" name=\"__csrf\" value=\"").Append(E(csrf)).Append("\">\n")
          .Append("<input type=\"hidden\" name=\"return\" value=\"/console\">\n")
          .Append("<label>ログインID <input type=\"text\" name=\"login_id\"></label>\n")
          .Append("<label>パスワード <input type=\"password\" name=\"").Append(passwordName).Append("\"></label>\n")
          .Append("<button type=\"submit\">ログイン</button>\n</form>\n</body></html>");
        return sb.ToString();
    }

    public static string Home(string board, SimulatedAccount account) =>
        Head(board + " 採用管理画面", "utf-8")
        + $"<p class=\"company\">{E(account.Company)}</p>\n<nav><a class=\"postings-link\" href=\"/console/postings\">求人一覧</a> <a class=\"applicants-link\" href=\"/console/applicants\">応募者一覧</a> <a class=\"export-link\" href=\"/console/export.csv\">CSVダウンロード</a> <a class=\"logout\" href=\"/logout\">ログアウト</a></nav>\n</body></html>";

    public static string Postings(string board, SimulatedAccount account, LayoutChange layout)
    {
        var row = layout.HasFlag(LayoutChange.PostingList) ? "job-row" : "posting";
        var sb = new StringBuilder(Head(board + " 求人一覧", "utf-8"));
        sb.Append("<p class=\"company\">").Append(E(account.Company)).Append("</p>\n<table class=\"postings\">\n")
          .Append("<tr><th>求人ID</th><th>求人タイトル</th><th>掲載状況</th><th>掲載開始日</th><th>掲載終了日</th></tr>\n");
        foreach (var p in account.Postings)
        {
            sb.Append("<tr class=\"").Append(row).Append("\" data-posting-id=\"").Append(E(p.Id)).Append("\">")
              .Append("<td class=\"posting-id\">").Append(E(p.Id)).Append("</td>")
              .Append("<td class=\"posting-title\">").Append(E(p.Title)).Append("</td>")
              .Append("<td class=\"posting-status\">").Append(p.Published ? "掲載中" : "掲載終了").Append("</td>")
              .Append("<td class=\"posting-start\">").Append(p.PublishedAt.ToString(DateFormat, CultureInfo.InvariantCulture)).Append("</td>")
              .Append("<td class=\"posting-end\">").Append(p.EndedAt?.ToString(DateFormat, CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
        if (account.Postings.Count == 0)
        {
            sb.Append("<p class=\"empty\">求人はありません。</p>\n");
        }

        sb.Append("</body></html>");
        return sb.ToString();
    }

    public static string Applicants(string board, IReadOnlyList<SimulatedApplicant> page, int pageNumber, int total, int pageSize, LayoutChange layout, DateOnly? from = null)
    {
        var filter = from is { } day ? "&amp;from=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
        var row = layout.HasFlag(LayoutChange.ApplicantList) ? "entry-row" : "applicant";
        var sb = new StringBuilder(Head(board + " 応募者一覧", "utf-8"));
        sb.Append("<p class=\"result-count\">全<span class=\"total\">").Append(total).Append("</span>件</p>\n<table class=\"applicants\">\n")
          .Append("<tr><th>応募ID</th><th>氏名</th><th>応募日時</th><th>応募求人</th></tr>\n");
        foreach (var a in page)
        {
            sb.Append("<tr class=\"").Append(row).Append("\">")
              .Append("<td class=\"applicant-id\"><a class=\"detail-link\" href=\"/console/applicants/").Append(E(a.Id)).Append("\">").Append(E(a.Id)).Append("</a></td>")
              .Append("<td class=\"applicant-name\">").Append(E(a.FullName)).Append("</td>")
              .Append("<td class=\"applied-at\">").Append(a.AppliedAt.ToString(DateTimeFormat, CultureInfo.InvariantCulture)).Append("</td>")
              .Append("<td class=\"applied-posting\" data-posting-id=\"").Append(E(a.Posting.Id)).Append("\">").Append(E(a.Posting.Title)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
        if (total == 0)
        {
            sb.Append("<p class=\"empty\">応募者はいません。</p>\n");
        }

        sb.Append("<nav class=\"pager\">");
        if (pageNumber > 1)
        {
            sb.Append("<a class=\"prev\" href=\"/console/applicants?page=").Append(pageNumber - 1).Append(filter).Append("\">前へ</a> ");
        }

        if ((long)pageNumber * pageSize < total)
        {
            sb.Append("<a class=\"next\" href=\"/console/applicants?page=").Append(pageNumber + 1).Append(filter).Append("\">次へ</a>");
        }

        sb.Append("</nav>\n</body></html>");
        return sb.ToString();
    }

    public static string Detail(string board, SimulatedApplicant a, bool shiftJis, LayoutChange layout)
    {
        var nameClass = layout.HasFlag(LayoutChange.DetailField) ? "full-name" : "name";
        var sb = new StringBuilder(Head(board + " 応募者詳細", shiftJis ? "Shift_JIS" : "utf-8"));
        sb.Append("<h2 class=\"applicant-id\">").Append(E(a.Id)).Append("</h2>\n<dl class=\"profile\">\n")
          .Append("<dt>氏名</dt><dd class=\"").Append(nameClass).Append("\">").Append(E(a.FullName)).Append("</dd>\n")
          .Append("<dt>フリガナ</dt><dd class=\"kana\">").Append(E(a.FullKana)).Append("</dd>\n")
          .Append("<dt>生年月日</dt><dd class=\"birth-date\">").Append(a.BirthDate.ToString("yyyy年MM月dd日", CultureInfo.InvariantCulture)).Append("</dd>\n")
          .Append("<dt>性別</dt><dd class=\"gender\">").Append(E(a.Gender)).Append("</dd>\n")
          .Append("<dt>携帯電話</dt><dd class=\"mobile\">").Append(E(a.Mobile)).Append("</dd>\n");
        if (a.Phone is not null)
        {
            sb.Append("<dt>電話番号</dt><dd class=\"phone\">").Append(E(a.Phone)).Append("</dd>\n");
        }

        sb.Append("<dt>メールアドレス</dt><dd class=\"email\">").Append(E(a.Email)).Append("</dd>\n")
          .Append("<dt>応募日時</dt><dd class=\"applied-at\">").Append(a.AppliedAt.ToString(DateTimeFormat, CultureInfo.InvariantCulture)).Append("</dd>\n")
          .Append("<dt>応募求人</dt><dd class=\"posting\" data-posting-id=\"").Append(E(a.Posting.Id)).Append("\">").Append(E(a.Posting.Title)).Append("</dd>\n")
          .Append("</dl>\n<p class=\"files\"><a class=\"resume\" href=\"/console/applicants/").Append(E(a.Id)).Append("/resume.pdf\">履歴書_").Append(E(a.FamilyName)).Append(".pdf</a></p>\n</body></html>");
        return sb.ToString();
    }

    /// <summary>A small, valid one-page PDF naming the applicant (ASCII only, so no font embedding is needed).</summary>
    public static byte[] Resume(SimulatedApplicant a)
    {
        var text = $"Resume of applicant {a.Id}, applied {a.AppliedAt:yyyy-MM-dd}";
        var stream = $"BT /F1 12 Tf 72 720 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(sb.Length);
            sb.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = sb.Length;
        sb.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            sb.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        sb.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>The CSV export as the board's "CSVダウンロード" gives it (header in Japanese, quoted where needed).</summary>
    public static string Csv(IReadOnlyList<SimulatedApplicant> applicants)
    {
        var sb = new StringBuilder("応募ID,応募日時,氏名,フリガナ,生年月日,性別,携帯電話,電話番号,メールアドレス,求人ID,応募職種\r\n");
        foreach (var a in applicants)
        {
            sb.Append(a.Id).Append(',')
              .Append(a.AppliedAt.ToString(DateTimeFormat, CultureInfo.InvariantCulture)).Append(',')
              .Append(Quote(a.FullName)).Append(',')
              .Append(Quote(a.FullKana)).Append(',')
              .Append(a.BirthDate.ToString(DateFormat, CultureInfo.InvariantCulture)).Append(',')
              .Append(Quote(a.Gender)).Append(',')
              .Append(Quote(a.Mobile)).Append(',')
              .Append(Quote(a.Phone)).Append(',')
              .Append(Quote(a.Email)).Append(',')
              .Append(Quote(a.Posting.Id)).Append(',')
              .Append(Quote(a.Posting.Title)).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
