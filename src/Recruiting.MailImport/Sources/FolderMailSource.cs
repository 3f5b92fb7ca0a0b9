using Microsoft.Extensions.Logging;
using Recruiting.MailImport.Importing;

namespace Recruiting.MailImport.Sources;

/// <summary>Options of a <see cref="FolderMailSource"/>.</summary>
public sealed class FolderMailSourceOptions
{
    /// <summary>Gets or sets the folder holding the <c>.eml</c> files to import.</summary>
    public required string Path { get; set; }

    /// <summary>Gets or sets the tenant the files are imported for.</summary>
    public required TenantId Tenant { get; set; }

    /// <summary>Gets or sets the sub-folder imported (and duplicate) files are moved to.</summary>
    /// <value>The default value is <c>done</c>.</value>
    public string DoneFolder { get; set; } = "done";

    /// <summary>Gets or sets the sub-folder quarantined files are moved to (their bytes are also in the quarantine store).</summary>
    /// <value>The default value is <c>quarantine</c>.</value>
    public string QuarantineFolder { get; set; } = "quarantine";

    /// <summary>Gets or sets the file pattern.</summary>
    /// <value>The default value is <c>*.eml</c>.</value>
    public string Pattern { get; set; } = "*.eml";
}

/// <summary>The outcome of one file.</summary>
/// <param name="File">The file's name.</param>
/// <param name="Outcome">The import outcome.</param>
/// <param name="MovedTo">Where the file was moved.</param>
public sealed record FolderImportItem(string File, ImportOutcome Outcome, string MovedTo);

/// <summary>
/// Imports the <c>.eml</c> files of a folder, oldest name first, and moves each to <c>done/</c> or <c>quarantine/</c> only
/// after its outcome is committed. A crash between the import and the move leaves the file in place; the next run imports
/// it again, which the importer reports as a duplicate (or finds already in quarantine), and then moves it.
/// </summary>
public sealed partial class FolderMailSource
{
    private readonly IMailImporter _importer;
    private readonly FolderMailSourceOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="FolderMailSource"/> class.</summary>
    /// <param name="importer">The importer.</param>
    /// <param name="options">The folder and tenant.</param>
    /// <param name="logger">The logger.</param>
    public FolderMailSource(IMailImporter importer, FolderMailSourceOptions options, ILogger<FolderMailSource> logger)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        _importer = importer;
        _options = options;
        _logger = logger;
    }

    /// <summary>Imports every file present now.</summary>
    /// <param name="cancellationToken">A token to cancel the run; the file being imported is finished or left in place.</param>
    /// <returns>What became of each file.</returns>
    public async Task<IReadOnlyList<FolderImportItem>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<FolderImportItem>();
        if (!Directory.Exists(_options.Path))
        {
            return results;
        }

        var done = Directory.CreateDirectory(System.IO.Path.Combine(_options.Path, _options.DoneFolder)).FullName;
        var quarantine = Directory.CreateDirectory(System.IO.Path.Combine(_options.Path, _options.QuarantineFolder)).FullName;
        foreach (var file in Directory.EnumerateFiles(_options.Path, _options.Pattern, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImportOutcome outcome;
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                outcome = await _importer.ImportAsync(_options.Tenant, stream, cancellationToken).ConfigureAwait(false);
            }

            var target = MoveUnique(file, outcome.Status == ImportStatus.Quarantined ? quarantine : done);
            LogFile(_logger, file, outcome.Status, target);
            results.Add(new FolderImportItem(System.IO.Path.GetFileName(file), outcome, target));
        }

        return results;
    }

    private static string MoveUnique(string file, string folder)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(file);
        var extension = System.IO.Path.GetExtension(file);
        var target = System.IO.Path.Combine(folder, name + extension);
        for (var i = 1; File.Exists(target); i++)
        {
            target = System.IO.Path.Combine(folder, $"{name}.{i}{extension}");
        }

        File.Move(file, target);
        return target;
    }

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 200, Level = LogLevel.Information, Message = "Mail file {File}: {Status}, moved to {Target}")]
    private static partial void LogFile(ILogger logger, string file, ImportStatus status, string target);
}
