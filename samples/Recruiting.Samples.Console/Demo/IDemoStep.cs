namespace Recruiting.Samples.Console.Demo;

/// <summary>One capability's part of <c>demo</c>: runs on the started sample host and returns its JSON section.</summary>
public interface IDemoStep
{
    /// <summary>Gets the section name in the demo summary (<c>boards</c>, <c>mail</c>, <c>automation</c>, <c>clientAccess</c>, <c>references</c>).</summary>
    string Section { get; }

    /// <summary>Runs the step for the demo tenant and returns the section's content (serialised with the CLI's JSON rules).</summary>
    Task<object?> RunAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken);
}
