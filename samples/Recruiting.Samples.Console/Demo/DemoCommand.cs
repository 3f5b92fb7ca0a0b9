using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.Demo;

/// <summary><c>demo [--db PATH]</c>: runs every capability on the embedded default and prints one JSON summary.</summary>
internal static class DemoCommand
{
    internal static readonly string[] SectionOrder = ["boards", "mail", "automation", "clientAccess", "references"];

    public static Command Create(CliContext cli)
    {
        var command = new Command("demo", "Runs every capability on the embedded default store and prints one JSON summary.");
        command.Options.Add(cli.Db);
        command.SetAction((parse, cancellationToken) =>
        {
            var db = parse.GetValue(cli.Db) is { } given
                ? Path.GetFullPath(given)
                : Path.Combine(Directory.CreateTempSubdirectory("recruiting-demo-").FullName, "recruiting.db");
            return cli.RunAsync(db, (services, ct) => RunAsync(services, ct), cancellationToken);
        });
        return command;
    }

    internal static async Task<object?> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = await services.GetRequiredService<IStoreInfo>().DescribeAsync(cancellationToken).ConfigureAwait(false);
        var summary = new Dictionary<string, object?>
        {
            ["store"] = new { path = store.Location, schemaVersion = store.SchemaVersion },
        };

        var steps = services.GetServices<IDemoStep>().ToDictionary(s => s.Section, StringComparer.Ordinal);
        foreach (var section in SectionOrder)
        {
            summary[section] = steps.TryGetValue(section, out var step)
                ? await step.RunAsync(services, SampleHost.DemoTenant, cancellationToken).ConfigureAwait(false)
                : null;
        }

        return summary;
    }
}
