using System.Runtime.CompilerServices;
using System.Text;

namespace Recruiting.MailImport.Tests;

internal static class TestSetup
{
    /// <summary>What a host does at start-up: MimeKit reads the registered code pages once, before the first message is parsed.</summary>
    [ModuleInitializer]
    internal static void RegisterCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
