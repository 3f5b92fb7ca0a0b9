using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace Recruiting.Connectors.Boards;

/// <summary>An open board CSV file whose header was read; enumerate <see cref="ReadRecordsAsync"/> once.</summary>
public sealed class BoardCsvFile : IAsyncDisposable
{
    private readonly StreamReader _text;
    private readonly CsvReader _csv;
    private readonly BoardCsvColumns _columns;
    private readonly TimeZoneInfo _zone;
    private readonly BoardCsvReaderOptions _options;
    private readonly Queue<CsvMalformedReason> _skipped = new();
    private CsvMalformedReason? _recovered;
    private readonly Dictionary<BoardCsvField, int> _single = [];
    private readonly List<int> _phones = [];
    private readonly List<int> _emails = [];
    private string[] _extraNames = [];
    private bool _read;

    internal BoardCsvFile(Stream source, Encoding encoding, BoardCsvColumns columns, TimeZoneInfo zone, BoardCsvReaderOptions options)
    {
        _columns = columns;
        _zone = zone;
        _options = options;
        Encoding = encoding;

        // Strict decoding in the text reader: invalid bytes throw instead of becoming U+FFFD.
        _text = new StreamReader(source, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 65536, leaveOpen: true);
        _csv = CsvReader.Create(_text, new CsvReaderOptions
        {
            HasHeader = true,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            // Recovered, not skipped: a record is judged after it is read, so that an Excel text formula (="090-1234-5678",
            // how several boards keep leading zeros) is read as its text while other bad quoting still rejects the record.
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record =>
            {
                if (record.Skipped)
                {
                    _skipped.Enqueue(record.Reason);
                }
                else
                {
                    _recovered ??= record.Reason;
                }
            },
            MaxRecordSize = options.MaxRecordSize,
            IncludeValuesInExceptions = false,
        }, leaveOpen: true);
    }

    /// <summary>Gets the encoding the file is read with.</summary>
    public Encoding Encoding { get; }

    /// <summary>Gets the header as written.</summary>
    public IReadOnlyList<string> Headers { get; private set; } = [];

    /// <summary>Gets the fields the header maps, with the 0-based column of each (the first column when several map one field).</summary>
    public IReadOnlyDictionary<BoardCsvField, int> MappedFields => _single;

    /// <summary>Gets why reading stopped early (bytes invalid in the encoding of a stream that could not be checked first, a record too large), once <see cref="ReadRecordsAsync"/> ended.</summary>
    public BoardCsvError? Error { get; private set; }

    /// <summary>Reads the data records in order; stops at the end of the file or at an <see cref="Error"/>.</summary>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The records.</returns>
    /// <exception cref="InvalidOperationException">The records were already enumerated.</exception>
    public async IAsyncEnumerable<BoardCsvRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_read)
        {
            throw new InvalidOperationException("The records of a board CSV file are read once.");
        }

        _read = true;
        var row = 0;
        while (true)
        {
            bool more;
            try
            {
                more = await _csv.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDecodingFailure(ex))
            {
                Error = BoardCsvReader.Undecodable(Encoding, row + 1);
                more = false;
            }
            catch (CsvFormatException)
            {
                Error = new BoardCsvError(BoardCsvErrorKind.TooLarge, $"Record {row + 1 + _skipped.Count} is larger than {_options.MaxRecordSize} bytes (an unclosed quote?); nothing after it was read.", row + 1 + _skipped.Count);
                more = false;
            }

            while (_skipped.TryDequeue(out var reason))
            {
                row++;
                yield return new BoardCsvRecord(row, null, "malformedRecord", Describe(reason));
            }

            if (!more)
            {
                yield break;
            }

            row++;
            var recovered = _recovered;
            _recovered = null;
            if (IsBlank())
            {
                continue;
            }

            if (recovered is { } bad && !(bad == CsvMalformedReason.StrayQuote && QuotesAreExcelTextOnly()))
            {
                yield return new BoardCsvRecord(row, null, "malformedRecord", Describe(bad));
                continue;
            }

            yield return Map(row);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync().ConfigureAwait(false);
        _text.Dispose();
    }

    internal async ValueTask<BoardCsvError?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _csv.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            return BoardCsvReader.Undecodable(Encoding, null);
        }
        catch (CsvFormatException)
        {
            return new BoardCsvError(BoardCsvErrorKind.TooLarge, $"The header is larger than {_options.MaxRecordSize} bytes.");
        }

        var headers = _csv.Headers.ToArray();
        if (headers.Length == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            return new BoardCsvError(BoardCsvErrorKind.EmptyFile, "The file has no header record.");
        }

        var firstError = MapHeader(headers);
        for (var titles = 1; firstError is { Kind: BoardCsvErrorKind.MissingNameColumn } && titles <= _options.MaxTitleLines; titles++)
        {
            // A title line above the header (応募者一覧, an export date …): try the next line as the header. The data
            // records are numbered from the line after the header that maps, as always.
            bool more;
            try
            {
                more = await _csv.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsDecodingFailure(ex))
            {
                return BoardCsvReader.Undecodable(Encoding, null);
            }
            catch (CsvFormatException)
            {
                return new BoardCsvError(BoardCsvErrorKind.TooLarge, $"A line above the data is larger than {_options.MaxRecordSize} bytes.");
            }

            _skipped.Clear();
            if (!more)
            {
                break;
            }

            var candidate = new string[_csv.FieldCount];
            for (var i = 0; i < candidate.Length; i++)
            {
                candidate[i] = _csv.GetString(i);
            }

            if (MapHeader(candidate) is null)
            {
                return null;
            }
        }

        return firstError is null ? null : MapHeader(headers) ?? firstError;
    }

    /// <summary>Maps a header's columns to fields; returns why it cannot be the header (no name column, too many columns).</summary>
    private BoardCsvError? MapHeader(string[] headers)
    {
        _single.Clear();
        _phones.Clear();
        _emails.Clear();
        if (headers.Length > _options.MaxColumns)
        {
            return new BoardCsvError(BoardCsvErrorKind.TooLarge, $"The header has {headers.Length} columns; at most {_options.MaxColumns} are read.");
        }

        Headers = headers;
        _extraNames = new string[headers.Length];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Length; i++)
        {
            var header = headers[i].Trim().TrimStart('\uFEFF');
            if (_columns.TryMap(header, out var field))
            {
                if (field == BoardCsvField.Phone)
                {
                    _phones.Add(i);
                    continue;
                }

                if (field == BoardCsvField.Email)
                {
                    _emails.Add(i);
                    continue;
                }

                if (_single.TryAdd(field, i))
                {
                    continue;
                }
            }

            var name = header.Length == 0 ? $"列{i + 1}" : header;
            var unique = name;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{name} ({n})";
            }

            _extraNames[i] = unique;
        }

        if (!_single.ContainsKey(BoardCsvField.FullName) && !(_single.ContainsKey(BoardCsvField.FamilyName) && _single.ContainsKey(BoardCsvField.GivenName)))
        {
            return new BoardCsvError(BoardCsvErrorKind.MissingNameColumn, $"The file has no name column (氏名, 名前, or 姓 with 名); its columns are: {string.Join(", ", headers)}.");
        }

        return null;
    }

    private static bool IsDecodingFailure(Exception ex) => ex is DecoderFallbackException || ex.InnerException is DecoderFallbackException;

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "A quote inside an unquoted field.",
        CsvMalformedReason.TextAfterClosingQuote => "Text after the closing quote of a field.",
        CsvMalformedReason.UnterminatedQuote => "A quoted field is never closed.",
        CsvMalformedReason.LineBreakInQuotes => "A line break inside a quoted field.",
        CsvMalformedReason.FieldCountMismatch => "The record has a different number of fields.",
        _ => reason.ToString(),
    };

    private bool IsBlank()
    {
        for (var i = 0; i < _csv.FieldCount; i++)
        {
            if (!_csv.GetSpan(i).Trim(" \t"u8).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private string Field(int index) => index < _csv.FieldCount ? ExcelText(_csv.GetString(index).Trim()) : string.Empty;

    /// <summary>Whether every quote of the record read in recovery belongs to an Excel text formula (<c>="…"</c>).</summary>
    private bool QuotesAreExcelTextOnly()
    {
        for (var i = 0; i < _csv.FieldCount; i++)
        {
            // Only records read in recovery get here (rare): strings are fine.
            var field = _csv.GetString(i).AsSpan().Trim(" \t");
            if (field.Contains('"') && !IsExcelText(field))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsExcelText(ReadOnlySpan<char> field)
        => field.Length >= 3 && field.StartsWith("=\"", StringComparison.Ordinal) && field[^1] == '"' && !ContainsLoneQuote(field[2..^1]);

    private static bool ContainsLoneQuote(ReadOnlySpan<char> inner)
    {
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"')
            {
                if (i + 1 < inner.Length && inner[i + 1] == '"')
                {
                    i++;
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>Reads an Excel text formula (<c>="090-1234-5678"</c>, written so that leading zeros survive) as its text; anything else as written.</summary>
    internal static string ExcelText(string value)
    {
        var trimmed = value.AsSpan().Trim();
        return IsExcelText(trimmed) ? trimmed[2..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : value;
    }

    private string Value(BoardCsvField field) => _single.TryGetValue(field, out var index) ? Field(index) : string.Empty;

    private BoardCsvRecord Map(int row)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _csv.FieldCount; i++)
        {
            var extraName = i < _extraNames.Length ? _extraNames[i] : $"列{i + 1}";
            if (extraName is null)
            {
                continue;
            }

            var value = ExcelText(_csv.GetString(i));
            if (!string.IsNullOrWhiteSpace(value))
            {
                extra[extraName] = value;
            }
        }

        var full = Value(BoardCsvField.FullName);
        var family = Value(BoardCsvField.FamilyName);
        var given = Value(BoardCsvField.GivenName);
        PersonName name;
        if (full.Length > 0)
        {
            name = family.Length > 0 || given.Length > 0 ? new PersonName(full, NullIfEmpty(family), NullIfEmpty(given)) : SplitName(full);
        }
        else if (family.Length > 0 || given.Length > 0)
        {
            name = PersonName.FromParts(family, given);
        }
        else
        {
            return new BoardCsvRecord(row, null, "missingName", "The name is empty.");
        }

        var phonetic = Value(BoardCsvField.Phonetic);
        if (phonetic.Length == 0)
        {
            phonetic = $"{Value(BoardCsvField.PhoneticFamily)} {Value(BoardCsvField.PhoneticGiven)}".Trim();
        }

        name = name with { Phonetic = NullIfEmpty(phonetic) };

        DateOnly? birth = null;
        var birthText = Value(BoardCsvField.BirthDate);
        if (birthText.Length > 0)
        {
            if (BoardDates.TryParseDate(birthText, out var parsed))
            {
                birth = parsed;
            }
            else
            {
                // Unreadable dates are kept as written rather than dropped.
                extra[Headers[_single[BoardCsvField.BirthDate]].Trim()] = birthText;
            }
        }

        DateTimeOffset? applied = null;
        var appliedText = Value(BoardCsvField.AppliedAt);
        if (appliedText.Length > 0)
        {
            if (BoardDates.TryParseInstant(appliedText, _zone, out var parsed))
            {
                applied = parsed;
            }
            else
            {
                extra[Headers[_single[BoardCsvField.AppliedAt]].Trim()] = appliedText;
            }
        }

        PostalAddress? address = null;
        var postal = Value(BoardCsvField.PostalCode);
        var region = Value(BoardCsvField.Region);
        var street = Value(BoardCsvField.Address);
        if (postal.Length > 0 || region.Length > 0 || street.Length > 0)
        {
            address = new PostalAddress(street.Length > 0 ? [street] : [], NullIfEmpty(postal), null, NullIfEmpty(region), "JP");
        }

        var applicant = new BoardApplicant
        {
            BoardApplicantId = NullIfEmpty(Value(BoardCsvField.ApplicantId)),
            PostingId = NullIfEmpty(Value(BoardCsvField.PostingId)),
            PostingTitle = NullIfEmpty(Value(BoardCsvField.PostingTitle)),
            AppliedAt = applied,
            Profile = new CandidateProfile
            {
                Name = name,
                BirthDate = birth,
                Gender = NullIfEmpty(Value(BoardCsvField.Gender)),
                Phones = Collect(_phones),
                Emails = Collect(_emails),
                Address = address,
                Language = "ja",
            },
            ExtraFields = extra,
        };
        return new BoardCsvRecord(row, applicant);
    }

    private List<string> Collect(List<int> columns)
    {
        var values = new List<string>(columns.Count);
        foreach (var column in columns)
        {
            var value = Field(column);
            if (value.Length > 0 && !values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Splits <c>山田 太郎</c> (ASCII or ideographic space) into family and given names; a name without exactly one gap stays whole.</summary>
    private static PersonName SplitName(string full)
    {
        var parts = full.Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 ? new PersonName(full, parts[0], parts[1]) : new PersonName(full);
    }
}
