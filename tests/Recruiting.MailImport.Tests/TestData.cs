using MimeKit;

namespace Recruiting.MailImport.Tests;

/// <summary>Finds test data files copied beside the test assembly (<c>&lt;Feature&gt;/TestData/&lt;kind&gt;/</c>).</summary>
internal static class TestData
{
    public static string Directory(string feature, string kind) => Path.Combine(AppContext.BaseDirectory, feature, "TestData", kind);

    public static string PathOf(string feature, string kind, string name) => Path.Combine(Directory(feature, kind), name);

    public static IEnumerable<object[]> Names(string feature, string kind, string extension)
        => System.IO.Directory.EnumerateFiles(Directory(feature, kind), "*" + extension)
            .Select(p => Path.GetFileName(p)[..^extension.Length])
            .Order(StringComparer.Ordinal)
            .Select(n => new object[] { n });

    public static MimeMessage LoadMessage(string feature, string kind, string name)
        => MimeMessage.Load(PathOf(feature, kind, name.EndsWith(".eml", StringComparison.Ordinal) ? name : name + ".eml"));
}
