using System.Buffers;
using System.Security.Cryptography;

namespace Recruiting.MailImport.Importing;

/// <summary>
/// A raw message copied to a temp file (deleted when disposed) while its SHA-256 is computed, so the importer works on a
/// seekable file of bounded memory cost whatever the caller's stream is.
/// </summary>
internal sealed class MessageSpool : IAsyncDisposable, IDisposable
{
    private const int BufferSize = 81920;

    private MessageSpool(FileStream file, string sha256, long length)
    {
        File = file;
        Sha256 = sha256;
        Length = length;
    }

    /// <summary>Gets the spooled file, positioned at its start by <see cref="Rewind"/>.</summary>
    public FileStream File { get; }

    /// <summary>Gets the SHA-256 of the raw bytes, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>Gets the number of raw bytes.</summary>
    public long Length { get; }

    public static async Task<MessageSpool> CreateAsync(Stream raw, string? directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var folder = directory ?? Path.GetTempPath();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "recruiting-mail-" + Guid.NewGuid().ToString("N") + ".eml");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, BufferSize, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            int read;
            while ((read = await raw.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                length += read;
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return new MessageSpool(file, Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Positions the file at its start and returns it.</summary>
    public FileStream Rewind()
    {
        File.Position = 0;
        return File;
    }

    public ValueTask DisposeAsync() => File.DisposeAsync();

    public void Dispose() => File.Dispose();
}
