using System.CommandLine;

namespace Recruiting.Samples.Console.Boards;

/// <summary>The <c>boards</c> parent command every boards verb hangs off.</summary>
internal static class BoardsCommands
{
    public static Command Parent(RootCommand root)
    {
        var boards = root.Subcommands.FirstOrDefault(c => c.Name == "boards");
        if (boards is null)
        {
            boards = new Command("boards", "Job-board import: manual CSV files, automatic runs, history.");
            root.Subcommands.Add(boards);
        }

        return boards;
    }
}
