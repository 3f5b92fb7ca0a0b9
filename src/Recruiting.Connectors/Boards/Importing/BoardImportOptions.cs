using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Recruiting.Connectors.Boards;

/// <summary>Options of board import (accounts, settings, the import pipeline and manual files).</summary>
public sealed class BoardImportOptions
{
    /// <summary>Gets or sets how long after its end a posting's applicants are still imported by automatic runs, unless a tenant set its own.</summary>
    /// <value>The default value is 7 days.</value>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan GracePeriod { get; set; } = BoardImportConstants.DefaultGracePeriod;

    /// <summary>Gets or sets the account that manual files go to when the caller names none.</summary>
    /// <value>The default value is <c>default</c>.</value>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string DefaultAccountName { get; set; } = BoardImportConstants.DefaultAccountName;

    /// <summary>Gets or sets after how many applicants a run writes its counts and errors to the history (a crash loses at most that much history; nothing is lost from the ledger).</summary>
    /// <value>The default value is 500.</value>
    [Range(1, 1_000_000)]
    public int HistoryFlushInterval { get; set; } = BoardImportConstants.DefaultHistoryFlushInterval;

    /// <summary>
    /// Gets or sets how many records of a file share one ledger batch (one pending write and one done write; the runner
    /// batches by board page). A crash between the two writes makes the next run send that many keys to the host again,
    /// which it answers with its first results.
    /// </summary>
    /// <value>The default value is 256.</value>
    [Range(1, 10_000)]
    public int FileBatchSize { get; set; } = BoardImportConstants.DefaultFileBatchSize;

    /// <summary>Gets or sets the limits of the CSV reader.</summary>
    [Required]
    [ValidateObjectMembers]
    public BoardCsvReaderOptions Csv { get; set; } = new();
}

/// <summary>The defaults of <see cref="BoardImportOptions"/>.</summary>
internal static class BoardImportConstants
{
    public const string DefaultAccountName = "default";

    public const int DefaultHistoryFlushInterval = 500;

    public const int DefaultFileBatchSize = 256;

    public const string IntakeOperation = "board.intake";

    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromDays(7);
}

/// <summary>Validates <see cref="BoardImportOptions"/> from its attributes.</summary>
[OptionsValidator]
internal sealed partial class BoardImportOptionsValidator : IValidateOptions<BoardImportOptions>
{
}
