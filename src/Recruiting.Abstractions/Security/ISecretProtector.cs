namespace Recruiting;

/// <summary>Encrypts the secrets the SDK stores (board passwords, provider API keys) so they are never at rest in clear.</summary>
public interface ISecretProtector
{
    /// <summary>Encrypts a secret.</summary>
    /// <param name="purpose">What the secret is for (for example <c>boards.password</c>); a secret protected for one purpose cannot be read for another.</param>
    /// <param name="secret">The secret.</param>
    /// <returns>The protected form, safe to store.</returns>
    string Protect(string purpose, string secret);

    /// <summary>Decrypts a secret.</summary>
    /// <param name="purpose">The purpose it was protected for.</param>
    /// <param name="protectedSecret">The protected form.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="SecretUnavailableException">The keys that protected it are not available, or the data was altered.</exception>
    string Unprotect(string purpose, string protectedSecret);
}
