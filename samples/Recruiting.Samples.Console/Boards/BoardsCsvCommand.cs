using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Recruiting.Connectors.Boards;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.Boards;

/// <summary>
/// <c>boards import-csv FILE.csv --board NAME [--encoding ENC] [--db PATH] [--tenant ID]</c> (ARCHITECTURE.md):
/// imports a board's applicant file into the board's <c>default</c> account and prints
/// <c>{"imported": n, "duplicates": n, "rejected": [{"row": n, "reason": ...}]}</c>.
/// </summary>
internal static class BoardsCsvCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("file") { Description = "The CSV file downloaded from the board." };
        var board = new Option<string>("--board") { Description = "The board's registered service name (マイナビ転職, エン転職, doda Assist, type, 女の転職type, Re就活).", Required = true };
        var encoding = new Option<string?>("--encoding") { Description = "utf-8, shift_jis, cp932 or windows-31j (also utf-16); without it a UTF-8 BOM or valid UTF-8 means UTF-8, a UTF-16 BOM UTF-16 (Excel Unicode Text), anything else CP932." };
        var command = new Command("import-csv", "Imports a board's applicant CSV file (the manual fallback; ignores the active-postings list and the grace period).") { file };
        command.Options.Add(board);
        command.Options.Add(encoding);
        command.Options.Add(cli.Db);
        command.Options.Add(cli.Tenant);

        command.SetAction((parse, cancellationToken) =>
        {
            // Invocation errors are found before the store is opened: exit 2 without touching the database.
            string path;
            try
            {
                path = CliContext.RequireFile(parse.GetValue(file));
                var name = parse.GetValue(board) ?? string.Empty;
                if (BoardRegistry.Default.Find(name) is null)
                {
                    var suggestion = BoardRegistry.Default.Suggest(name);
                    throw new CliUsageException($"Unknown board '{name}'{(suggestion is null ? "." : $"; did you mean '{suggestion}'?")} Registered boards: {string.Join(", ", BoardRegistry.Default.Boards.Select(b => b.ServiceName))}.");
                }

                if (parse.GetValue(encoding) is { } enc && !CsvEncodings.TryResolve(enc, out _))
                {
                    throw new CliUsageException($"Unknown encoding '{enc}'; use utf-8, shift_jis, cp932, windows-31j or utf-16.");
                }
            }
            catch (CliUsageException ex)
            {
                cli.WriteJson(new { error = ex.Message });
                return Task.FromResult(2);
            }

            return cli.RunAsync(cli.DbPath(parse), async (services, token) =>
            {
                var importer = services.GetRequiredService<IBoardFileImporter>();
                var stream = File.OpenRead(path);
                await using (stream.ConfigureAwait(false))
                {
                    var result = await importer.ImportFileAsync(cli.TenantOf(parse), parse.GetValue(board)!, "default", stream, parse.GetValue(encoding), Path.GetFileName(path), token).ConfigureAwait(false);
                    if (result.Error is { } error)
                    {
                        throw new CliUsageException($"{error.Code}: {error.Message}");
                    }

                    return new
                    {
                        imported = result.Imported,
                        duplicates = result.Duplicates,
                        rejected = result.Rejected.Select(r => new { row = r.Row, reason = r.Reason }).ToList(),
                    };
                }
            }, cancellationToken);
        });
        return command;
    }
}
