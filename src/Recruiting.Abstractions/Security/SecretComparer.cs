using System.Security.Cryptography;
using System.Text;

namespace Recruiting;

/// <summary>Compares and hashes tokens without leaking timing.</summary>
public static class SecretComparer
{
    /// <summary>Compares two strings in time that depends only on their lengths.</summary>
    /// <param name="left">One value.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool FixedTimeEquals(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
    }

    /// <summary>Hashes a token with SHA-256 for storage (lowercase hex).</summary>
    /// <param name="token">The token.</param>
    /// <returns>The hash.</returns>
    public static string HashToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
