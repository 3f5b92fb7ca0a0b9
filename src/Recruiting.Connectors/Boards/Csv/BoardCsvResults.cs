using System.Text;

namespace Recruiting.Connectors.Boards;

/// <summary>Why a CSV file cannot be read at all (as opposed to a row being rejected).</summary>
public enum BoardCsvErrorKind
{
    /// <summary>The encoding name given is not one of <see cref="CsvEncodings.Names"/>.</summary>
    UnknownEncoding,

    /// <summary>The bytes are not valid in the encoding given or detected (for example a Shift_JIS file read as UTF-8).</summary>
    UndecodableBytes,

    /// <summary>The file has no header record.</summary>
    EmptyFile,

    /// <summary>The header has no name column (<c>氏名</c>, <c>名前</c>, or <c>姓</c> with <c>名</c>).</summary>
    MissingNameColumn,

    /// <summary>The file breaks a hostile-input limit (a field or a record too large, too many columns).</summary>
    TooLarge,
}

/// <summary>Why a CSV file cannot be read at all.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Message">A message for people.</param>
/// <param name="Row">The data record reached when the error happened, when it happened after the header.</param>
public sealed record BoardCsvError(BoardCsvErrorKind Kind, string Message, int? Row = null)
{
    /// <summary>Gets the camelCase code of the kind (for example <c>missingNameColumn</c>).</summary>
    public string Code => Kind switch
    {
        BoardCsvErrorKind.UnknownEncoding => "unknownEncoding",
        BoardCsvErrorKind.UndecodableBytes => "undecodableBytes",
        BoardCsvErrorKind.EmptyFile => "emptyFile",
        BoardCsvErrorKind.MissingNameColumn => "missingNameColumn",
        _ => "tooLarge",
    };
}

/// <summary>One data record of a board CSV file: an applicant, or the reason it was rejected.</summary>
/// <param name="Row">The 1-based data record number (the header and blank lines are not counted; a quoted newline does not start a new record).</param>
/// <param name="Applicant">The applicant, when the record could be read.</param>
/// <param name="RejectReason">The camelCase reason it was rejected (<c>missingName</c>, <c>malformedRecord</c>), when it was.</param>
/// <param name="Detail">Details for people.</param>
public sealed record BoardCsvRecord(int Row, BoardApplicant? Applicant, string? RejectReason = null, string? Detail = null);

/// <summary>The outcome of opening a board CSV file.</summary>
public sealed class BoardCsvOpenResult
{
    internal BoardCsvOpenResult(BoardCsvFile? file, BoardCsvError? error)
    {
        File = file;
        Error = error;
    }

    /// <summary>Gets the open file, when the header could be read.</summary>
    public BoardCsvFile? File { get; }

    /// <summary>Gets why the file cannot be read, when it cannot.</summary>
    public BoardCsvError? Error { get; }

    /// <summary>Gets the encoding used, when known.</summary>
    public Encoding? Encoding => File?.Encoding;
}
