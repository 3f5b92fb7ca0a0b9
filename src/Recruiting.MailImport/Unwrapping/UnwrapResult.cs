namespace Recruiting.MailImport.Unwrapping;

/// <summary>The outcome of <see cref="ForwardUnwrapper.Unwrap(MimeKit.MimeMessage)"/>.</summary>
public sealed record UnwrapResult
{
    /// <summary>Gets a result for a forward from which nothing could be recovered.</summary>
    public static UnwrapResult NotFound { get; } = new() { Method = UnwrapMethod.None };

    /// <summary>Gets the candidate's message, or <see langword="null"/> when <see cref="Method"/> is <see cref="UnwrapMethod.None"/>.</summary>
    public OriginalMessage? Original { get; init; }

    /// <summary>Gets the recruiter's own note written above the forwarded message, or <see langword="null"/> when there was none.</summary>
    public string? RecruiterNote { get; init; }

    /// <summary>Gets how the original was found.</summary>
    public UnwrapMethod Method { get; init; }

    /// <summary>Gets how many forwards were peeled to reach <see cref="Original"/> (1 for a plain forward).</summary>
    public int Depth { get; init; }

    /// <summary>Gets the notes written by intermediate forwarders (recruiter A's note when B forwarded A's forward), outermost first.</summary>
    public IReadOnlyList<string> IntermediateNotes { get; init; } = [];

    /// <summary>Gets a value indicating whether peeling stopped at the depth limit with more forwards inside.</summary>
    public bool DepthLimitReached { get; init; }
}
