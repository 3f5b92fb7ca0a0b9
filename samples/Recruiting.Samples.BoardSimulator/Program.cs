using System.Globalization;

namespace Recruiting.Samples.BoardSimulator;

/// <summary>Runs the board simulator on 127.0.0.1: <c>--port N --accounts N --applicants N --page-size N</c>.</summary>
public static class SimulatorProgram
{
    /// <summary>Entry point.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        var options = new BoardSimulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            bool Int(out int n) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out n);
            switch (args[i])
            {
                case "--port" when Int(out var port): options.Port = port; i++; break;
                case "--accounts" when Int(out var accounts): options.Accounts = accounts; i++; break;
                case "--applicants" when Int(out var applicants): options.ApplicantsPerAccount = applicants; i++; break;
                case "--page-size" when Int(out var size) && size > 0: options.PageSize = size; i++; break;
                default:
                    await Console.Error.WriteLineAsync($"unknown or invalid option '{args[i]}'; use --port N --accounts N --applicants N --page-size N").ConfigureAwait(false);
                    return 2;
            }
        }

        var simulator = new BoardSimulator(options);
        await using (simulator.ConfigureAwait(false))
        {
            var address = await simulator.StartAsync().ConfigureAwait(false);
            Console.WriteLine($"Board simulator on {address} — accounts {BoardSimulatorOptions.LoginIdOf(1)}..{BoardSimulatorOptions.LoginIdOf(options.Accounts)}, password of acct001: {BoardSimulatorOptions.PasswordOf(BoardSimulatorOptions.LoginIdOf(1))}. Ctrl+C stops.");
            await simulator.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }
}
