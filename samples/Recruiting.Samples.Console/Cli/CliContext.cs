using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Samples.Console.Cli;

/// <summary>What a verb needs: the shared options and a way to run work inside a started sample host.</summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    /// <summary>Gets <c>--db PATH</c>, added to every verb that uses a store.</summary>
    public Option<string?> Db { get; } = new("--db") { Description = "The SQLite file (default ./recruiting.db; demo: a fresh temporary database)." };

    /// <summary>Gets <c>--tenant ID</c>.</summary>
    public Option<string> Tenant { get; } = new("--tenant") { Description = "The tenant id.", DefaultValueFactory = _ => SampleHost.DemoTenant.Value };

    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    /// <summary>Exit code of the last verb (set by <see cref="RunAsync"/>).</summary>
    internal int ExitCode { get; private set; }

    /// <summary>Resolves <c>--db</c> for a verb other than demo (default ./recruiting.db).</summary>
    public string DbPath(ParseResult parse) => Path.GetFullPath(parse.GetValue(Db) ?? "recruiting.db");

    public TenantId TenantOf(ParseResult parse)
    {
        var value = parse.GetValue(Tenant);
        return string.IsNullOrWhiteSpace(value) ? throw new CliUsageException("--tenant cannot be empty.") : new TenantId(value);
    }

    /// <summary>Writes one JSON document to stdout.</summary>
    public void WriteJson(object? value) => Stdout.WriteLine(CliJson.Serialize(value));

    /// <summary>
    /// Runs a verb: starts the sample host on the database (options validated, hosted services running), runs the work,
    /// prints its result as the one JSON document, and stops the host. Invocation errors exit 2 with {"error"}; anything
    /// unexpected exits 1 with {"error"}.
    /// </summary>
    public async Task<int> RunAsync(string dbPath, Func<IServiceProvider, CancellationToken, Task<object?>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            using var host = SampleHost.Build(dbPath, Stderr);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var scope = host.Services.CreateAsyncScope();
                var result = await work(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
                WriteJson(result);
                return ExitCode = 0;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (CliUsageException ex)
        {
            WriteJson(new { error = ex.Message });
            return ExitCode = 2;
        }
        catch (StoreSchemaException ex)
        {
            // The verb cannot even start on this file: an invocation error, with the typed reason.
            WriteJson(new { error = $"{ex.Code}: {ex.Message}" });
            return ExitCode = 2;
        }
#pragma warning disable CA1031 // The CLI contract: any unexpected failure is one JSON error document and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Stderr.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            WriteJson(new { error = ex is RecruitingException r ? $"{r.Code}: {r.Message}" : ex.Message });
            return ExitCode = 1;
        }
    }

    /// <summary>Runs a verb that needs no host (pure parsing); same output and exit-code rules.</summary>
    public async Task<int> RunPureAsync(Func<CancellationToken, Task<object?>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            WriteJson(await work(cancellationToken).ConfigureAwait(false));
            return ExitCode = 0;
        }
        catch (CliUsageException ex)
        {
            WriteJson(new { error = ex.Message });
            return ExitCode = 2;
        }
#pragma warning disable CA1031 // The CLI contract: any unexpected failure is one JSON error document and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Stderr.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            WriteJson(new { error = ex.Message });
            return ExitCode = 1;
        }
    }

    /// <summary>Checks that a file given on the command line exists.</summary>
    public static string RequireFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliUsageException("A file path is required.");
        }

        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new CliUsageException($"File not found: {path}");
    }
}
