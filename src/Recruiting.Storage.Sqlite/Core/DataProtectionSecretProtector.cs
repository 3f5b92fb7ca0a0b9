using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Storage.Sqlite;

/// <summary>The default <see cref="ISecretProtector"/>: ASP.NET Core Data Protection with its key ring in a folder.</summary>
internal sealed class DataProtectionSecretProtector : ISecretProtector, IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IDataProtectionProvider _provider;

    public DataProtectionSecretProtector(string keysDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(keysDirectory);
        Directory.CreateDirectory(keysDirectory);
        // A private container: the SDK's key ring never mixes with the host's own Data Protection set-up.
        var services = new ServiceCollection();
        services.AddDataProtection()
            .SetApplicationName("Recruiting")
            .PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        _services = services.BuildServiceProvider();
        _provider = _services.GetRequiredService<IDataProtectionProvider>();
    }

    public void Dispose() => _services.Dispose();

    public string Protect(string purpose, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(secret);
        return _provider.CreateProtector(purpose).Protect(secret);
    }

    public string Unprotect(string purpose, string protectedSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(protectedSecret);
        try
        {
            return _provider.CreateProtector(purpose).Unprotect(protectedSecret);
        }
        catch (CryptographicException ex)
        {
            throw new SecretUnavailableException("A stored secret cannot be decrypted: the key ring that protected it is not available or the value was altered. Enter the secret again.", ex);
        }
        catch (FormatException ex)
        {
            throw new SecretUnavailableException("A stored secret is not in a protected form.", ex);
        }
    }
}
