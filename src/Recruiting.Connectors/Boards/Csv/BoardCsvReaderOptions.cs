using System.ComponentModel.DataAnnotations;

namespace Recruiting.Connectors.Boards;

/// <summary>Hostile-input limits of the board CSV reader.</summary>
public sealed class BoardCsvReaderOptions
{
    /// <summary>Gets or sets the largest record, in bytes of UTF-8; a larger one ends the file with <see cref="BoardCsvErrorKind.TooLarge"/> (an unclosed quote would otherwise swallow the rest of the file into one field).</summary>
    /// <value>The default value is 4,194,304 (4 MiB).</value>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRecordSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets the most columns a header may have.</summary>
    /// <value>The default value is 1,000.</value>
    [Range(1, 100_000)]
    public int MaxColumns { get; set; } = 1000;

    /// <summary>Gets or sets how many bytes of a stream that cannot seek are looked at to detect its encoding (they are kept in memory).</summary>
    /// <value>The default value is 1,048,576.</value>
    [Range(4096, 256 * 1024 * 1024)]
    public int DetectionBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets how many lines above the header are passed over when the first line has no name column (a title
    /// such as <c>応募者一覧</c> or an export date written above the header); 0 takes the first line as the header.
    /// </summary>
    /// <value>The default value is 3.</value>
    [Range(0, 20)]
    public int MaxTitleLines { get; set; } = 3;
}
