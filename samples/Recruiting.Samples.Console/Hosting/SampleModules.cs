namespace Recruiting.Samples.Console;

/// <summary>The capabilities wired into the sample, in demo order.</summary>
public static class SampleModules
{
    public static IReadOnlyList<ISampleModule> All { get; } =
    [
        new Boards.BoardsModule(),
        new MailImport.MailModule(),
        new Automation.AutomationModule(),
        new ClientAccess.ClientAccessModule(),
        new References.ReferencesModule(),
    ];
}
