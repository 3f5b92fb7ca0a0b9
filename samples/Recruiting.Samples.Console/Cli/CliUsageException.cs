namespace Recruiting.Samples.Console.Cli;

/// <summary>An invocation error: the verb cannot even start (missing file, unreadable input, bad option value). Exit code 2.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
