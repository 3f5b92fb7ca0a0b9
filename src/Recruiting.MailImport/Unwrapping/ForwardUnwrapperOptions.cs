using System.ComponentModel.DataAnnotations;

namespace Recruiting.MailImport.Unwrapping;

/// <summary>Limits of <see cref="ForwardUnwrapper"/>.</summary>
internal sealed class ForwardUnwrapperOptions
{
    /// <summary>Gets or sets how many forwards inside forwards are peeled at most.</summary>
    /// <value>The default value is 32.</value>
    [Range(1, 256)]
    public int MaxDepth { get; set; } = 32;

    /// <summary>Gets or sets the longest body, in characters, searched for an inline forward; longer bodies are searched in their first part only.</summary>
    /// <value>The default value is 2,000,000.</value>
    [Range(1_000, 100_000_000)]
    public int MaxSearchLength { get; set; } = 2_000_000;
}
