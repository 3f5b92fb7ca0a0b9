using System.CommandLine;
using System.Text;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.Cli;

/// <summary>The console sample's CLI (ARCHITECTURE.md): one JSON document on stdout, logs on stderr, exit codes 0/1/2.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var context = new CliContext(stdout, stderr);
        var root = new RootCommand("Recruiting SDK sample host: a mini ATS on SQLite wired to every SDK capability.");
        root.Subcommands.Add(DemoCommand.Create(context));
        foreach (var module in SampleModules.All)
        {
            module.AddCommands(root, context);
        }

        // Response files are off: a mail subject may start with '@'.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            context.WriteJson(new { error = string.Join(" ", parse.Errors.Select(e => e.Message)) });
            return 2;
        }

        if (parse.Action is null)
        {
            context.WriteJson(new { error = $"'{parse.CommandResult.Command.Name}' needs a verb; run with --help to list them." });
            return 2;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }
}
