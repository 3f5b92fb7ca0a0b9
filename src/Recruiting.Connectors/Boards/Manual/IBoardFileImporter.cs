namespace Recruiting.Connectors.Boards;

/// <summary>Why a manual file import could not start.</summary>
public enum FileImportErrorKind
{
    /// <summary>The board is not registered (service names are matched exactly).</summary>
    UnknownBoard,

    /// <summary>The tenant has no such account on the board.</summary>
    UnknownAccount,

    /// <summary>The encoding name is not known.</summary>
    UnknownEncoding,

    /// <summary>The bytes are not valid in the encoding given or detected.</summary>
    UndecodableBytes,

    /// <summary>The file has no header record.</summary>
    EmptyFile,

    /// <summary>The header has no name column (<c>氏名</c>, <c>名前</c>, or <c>姓</c> with <c>名</c>).</summary>
    MissingNameColumn,

    /// <summary>The file breaks a hostile-input limit.</summary>
    TooLarge,
}

/// <summary>Why a manual file import could not start.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Message">A message for people.</param>
public sealed record FileImportError(FileImportErrorKind Kind, string Message)
{
    /// <summary>Gets the camelCase code of the kind (for example <c>missingNameColumn</c>).</summary>
    public string Code => Kind switch
    {
        FileImportErrorKind.UnknownBoard => "unknownBoard",
        FileImportErrorKind.UnknownAccount => "unknownAccount",
        FileImportErrorKind.UnknownEncoding => "unknownEncoding",
        FileImportErrorKind.UndecodableBytes => "undecodableBytes",
        FileImportErrorKind.EmptyFile => "emptyFile",
        FileImportErrorKind.MissingNameColumn => "missingNameColumn",
        _ => "tooLarge",
    };
}

/// <summary>A data record that was not imported.</summary>
/// <param name="Row">The 1-based data record (not the physical line).</param>
/// <param name="Reason">The camelCase reason: <c>missingName</c>, <c>malformedRecord</c>, <c>noPostingMapping</c>, <c>intakeFailed</c>, <c>undecodableBytes</c>, <c>tooLarge</c>.</param>
/// <param name="Detail">Details for people.</param>
public sealed record RejectedRow(int Row, string Reason, string? Detail);

/// <summary>The outcome of a manual file import.</summary>
public sealed record FileImportResult
{
    /// <summary>Gets why the import could not start, when it could not (nothing was imported).</summary>
    public FileImportError? Error { get; init; }

    /// <summary>Gets the import run in the history, when one was recorded.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the encoding the file was read with (<c>utf-8</c> or <c>cp932</c>), when known.</summary>
    public string? Encoding { get; init; }

    /// <summary>Gets the data records seen.</summary>
    public int Seen { get; init; }

    /// <summary>Gets the applicants imported.</summary>
    public int Imported { get; init; }

    /// <summary>Gets the records already imported (by an earlier file, an automatic run, or an earlier row of this file).</summary>
    public int Duplicates { get; init; }

    /// <summary>Gets the records not imported, each with its reason, in file order.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; init; } = [];

    /// <summary>Gets why reading stopped before the end of the file (the records before it were imported), when it did.</summary>
    public string? StoppedEarly { get; init; }
}

/// <summary>
/// Imports an applicant file a user downloaded from a board (the manual fallback): the same mapping, ledger and history
/// as automatic runs, so nothing is imported twice between them; the active-postings allow-list and the grace period
/// do not apply (the user chose the file).
/// </summary>
public interface IBoardFileImporter
{
    /// <summary>Imports a board's applicant CSV file into an account.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board's registered service name.</param>
    /// <param name="account">The account the applicants are imported for (the default account is <c>default</c>).</param>
    /// <param name="stream">The file; read from its current position, left open.</param>
    /// <param name="encoding">The encoding (<c>utf-8</c>, <c>shift_jis</c>, <c>cp932</c>, <c>windows-31j</c> …), or <see langword="null"/> to detect it.</param>
    /// <param name="sourceName">The file name, for the history.</param>
    /// <param name="cancellationToken">A token to cancel the import (the records imported so far stay imported).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    ValueTask<FileImportResult> ImportFileAsync(TenantId tenant, string board, string account, Stream stream, string? encoding = null, string? sourceName = null, CancellationToken cancellationToken = default);
}
