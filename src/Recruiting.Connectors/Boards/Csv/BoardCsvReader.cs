using System.Text;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// Reads the applicant files boards export (and users download) as a stream of <see cref="BoardCsvRecord"/>s, in
/// constant memory whatever the file size. Encoding: an explicit name (<see cref="CsvEncodings.Names"/>), or detected:
/// a UTF-8 BOM or bytes that are valid UTF-8 mean UTF-8, anything else CP932 (Shift_JIS as Windows writes it).
/// Decoding is strict: bytes invalid in the encoding are reported as <see cref="BoardCsvErrorKind.UndecodableBytes"/>,
/// never replaced. A seekable stream is checked before the first record is returned, so such a file imports nothing.
/// </summary>
public sealed class BoardCsvReader
{
    private readonly BoardCsvReaderOptions _options;

    /// <summary>Initializes a new instance of the <see cref="BoardCsvReader"/> class.</summary>
    /// <param name="options">The hostile-input limits; defaults when <see langword="null"/>.</param>
    public BoardCsvReader(BoardCsvReaderOptions? options = null) => _options = options ?? new BoardCsvReaderOptions();

    /// <summary>Detects the encoding, reads the header and maps its columns.</summary>
    /// <param name="stream">The file, read from its current position; left open.</param>
    /// <param name="columns">The board's columns (<see cref="BoardRegistration.CsvColumns"/>).</param>
    /// <param name="encodingName">An explicit encoding name, or <see langword="null"/> to detect it.</param>
    /// <param name="timeZone">The zone of dates written without an offset (the tenant's).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The open file, or why it cannot be read.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public async ValueTask<BoardCsvOpenResult> OpenAsync(Stream stream, BoardCsvColumns columns, string? encodingName, TimeZoneInfo timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(timeZone);

        Encoding encoding;
        Stream source = stream;
        if (encodingName is not null)
        {
            if (!CsvEncodings.TryResolve(encodingName, out encoding))
            {
                return new BoardCsvOpenResult(null, new BoardCsvError(BoardCsvErrorKind.UnknownEncoding, $"Unknown encoding '{encodingName}'; use one of: utf-8, shift_jis, cp932, windows-31j, utf-16."));
            }

            if (stream.CanSeek && !await IsDecodableAsync(stream, encoding, cancellationToken).ConfigureAwait(false))
            {
                return new BoardCsvOpenResult(null, Undecodable(encoding, null));
            }
        }
        else if (stream.CanSeek)
        {
            if (await Utf16FromBomAsync(stream, cancellationToken).ConfigureAwait(false) is { } utf16)
            {
                encoding = utf16;
                if (!await IsDecodableAsync(stream, encoding, cancellationToken).ConfigureAwait(false))
                {
                    return new BoardCsvOpenResult(null, Undecodable(encoding, null));
                }
            }
            else
            {
                encoding = await DetectSeekableAsync(stream, cancellationToken).ConfigureAwait(false) ?? CsvEncodings.StrictShiftJis;
                if (encoding.CodePage == CsvEncodings.ShiftJisCodePage && !await IsDecodableAsync(stream, encoding, cancellationToken).ConfigureAwait(false))
                {
                    return new BoardCsvOpenResult(null, new BoardCsvError(BoardCsvErrorKind.UndecodableBytes, "The file is neither UTF-8, UTF-16 with a BOM, nor Shift_JIS (CP932); save it as UTF-8 or name its encoding."));
                }
            }
        }
        else
        {
            (encoding, source) = await DetectPrefixAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var file = new BoardCsvFile(source, encoding, columns, timeZone, _options);
        BoardCsvError? error;
        try
        {
            error = await file.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (error is not null)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            return new BoardCsvOpenResult(null, error);
        }

        return new BoardCsvOpenResult(file, null);
    }

    internal static BoardCsvError Undecodable(Encoding encoding, int? row) => new(
        BoardCsvErrorKind.UndecodableBytes,
        encoding.CodePage switch
        {
            CsvEncodings.ShiftJisCodePage => "The file has bytes that are not valid Shift_JIS (CP932); is it UTF-8?",
            CsvEncodings.Utf16LittleEndianCodePage or CsvEncodings.Utf16BigEndianCodePage => "The file starts like UTF-16 but has bytes that are not valid UTF-16.",
            _ => "The file has bytes that are not valid UTF-8; is it Shift_JIS (try encoding cp932)?",
        },
        row);

    /// <summary>Reads a UTF-16 BOM at the start of a seekable stream. Leaves the position where it was.</summary>
    private static async Task<Encoding?> Utf16FromBomAsync(Stream stream, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var bom = new byte[2];
        try
        {
            var read = await stream.ReadAtLeastAsync(bom, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return CsvEncodings.Utf16FromBom(bom.AsSpan(0, read));
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Scans a seekable stream: BOM or valid UTF-8 → UTF-8; otherwise <see langword="null"/>. Leaves the position where it was.</summary>
    private static async Task<Encoding?> DetectSeekableAsync(Stream stream, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var validator = new CsvEncodings.Utf8Validator();
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, 81920), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    validator.Feed([], final: true);
                    break;
                }

                if (!validator.Feed(buffer.AsSpan(0, read), final: false))
                {
                    break;
                }
            }

            return validator.Invalid ? null : CsvEncodings.StrictUtf8;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            stream.Position = start;
        }
    }

    /// <summary>Decodes a whole seekable stream to check it. Leaves the position where it was.</summary>
    private static async Task<bool> IsDecodableAsync(Stream stream, Encoding encoding, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            if (encoding.CodePage == Encoding.UTF8.CodePage)
            {
                return await DetectSeekableAsync(stream, cancellationToken).ConfigureAwait(false) is not null;
            }

            // GetChars, not GetCharCount: only GetChars carries a lead byte split by the chunk boundary to the next chunk.
            var decoder = encoding.GetDecoder();
            var chars = new char[encoding.GetMaxCharCount(81920)];
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, 81920), cancellationToken).ConfigureAwait(false);
                try
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: read == 0);
                }
                catch (DecoderFallbackException)
                {
                    return false;
                }

                if (read == 0)
                {
                    return true;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            stream.Position = start;
        }
    }

    /// <summary>Detects from a prefix of a stream that cannot seek; returns a stream that replays the prefix.</summary>
    private async Task<(Encoding Encoding, Stream Source)> DetectPrefixAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[_options.DetectionBytes];
        var length = 0;
        var validator = new CsvEncodings.Utf8Validator();
        var ended = false;
        while (length < prefix.Length)
        {
            var read = await stream.ReadAsync(prefix.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                ended = true;
                break;
            }

            validator.Feed(prefix.AsSpan(length, read), final: false);
            length += read;
            if (validator.Invalid)
            {
                break;
            }
        }

        if (ended)
        {
            validator.Feed([], final: true);
        }

        var encoding = CsvEncodings.Utf16FromBom(prefix.AsSpan(0, length))
            ?? (CsvEncodings.HasUtf8Bom(prefix.AsSpan(0, length)) || !validator.Invalid ? CsvEncodings.StrictUtf8 : CsvEncodings.StrictShiftJis);
        return (encoding, new PrefixReplayStream(prefix, length, stream));
    }
}
