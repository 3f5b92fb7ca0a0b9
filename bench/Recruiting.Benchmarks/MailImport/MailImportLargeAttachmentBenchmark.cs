using BenchmarkDotNet.Attributes;
using Recruiting.MailImport.Importing;

namespace Recruiting.Benchmarks.MailImport;

/// <summary>
/// A reply with a 50 MB attachment is streamed to the host, not buffered: the import must allocate under 16 MB of managed
/// memory (see the Allocated column). The message is read from a file, as a folder or IMAP source hands it over.
/// </summary>
[MemoryDiagnoser]
public class MailImportLargeAttachmentBenchmark
{
    private const int AttachmentBytes = 50 * 1024 * 1024;
    private string _file = string.Empty;
    private BenchMailHost _host = null!;
    private IMailImporter _importer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), "recruiting-bench-50mb-" + Environment.ProcessId + ".eml");
        using (var stream = File.Create(_file))
        {
            BenchMessages.Reply(2_000, AttachmentBytes).WriteTo(stream);
        }

        _host = new BenchMailHost();
        _importer = _host.CreateImporter(new MailImportOptions { MaxMessageBytes = 128L * 1024 * 1024 });
        var outcome = Import();
        if (outcome.Status != ImportStatus.Imported || _host.DocumentBytes != AttachmentBytes)
        {
            throw new InvalidOperationException($"The benchmark import did not import: {outcome.Status} {outcome.Reason} {outcome.Detail}, {_host.DocumentBytes} bytes");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark]
    public ImportOutcome Import()
    {
        _host.Reset();
        using var stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        return _importer.ImportAsync(BenchMailHost.Tenant, stream).GetAwaiter().GetResult();
    }
}
