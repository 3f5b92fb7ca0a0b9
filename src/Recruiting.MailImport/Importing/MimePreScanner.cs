using MimeKit;

namespace Recruiting.MailImport.Importing;

/// <summary>The verdict of <see cref="MimePreScanner"/>.</summary>
/// <param name="Reason">Why the message must not be parsed, or <see langword="null"/> when it may be.</param>
/// <param name="Detail">What exceeded which limit, for people.</param>
/// <param name="Parts">Parts counted (up to the point the scan stopped).</param>
/// <param name="MaxDepth">Deepest nesting seen.</param>
internal sealed record PreScanResult(MailImportReason? Reason, string? Detail, int Parts, int MaxDepth);

/// <summary>
/// Walks a message with MimeKit's forward-only <see cref="MimeReader"/>, counting parts, nesting depth, header fields and
/// header bytes against the limits, and stops at the first one exceeded. Nothing is kept, so a hostile message costs the
/// scan almost no memory, and the full parse only runs on messages within the limits.
/// </summary>
internal sealed class MimePreScanner
{
    private readonly MailImportOptions _options;

    public MimePreScanner(MailImportOptions options) => _options = options;

    public PreScanResult Scan(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new CountingReader(stream, _options);
        try
        {
            reader.ReadMessage(cancellationToken);
        }
        catch (LimitExceededException ex)
        {
            return new PreScanResult(MailImportReason.TooLarge, ex.Message, reader.Parts, reader.DeepestDepth);
        }
        catch (FormatException ex)
        {
            return new PreScanResult(MailImportReason.UnreadableMime, "Not a MIME message: " + ex.Message, reader.Parts, reader.DeepestDepth);
        }

        if (reader.HeaderFields == 0)
        {
            return new PreScanResult(MailImportReason.UnreadableMime, "The message has no header fields.", reader.Parts, reader.DeepestDepth);
        }

        if (reader.UnterminatedMultipart is { } boundary)
        {
            return new PreScanResult(MailImportReason.UnreadableMime, $"The message is truncated: multipart boundary '{boundary}' is never closed.", reader.Parts, reader.DeepestDepth);
        }

        return new PreScanResult(null, null, reader.Parts, reader.DeepestDepth);
    }

    private sealed class LimitExceededException(string message) : Exception(message);

    private sealed class CountingReader : MimeReader
    {
        private readonly MailImportOptions _options;
        private readonly Stack<bool> _multipartClosed = new();
        private int _depth;
        private long _headerBlockBytes;

        public CountingReader(Stream stream, MailImportOptions options)
            : base(CreateParserOptions(options), stream, MimeFormat.Default)
        {
            _options = options;
        }

        public int Parts { get; private set; }

        public int DeepestDepth { get; private set; }

        public int HeaderFields { get; private set; }

        public string? UnterminatedMultipart { get; private set; }

        private static ParserOptions CreateParserOptions(MailImportOptions options)
        {
            var parserOptions = ParserOptions.Default.Clone();
            parserOptions.MaxMimeDepth = Math.Max(options.MaxDepth + 2, 4);
            return parserOptions;
        }

        protected override void OnHeadersBegin(long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
            => _headerBlockBytes = 0;

        protected override void OnHeaderRead(Header header, int beginLineNumber, CancellationToken cancellationToken)
        {
            HeaderFields++;
            _headerBlockBytes += header.RawField.Length + header.RawValue.Length + 1;
            if (HeaderFields > _options.MaxHeaderCount)
            {
                throw new LimitExceededException($"The message has more than {_options.MaxHeaderCount} header fields.");
            }

            if (_headerBlockBytes > _options.MaxHeaderBytes)
            {
                throw new LimitExceededException($"A header block is larger than {_options.MaxHeaderBytes} bytes.");
            }
        }

        protected override void OnMimePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
            => Enter();

        protected override void OnMimePartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken)
            => _depth--;

        protected override void OnMessagePartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
            => Enter();

        protected override void OnMessagePartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken)
            => _depth--;

        protected override void OnMultipartBegin(ContentType contentType, long beginOffset, int beginLineNumber, CancellationToken cancellationToken)
        {
            Enter();
            _multipartClosed.Push(false);
        }

        protected override void OnMultipartEndBoundaryEnd(long beginOffset, int lineNumber, long endOffset, CancellationToken cancellationToken)
        {
            if (_multipartClosed.Count > 0)
            {
                _multipartClosed.Pop();
                _multipartClosed.Push(true);
            }
        }

        protected override void OnMultipartEnd(ContentType contentType, long beginOffset, int beginLineNumber, long headersEndOffset, long endOffset, int lines, CancellationToken cancellationToken)
        {
            _depth--;
            if (_multipartClosed.Count > 0 && !_multipartClosed.Pop() && UnterminatedMultipart is null)
            {
                UnterminatedMultipart = contentType.Boundary ?? string.Empty;
            }
        }

        private void Enter()
        {
            Parts++;
            _depth++;
            DeepestDepth = Math.Max(DeepestDepth, _depth);
            if (Parts > _options.MaxParts)
            {
                throw new LimitExceededException($"The message has more than {_options.MaxParts} MIME parts.");
            }

            if (_depth > _options.MaxDepth)
            {
                throw new LimitExceededException($"The message nests MIME parts more than {_options.MaxDepth} deep.");
            }
        }
    }
}
