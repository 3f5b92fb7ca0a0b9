using Recruiting.Connectors.Boards.Html;

namespace Recruiting.Connectors.Boards.CsvExport;

/// <summary>
/// Describes a board whose applicants are read from its CSV export ("CSVダウンロード") instead of its pages: the site
/// (login and posting list, as for the HTML connector) and where the export is.
/// </summary>
public sealed class CsvExportDefinition
{
    /// <summary>Gets or sets the site: login form and posting list (its applicant sections are not used).</summary>
    public HtmlBoardDefinition Site { get; set; } = new();

    /// <summary>Gets or sets the export's path.</summary>
    public string ExportPath { get; set; } = "/export.csv";

    /// <summary>Gets or sets the export's encoding (<c>utf-8</c>, <c>shift_jis</c>, <c>cp932</c>, <c>windows-31j</c>), or <see langword="null"/> to detect it.</summary>
    public string? Encoding { get; set; }

    /// <summary>Gets or sets the query parameter that limits the export to applicants after an instant (the watermark), when the board has one.</summary>
    public string? SinceParameter { get; set; }

    /// <summary>Gets or sets the format of <see cref="SinceParameter"/>'s value, in the site's time zone.</summary>
    /// <value>The default value is <c>yyyyMMddHHmm</c>.</value>
    public string SinceFormat { get; set; } = "yyyyMMddHHmm";

    /// <summary>Gets the definition of the board simulator's CSV export.</summary>
    /// <returns>The definition.</returns>
    public static CsvExportDefinition Simulator() => new()
    {
        Site = HtmlBoardDefinition.LoadBuiltIn("simulator"),
        ExportPath = "/console/export.csv",
        Encoding = "shift_jis",
        SinceParameter = "since",
    };

    /// <summary>Lists every problem (empty when usable).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Site?.Validate() ?? ["'site' is required."]);
        if (string.IsNullOrWhiteSpace(ExportPath))
        {
            problems.Add("'exportPath' is required.");
        }

        if (Encoding is not null && PageEncodings.Find(Encoding) is null)
        {
            problems.Add($"'encoding' '{Encoding}' is not known.");
        }

        return problems;
    }
}
