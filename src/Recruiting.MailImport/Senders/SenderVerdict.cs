namespace Recruiting.MailImport.Senders;

/// <summary>Whether the forwarder of a mail is trusted, and why not.</summary>
/// <param name="Trusted">Whether the sender is trusted.</param>
/// <param name="Detail">Why not (or how it was verified), for people.</param>
internal sealed record SenderVerdict(bool Trusted, string Detail)
{
    public static SenderVerdict Trust(string detail) => new(true, detail);

    public static SenderVerdict Refuse(string detail) => new(false, detail);
}
