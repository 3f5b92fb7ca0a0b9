using System.Text;

namespace Recruiting.Connectors.Boards;

/// <summary>Resolves the encodings Japanese boards use, including the names .NET does not know (<c>windows-31j</c>, <c>cp932</c>, <c>ms932</c>).</summary>
internal static class PageEncodings
{
    // Registered before anything else of the class runs (a static field initializer runs before a static constructor's body).
    private static readonly bool Registered = Register();

    private static bool Register()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }

    /// <summary>Finds an encoding by name, or null when unknown.</summary>
    public static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || !Registered)
        {
            return null;
        }

        var trimmed = name.Trim().Trim('"', '\'');
        switch (trimmed.ToUpperInvariant())
        {
            case "SHIFT_JIS" or "SHIFT-JIS" or "SJIS" or "X-SJIS" or "WINDOWS-31J" or "CP932" or "MS932" or "MS_KANJI":
                return Encoding.GetEncoding(932);
            case "UTF8" or "UTF-8":
                return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(trimmed);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
