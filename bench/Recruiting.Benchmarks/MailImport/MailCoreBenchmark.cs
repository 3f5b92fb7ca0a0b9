using BenchmarkDotNet.Attributes;
using MimeKit;
using Recruiting.MailImport.Attachments;
using Recruiting.MailImport.Sanitizing;
using Recruiting.MailImport.Unwrapping;

namespace Recruiting.Benchmarks.MailImport;

/// <summary>The pure mail components on a typical forwarded reply (20 KB text + HTML, two 200 KB PDFs), next to the import floor.</summary>
[MemoryDiagnoser]
public class MailCoreBenchmark
{
    private readonly MailHtmlSanitizer _sanitizer = new();
    private readonly ForwardUnwrapper _unwrapper = new();
    private readonly AttachmentExtractor _extractor = new();
    private byte[] _raw = [];
    private MimeMessage _message = null!;
    private string _html = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _raw = TypicalReply.Build();
        _message = MimeMessage.Load(new MemoryStream(_raw));
        _html = _message.HtmlBody!;
    }

    /// <summary>Parse, decode every attachment, sanitise the HTML once, SHA-256 of the raw bytes.</summary>
    [Benchmark(Baseline = true)]
    public int Floor() => TypicalReply.Floor(_raw, _sanitizer);

    /// <summary>MimeKit parsing alone.</summary>
    [Benchmark]
    public MimeMessage ParseMime() => MimeMessage.Load(new MemoryStream(_raw, writable: false));

    /// <summary>Forward unwrapping of the parsed message.</summary>
    [Benchmark]
    public UnwrapResult Unwrap() => _unwrapper.Unwrap(_message);

    /// <summary>Listing the attachments (no decoding).</summary>
    [Benchmark]
    public int ExtractAttachments() => _extractor.Extract(_message).Attachments.Count;

    /// <summary>Sanitising the 20 KB HTML body.</summary>
    [Benchmark]
    public int Sanitize() => _sanitizer.Sanitize(_html).Length;
}
