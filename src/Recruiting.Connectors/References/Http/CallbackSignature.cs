using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Recruiting.References.Http;

/// <summary>
/// The callback signature of the contract: <c>X-Reference-Signature: v1=HEX</c> where HEX is the lowercase
/// HMAC-SHA256, keyed by the tenant's webhook secret, of the ASCII timestamp (<c>X-Reference-Timestamp</c>, Unix
/// seconds), a '.', and the raw body bytes.
/// </summary>
internal static class CallbackSignature
{
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
        => $"{ReferenceContract.SignatureVersion}={Compute(secret, timestamp, body)}";

    public static CallbackRefusal? Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return CallbackRefusal.MissingSignature;
        }

        if (!long.TryParse(timestampHeader.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return CallbackRefusal.BadSignature;
        }

        // The signature is checked before the time so that a forger learns nothing about the clock.
        var expected = Compute(secret, timestamp, body);
        var valid = false;
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // Several v1= values are allowed while a secret is rotated; every one is compared in fixed time.
            if (part.StartsWith(ReferenceContract.SignatureVersion + "=", StringComparison.Ordinal)
                && SecretComparer.FixedTimeEquals(part[(ReferenceContract.SignatureVersion.Length + 1)..].ToLowerInvariant(), expected))
            {
                valid = true;
            }
        }

        if (!valid)
        {
            return CallbackRefusal.BadSignature;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253_402_300_799));
        return (now - signedAt).Duration() > tolerance ? CallbackRefusal.StaleTimestamp : null;
    }

    private static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
