using System.Text;

namespace Recruiting.MailImport.Importing;

/// <summary>
/// Keeps messages larger than <see cref="MailImportOptions.MaxMessageBytes"/> whole, as files named by their SHA-256 in
/// <see cref="MailImportOptions.OversizeDirectory"/>, instead of in the quarantine store: a database row of gigabytes (SQLite
/// refuses values over 1 GB) would fail the quarantine itself and lose the message. The quarantine record then holds a small
/// pointer message instead of the raw bytes: the original's address headers plus <c>X-Recruiting-Oversize-File</c>,
/// <c>X-Recruiting-Oversize-Sha256</c> and <c>X-Recruiting-Oversize-Length</c>. A replay follows the pointer.
/// </summary>
internal static class OversizeMailFiles
{
    /// <summary>The first header of a pointer message.</summary>
    public const string FileHeader = "X-Recruiting-Oversize-File";

    private const string Sha256Header = "X-Recruiting-Oversize-Sha256";
    private const string LengthHeader = "X-Recruiting-Oversize-Length";
    private const int MaxCopiedHeaderBytes = 16 * 1024;
    private static readonly string[] CopiedHeaders = ["From", "To", "Cc", "Subject", "Date", "Message-ID", "Delivered-To"];

    /// <summary>Gets the folder oversize messages go to.</summary>
    public static string Folder(MailImportOptions options)
        => options.OversizeDirectory ?? Path.Combine(options.SpoolDirectory ?? Path.GetTempPath(), "recruiting-mail-oversize");

    /// <summary>
    /// Copies the spooled message to <c>FOLDER/SHA256.eml</c> (written under a temporary name, flushed to disk, then renamed, so a
    /// crash never leaves a partial file under the final name; an existing complete copy is kept) and returns the pointer message.
    /// When the copy would take the folder over <see cref="MailImportOptions.MaxOversizeDirectoryBytes"/>, nothing is written
    /// and the third value says why; the pointer still names the file a replay would read.
    /// </summary>
    public static async Task<(string Path, byte[] Pointer, string? NotKept)> KeepAsync(MessageSpool spool, MailImportOptions options, CancellationToken cancellationToken)
    {
        var folder = Folder(options);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, spool.Sha256 + ".eml");
        if (!File.Exists(path) || new FileInfo(path).Length != spool.Length)
        {
            var used = Used(folder);
            if (used + spool.Length > options.MaxOversizeDirectoryBytes)
            {
                // The pointer still names the file a replay would read, so placing the message there later makes it replayable.
                var why = $"It was not kept: {folder} holds {used} bytes and may hold {options.MaxOversizeDirectoryBytes} (MaxOversizeDirectoryBytes).";
                return (path, Pointer(spool, path, why), why);
            }

            var partial = path + "." + Guid.NewGuid().ToString("N") + ".partial";
            try
            {
                var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    await spool.Rewind().CopyToAsync(file, 81920, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }

                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
        }

        return (path, Pointer(spool, path, null), null);
    }

    /// <summary>The bytes of the messages in the folder (complete and partial files).</summary>
    private static long Used(string folder)
    {
        long used = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            used += file.Length;
        }

        return used;
    }

    /// <summary>Reads a pointer message's file, or returns <see langword="null"/> when <paramref name="raw"/> is not a pointer.</summary>
    /// <param name="raw">A quarantined message's raw bytes, seekable; left at its start.</param>
    /// <returns>The file and its expected length and SHA-256, or <see langword="null"/>.</returns>
    public static (string Path, long Length, string Sha256)? ReadPointer(Stream raw)
    {
        if (!raw.CanSeek || raw.Length > 64 * 1024)
        {
            return null;
        }

        var start = raw.Position;
        var buffer = new byte[raw.Length - start];
        raw.ReadExactly(buffer);
        raw.Position = start;
        var text = Encoding.UTF8.GetString(buffer);
        if (!text.StartsWith(FileHeader + ":", StringComparison.Ordinal))
        {
            return null;
        }

        string? path = null, sha = null;
        long length = -1;
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case FileHeader: path = value; break;
                case Sha256Header: sha = value; break;
                case LengthHeader: _ = long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out length); break;
            }
        }

        return path is null || sha is null || length < 0 ? null : (path, length, sha);
    }

    private static byte[] Pointer(MessageSpool spool, string path, string? notKept)
    {
        var text = new StringBuilder();
        text.Append(FileHeader).Append(": ").Append(path).Append("\r\n");
        text.Append(Sha256Header).Append(": ").Append(spool.Sha256).Append("\r\n");
        text.Append(LengthHeader).Append(": ").Append(spool.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var line in AddressHeaders(spool))
        {
            text.Append(line).Append("\r\n");
        }

        text.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        text.Append("This message had ").Append(spool.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(" bytes, more than the import limit. ").Append(notKept ?? $"It is kept whole in {path}.").Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The original's From/To/Subject/Date/Message-ID lines (with their folded continuations), from its first 16 KB.</summary>
    private static List<string> AddressHeaders(MessageSpool spool)
    {
        var stream = spool.Rewind();
        var buffer = new byte[(int)Math.Min(MaxCopiedHeaderBytes, spool.Length)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var lines = Encoding.Latin1.GetString(buffer, 0, read).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>();
        var copying = false;
        for (var i = 0; i < lines.Length - 1; i++) // the last piece may be cut mid-line
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                break;
            }

            if (line[0] is ' ' or '\t')
            {
                if (copying)
                {
                    kept[^1] += "\r\n" + line;
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            copying = colon > 0 && CopiedHeaders.Contains(line[..colon].Trim(), StringComparer.OrdinalIgnoreCase) && line.All(c => c < 128);
            if (copying)
            {
                kept.Add(line);
            }
        }

        return kept;
    }
}
