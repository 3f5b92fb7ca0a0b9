using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Recruiting.MailImport.Importing;

namespace Recruiting.MailImport.Tests.Importing;

/// <summary>
/// Mutated versions of the real fixtures (truncated, bytes flipped in headers and boundaries, boundaries duplicated or dropped,
/// base64 broken, line ends mangled, binary garbage, nested 1–80 deep) go through the importer with in-memory ports. Every outcome
/// must be a typed result, never an exception, and nothing may be lost: an import is in the history, a quarantine holds the exact
/// bytes with a reason, and importing the same bytes again is a duplicate of the first entry or the same quarantine record.
/// Seeded and bounded, so the run is the same every time and stays fast.
/// </summary>
public sealed class HostileInputProperties
{
    private const int MaxSeedBytes = 64 * 1024;

    private static readonly byte[][] Seeds = LoadSeeds();

    private static readonly string[] MutationNames =
        ["truncate", "flipHeaderBytes", "flipBoundaryBytes", "duplicateBoundary", "dropBoundaries", "breakBase64", "mangleLineEnds", "insertGarbage", "nest"];

    [Property(MaxTest = 150, Replay = "(20261123,1311)")]
    public Property Mutated_fixtures_always_get_a_typed_outcome_and_nothing_is_lost()
    {
        var cases = Gen.Choose(0, Seeds.Length - 1)
            .SelectMany(seed => Gen.Choose(0, MutationNames.Length - 1).Select(kind => (seed, kind)))
            .SelectMany(t => Gen.Choose(0, int.MaxValue - 1).Select(random => new MutationCase(t.seed, t.kind, random)));

        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var input = Mutate(Seeds[c.Seed], c.Kind, new Random(c.Random));
            var problem = Check(input);
            return problem is null ? true.Label("ok") : false.Label($"{MutationNames[c.Kind]} of seed {c.Seed}: {problem}");
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(70)]
    public void Nesting_far_past_the_depth_limit_is_quarantined_whole(int levels)
    {
        var seed = File.ReadAllBytes(ImportHarness.Eml("reply-forwarded-attachment.eml"));

        Check(Nest(seed, levels)).Should().BeNull();
    }

    /// <summary>Imports <paramref name="input"/> twice into a fresh importer and returns what went wrong, or <see langword="null"/>.</summary>
    private static string? Check(byte[] input)
    {
        using var h = new ImportHarness(o => o.MaxDepth = 16);
        ImportOutcome first, second;
        try
        {
            first = h.Importer.ImportAsync(ImportHarness.Acme, new MemoryStream(input, writable: false)).GetAwaiter().GetResult();
            second = h.Importer.ImportAsync(ImportHarness.Acme, new MemoryStream(input, writable: false)).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            return "threw " + ex;
        }

        switch (first.Status)
        {
            case ImportStatus.Imported:
                if (first.HistoryEntryId is not { } entry || h.Host.History.Count(e => e.Entry.Id == entry) != 1)
                {
                    return "imported but not in the history exactly once";
                }

                if (second.Status != ImportStatus.Duplicate || second.HistoryEntryId != entry || h.Host.History.Count != 1)
                {
                    return $"second import was {second.Status} with {second.HistoryEntryId}, history {h.Host.History.Count}";
                }

                return h.Stores.Quarantine.Count == 0 ? null : "imported and quarantined";

            case ImportStatus.Quarantined:
                if (first.Reason is null || first.QuarantineId is null)
                {
                    return "quarantined without a reason or record";
                }

                var held = h.Stores.Quarantine.Where(q => q.Id == first.QuarantineId).ToList();
                if (held.Count != 1 || h.Stores.Quarantine.Count != 1)
                {
                    return $"{h.Stores.Quarantine.Count} quarantine records";
                }

                using (var raw = ((IMailQuarantineStore)h.Stores).OpenRawAsync(first.QuarantineId).AsTask().GetAwaiter().GetResult())
                using (var copy = new MemoryStream())
                {
                    raw!.CopyTo(copy);
                    if (!copy.ToArray().AsSpan().SequenceEqual(input))
                    {
                        return $"quarantine kept {copy.Length} bytes of {input.Length}";
                    }
                }

                if (second.Status != ImportStatus.Quarantined || second.QuarantineId != first.QuarantineId || second.Reason != first.Reason)
                {
                    return $"second import was {second.Status} {second.Reason} {second.QuarantineId}";
                }

                return h.Host.History.Count == 0 ? null : "quarantined and in the history";

            default:
                return $"first import was {first.Status}";
        }
    }

    private static byte[] Mutate(byte[] seed, int kind, Random random) => MutationNames[kind] switch
    {
        "truncate" => seed[..random.Next(0, seed.Length)],
        "flipHeaderBytes" => Flip(seed, random, 0, HeaderEnd(seed)),
        "flipBoundaryBytes" => FlipBoundaries(seed, random),
        "duplicateBoundary" => DuplicateBoundary(seed, random),
        "dropBoundaries" => Replace(seed, "\n--", "\n-"),
        "breakBase64" => BreakBase64(seed, random),
        "mangleLineEnds" => random.Next(2) == 0 ? Replace(seed, "\r\n", "\n") : Replace(Replace(seed, "\r\n", "\n"), "\n", "\r"),
        "insertGarbage" => Insert(seed, random.Next(0, seed.Length), RandomBytes(random, random.Next(1, 2048))),
        "nest" => Nest(seed, random.Next(1, 81)),
        _ => seed,
    };

    private static int HeaderEnd(byte[] data)
    {
        var end = data.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            end = data.AsSpan().IndexOf("\n\n"u8);
        }

        return end < 0 ? data.Length : end;
    }

    private static byte[] Flip(byte[] seed, Random random, int start, int end)
    {
        var copy = (byte[])seed.Clone();
        if (end <= start)
        {
            return copy;
        }

        for (var i = random.Next(1, 9); i > 0; i--)
        {
            copy[random.Next(start, end)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static List<int> BoundaryLines(byte[] data)
    {
        var lines = new List<int>();
        for (var i = 0; i + 2 < data.Length; i++)
        {
            if ((i == 0 || data[i - 1] == '\n') && data[i] == '-' && data[i + 1] == '-')
            {
                lines.Add(i);
            }
        }

        return lines;
    }

    private static byte[] FlipBoundaries(byte[] seed, Random random)
    {
        var lines = BoundaryLines(seed);
        if (lines.Count == 0)
        {
            return Flip(seed, random, 0, HeaderEnd(seed));
        }

        var copy = (byte[])seed.Clone();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var at = lines[random.Next(lines.Count)] + 2 + random.Next(0, 8);
            if (at < copy.Length)
            {
                copy[at] ^= (byte)random.Next(1, 256);
            }
        }

        return copy;
    }

    private static byte[] DuplicateBoundary(byte[] seed, Random random)
    {
        var lines = BoundaryLines(seed);
        if (lines.Count == 0)
        {
            return seed;
        }

        var start = lines[random.Next(lines.Count)];
        var end = Array.IndexOf(seed, (byte)'\n', start);
        end = end < 0 ? seed.Length : end + 1;
        var line = seed[start..end];
        var times = random.Next(1, 50);
        var repeated = Enumerable.Repeat(line, times).SelectMany(l => l).ToArray();
        return Insert(seed, start, repeated);
    }

    private static byte[] BreakBase64(byte[] seed, Random random)
    {
        var text = Encoding.Latin1.GetString(seed);
        var marker = text.IndexOf("base64", StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            return Insert(seed, HeaderEnd(seed), "\r\nContent-Transfer-Encoding: base64\r\n"u8.ToArray());
        }

        var bodyStart = text.IndexOf("\n\n", marker, StringComparison.Ordinal) is var lf and >= 0 ? lf : text.IndexOf("\r\n\r\n", marker, StringComparison.Ordinal);
        if (bodyStart < 0 || bodyStart + 8 >= seed.Length - 1)
        {
            return seed;
        }

        var copy = (byte[])seed.Clone();
        for (var i = random.Next(1, 32); i > 0; i--)
        {
            const string Junk = "!@#$%^&*=-_~\0\u00ff";
            copy[random.Next(bodyStart + 4, copy.Length)] = (byte)Junk[random.Next(Junk.Length)];
        }

        return copy;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Insert(byte[] seed, int at, byte[] insert) => [.. seed.AsSpan(0, at), .. insert, .. seed.AsSpan(at)];

    private static byte[] Replace(byte[] seed, string from, string to)
        => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(seed).Replace(from, to, StringComparison.Ordinal));

    /// <summary>Wraps the message as a <c>message/rfc822</c> attachment of a forward, <paramref name="levels"/> times.</summary>
    private static byte[] Nest(byte[] seed, int levels)
    {
        var current = seed;
        for (var level = 0; level < levels; level++)
        {
            var head = Encoding.ASCII.GetBytes(
                $"From: Recruiter <recruiter@acme.example>\r\nTo: import@acme.example\r\nSubject: 2024-000123 Fwd: level {level}\r\n" +
                $"Message-ID: <nest-{level}-{current.Length}@acme.example>\r\nMIME-Version: 1.0\r\n" +
                $"Content-Type: multipart/mixed; boundary=\"nest{level}\"\r\n\r\n--nest{level}\r\nContent-Type: text/plain\r\n\r\nFYI\r\n" +
                $"--nest{level}\r\nContent-Type: message/rfc822\r\n\r\n");
            var tail = Encoding.ASCII.GetBytes($"\r\n--nest{level}--\r\n");
            current = [.. head, .. current, .. tail];
        }

        return current;
    }

    private static byte[][] LoadSeeds()
    {
        var folders = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "TestData", "import"),
            TestData.Directory("Unwrapping", "forwards"),
            TestData.Directory("Attachments", "attachments"),
        };
        return folders.SelectMany(f => Directory.EnumerateFiles(f, "*.eml"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Where(b => b.Length <= MaxSeedBytes)
            .ToArray();
    }

    public sealed record MutationCase(int Seed, int Kind, int Random);
}
