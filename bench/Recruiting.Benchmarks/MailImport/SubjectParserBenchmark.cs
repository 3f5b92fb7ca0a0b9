using BenchmarkDotNet.Attributes;
using Recruiting.MailImport.Subjects;

namespace Recruiting.Benchmarks.MailImport;

/// <summary>
/// Subject parser throughput. Target: at least 2 million subjects per second on one core and zero allocations for
/// <see cref="SubjectParser.TryParse(ReadOnlySpan{char}, out SubjectMatch)"/> on subjects without encoded words.
/// Run: <c>dotnet run -c Release --project bench/Recruiting.Benchmarks -- --filter '*SubjectParser*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SubjectParserBenchmark
{
    /// <summary>A mix of what recruiters send: the seed's form, prefix chains, brackets, CJK, tags, and failures.</summary>
    public static readonly string[] Subjects =
    [
        "2024-000123 WG: Re: Ihre Bewerbung",
        "WG: 2024-000123 Re: Ihre Bewerbung",
        "Fwd: [2024-000123] Re: Interview",
        "TR : RE: 2024-000123 Disponibilités",
        "転送: 2024-000123 面接日程について",
        "[EXTERNAL] FW: Re[2]: BW-58213 Interview next week",
        "Re: Ihre Bewerbung als Softwareentwickler",
        "AW: AW: WG: 2024-000123 2024-000124 Termin",
    ];

    private readonly SubjectParser _parser = new();
    private readonly SubjectParser _checksumParser = new(new SubjectParserOptions { Checksum = ReferenceChecksum.Damm });
    private readonly SubjectParser _patternParser = new(new SubjectParserOptions { ReferencePattern = @"(?:\d{4}-\d{6}|BW-\d{5})" });
    private readonly string _encoded = "=?UTF-8?B?6Lui6YCBOiAyMDI0LTAwMDEyMyDpnaLmjqXml6XnqIvjgavjgaTjgYTjgaY=?=";
    private readonly string _huge = "Re: 2024-000123 " + new string('x', 100 * 1024);

    /// <summary>TryParse over the mix; the figure is per subject.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int TryParse()
    {
        var found = 0;
        foreach (var subject in Subjects)
        {
            if (_parser.TryParse(subject, out var match))
            {
                found += match.Reference.End.Value;
            }
        }

        return found;
    }

    /// <summary>TryParse with a Damm check digit.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int TryParseWithChecksum()
    {
        var found = 0;
        foreach (var subject in Subjects)
        {
            if (_checksumParser.TryParse(subject, out var match))
            {
                found += match.Reference.End.Value;
            }
        }

        return found;
    }

    /// <summary>TryParse with a tenant's regular expression.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int TryParseWithPattern()
    {
        var found = 0;
        foreach (var subject in Subjects)
        {
            if (_patternParser.TryParse(subject, out var match))
            {
                found += match.Reference.End.Value;
            }
        }

        return found;
    }

    /// <summary>Parse (strings and result records) over the mix.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int Parse()
    {
        var found = 0;
        foreach (var subject in Subjects)
        {
            found += _parser.Parse(subject).Subject?.Length ?? 0;
        }

        return found;
    }

    /// <summary>Parse of an RFC 2047 encoded subject (MimeKit decoding).</summary>
    [Benchmark]
    public string? ParseEncoded() => _parser.Parse(_encoded).Subject;

    /// <summary>TryParse of a 100 KB subject: bounded by the prefix region, not the length.</summary>
    [Benchmark]
    public bool TryParseHuge() => _parser.TryParse(_huge, out _);
}
