using System.Text;

namespace Recruiting.MailImport;

/// <summary>Makes the legacy code pages (Shift_JIS, ISO-2022-JP, windows-1252 …) available to MimeKit and its TNEF reader.</summary>
internal static class MailEncodings
{
    private static int _registered;

    /// <summary>Registers <see cref="CodePagesEncodingProvider"/> once per process; MimeKit's TNEF reader fails for good if it runs
    /// before the provider is registered.</summary>
    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }
    }
}
