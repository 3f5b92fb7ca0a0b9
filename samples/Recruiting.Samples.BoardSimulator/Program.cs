namespace Recruiting.Samples.BoardSimulator;

/// <summary>Runs the board simulator on 127.0.0.1 (filled in by the board-import issue).</summary>
public static class SimulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.Run();
    }
}
