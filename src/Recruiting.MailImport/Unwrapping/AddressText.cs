using System.Text.RegularExpressions;
using MimeKit;

namespace Recruiting.MailImport.Unwrapping;

/// <summary>Reads a sender as inline forwards show it: <c>Name &lt;addr&gt;</c>, <c>"Last, First" &lt;addr&gt;</c>,
/// <c>Name [mailto:addr]</c> (Outlook), <c>*Name* &lt;addr&gt;</c> (Gmail text), a bare address, or only a name.</summary>
internal static partial class AddressText
{
    public static (string? Address, string? Name) Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var text = value.Trim();
        var match = AddressRegex().Match(text);
        if (!match.Success)
        {
            var onlyName = CleanName(text);
            return (null, onlyName.Length == 0 ? null : onlyName);
        }

        var address = match.Value.Trim('.', ',', ';');
        if (MailboxAddress.TryParse(text, out var mailbox) && string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(mailbox.Name))
        {
            return (address, CleanName(mailbox.Name));
        }

        var name = CleanName(AddressRegex().Replace(MailtoRegex().Replace(text, " "), " "));
        return (address, name.Length == 0 ? null : name);
    }

    private static string CleanName(string name)
    {
        var cleaned = name.Replace("<>", " ", StringComparison.Ordinal).Replace("[]", " ", StringComparison.Ordinal)
            .Replace("()", " ", StringComparison.Ordinal);
        cleaned = SpacesRegex().Replace(cleaned, " ").Trim().Trim('<', '>', '[', ']', '(', ')', '"', '\'', '*', ',', ';', ':', ' ', '„', '“', '«', '»');
        return cleaned.Trim();
    }

    [GeneratedRegex(@"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-\p{L}]+@[A-Za-z0-9\-\p{L}]+(?:\.[A-Za-z0-9\-\p{L}]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex AddressRegex();

    [GeneratedRegex(@"mailto:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MailtoRegex();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SpacesRegex();
}
