namespace Recruiting.Testing;

/// <summary>A temp folder deleted when disposed.</summary>
public sealed class TestTempDirectory : IDisposable
{
    public TestTempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("recruiting-test-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow disposal is left to the OS temp cleaner.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
