using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Recruiting.MailImport;

/// <summary>Makes the legacy code pages (Shift_JIS, ISO-2022-JP, windows-1252 …) available to MimeKit and its TNEF reader.</summary>
/// <remarks>
/// MimeKit looks the code pages up once: if it parses a message before <see cref="CodePagesEncodingProvider"/> is registered,
/// ISO-2022-JP subjects stay undecoded and the TNEF reader fails for the rest of the process. The provider is therefore registered
/// when this assembly loads; hosts that use MimeKit before loading it must call
/// <c>Encoding.RegisterProvider(CodePagesEncodingProvider.Instance)</c> at start-up themselves.
/// </remarks>
internal static class MailEncodings
{
    private static int _registered;

    /// <summary>Registers <see cref="CodePagesEncodingProvider"/> once per process.</summary>
    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }
    }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "MimeKit must see the code pages before it first parses a message; registering is idempotent and side-effect free.")]
    internal static void RegisterOnLoad() => EnsureRegistered();
}
