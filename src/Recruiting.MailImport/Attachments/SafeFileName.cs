using System.Globalization;
using System.Text;
using MimeKit;

namespace Recruiting.MailImport.Attachments;

/// <summary>Turns an attachment name from a mail into a file name safe to store anywhere.</summary>
/// <remarks>
/// Keeps only the last path component (<c>../../x.pdf</c> → <c>x.pdf</c>, <c>C:\tmp\x.pdf</c> → <c>x.pdf</c>); drops control and
/// format characters (including bidirectional overrides that disguise <c>exe</c> as <c>pdf</c>); replaces characters Windows forbids;
/// trims dots and spaces at both ends; prefixes Windows device names (<c>CON</c>, <c>NUL.txt</c>, <c>COM1</c> …) with <c>_</c>;
/// composes Unicode (NFC) and keeps it (<c>履歴書.pdf</c>); shortens to <see cref="MaxLength"/> characters keeping the extension; and,
/// when nothing is left, makes a name from the content type (<c>attachment.pdf</c>).
/// </remarks>
internal static class SafeFileName
{
    public const int MaxLength = 150;

    private static readonly string[] DeviceNames =
    [
        "CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    ];

    public static string Create(string? raw, string? contentType, string fallbackStem = "attachment")
    {
        var name = Clean(raw);
        if (name.Length == 0)
        {
            name = fallbackStem + ExtensionFor(contentType);
        }

        return name;
    }

    public static string ExtensionFor(string? contentType)
    {
        if (!string.IsNullOrEmpty(contentType)
            && MimeTypes.TryGetExtension(contentType, out var extension) && !string.IsNullOrEmpty(extension))
        {
            return extension;
        }

        return contentType is not null && contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? ".txt" : ".bin";
    }

    private static string Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var text = raw.Replace('\\', '/');
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            text = text[(slash + 1)..];
        }

        try
        {
            text = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; they are removed below.
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[i + 1]);
                    i++;
                }

                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            if (c is '<' or '>' or ':' or '"' or '|' or '?' or '*')
            {
                builder.Append('_');
            }
            else if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        var name = builder.ToString().Trim(' ', '.');
        if (name.Length == 0)
        {
            return string.Empty;
        }

        var stemEnd = name.IndexOf('.', StringComparison.Ordinal);
        var stem = (stemEnd < 0 ? name : name[..stemEnd]).TrimEnd(' ');
        if (DeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
        {
            name = "_" + name;
        }

        return Shorten(name);
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 16)
        {
            extension = string.Empty;
        }

        var keep = MaxLength - extension.Length;
        if (char.IsHighSurrogate(name[keep - 1]))
        {
            keep--;
        }

        return name[..keep].TrimEnd(' ', '.') + extension;
    }
}
