using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using MimeKit;
using Recruiting.MailImport.Importing;
using Recruiting.MailImport.Sanitizing;

namespace Recruiting.Benchmarks.MailImport;

/// <summary>
/// The import of a typical forwarded reply (20 KB text + HTML, two 200 KB PDFs) with in-memory ports, against the floor:
/// MimeKit parsing the same bytes, decoding every attachment, sanitising the HTML body once and hashing the raw bytes.
/// Target: Import ≤ 1.5 × Floor.
/// </summary>
[MemoryDiagnoser]
public class MailImportBenchmark
{
    private byte[] _raw = [];
    private BenchMailHost _host = null!;
    private IMailImporter _importer = null!;
    private MailHtmlSanitizer _sanitizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = BenchMessages.ToBytes(BenchMessages.Reply(20_000, 200_000, 200_000));
        _host = new BenchMailHost();
        _importer = _host.CreateImporter(new MailImportOptions());
        _sanitizer = new MailHtmlSanitizer();
        var outcome = Import();
        if (outcome.Status != ImportStatus.Imported || outcome.Attachments.Count != 2 || _host.DocumentBytes != 400_000)
        {
            throw new InvalidOperationException($"The benchmark import did not import: {outcome.Status} {outcome.Reason} {outcome.Detail}, {_host.DocumentBytes} bytes");
        }
    }

    [Benchmark(Baseline = true)]
    public long Floor()
    {
        var hash = SHA256.HashData(_raw);
        using var message = MimeMessage.Load(new MemoryStream(_raw, writable: false));
        long decoded = hash[0];
        foreach (var entity in message.BodyParts)
        {
            if (entity is MessagePart { Message: { } inner })
            {
                decoded += _sanitizer.Sanitize(inner.HtmlBody ?? string.Empty).Length;
                foreach (var attachment in inner.Attachments.OfType<MimePart>())
                {
                    attachment.Content!.DecodeTo(Stream.Null);
                    decoded += attachment.Content!.Stream!.Length;
                }
            }
        }

        return decoded;
    }

    [Benchmark]
    public ImportOutcome Import()
    {
        _host.Reset();
        return _importer.ImportAsync(BenchMailHost.Tenant, new MemoryStream(_raw, writable: false)).GetAwaiter().GetResult();
    }
}
