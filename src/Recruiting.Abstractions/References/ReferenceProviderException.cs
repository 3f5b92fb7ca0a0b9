namespace Recruiting.References;

/// <summary>What went wrong talking to a reference-check provider.</summary>
public enum ReferenceProviderProblem
{
    /// <summary>The provider could not be reached, timed out or kept answering with server errors.</summary>
    Unavailable,

    /// <summary>The provider refused the credentials.</summary>
    Unauthorized,

    /// <summary>The provider refused the request as invalid.</summary>
    Rejected,

    /// <summary>The provider does not know the thing asked for, or has no report yet.</summary>
    NotFound,

    /// <summary>The tenant has no provider configuration or API key.</summary>
    NotConfigured,

    /// <summary>The provider answered something outside the contract.</summary>
    InvalidResponse,
}

/// <summary>A reference-check provider call failed.</summary>
public sealed class ReferenceProviderException : RecruitingException
{
    /// <summary>Initializes a new instance of the <see cref="ReferenceProviderException"/> class.</summary>
    public ReferenceProviderException()
        : this(ReferenceProviderProblem.Unavailable, "The reference-check provider failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReferenceProviderException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ReferenceProviderException(string message)
        : this(ReferenceProviderProblem.Unavailable, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReferenceProviderException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ReferenceProviderException(string message, Exception? innerException)
        : this(ReferenceProviderProblem.Unavailable, message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReferenceProviderException"/> class.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ReferenceProviderException(ReferenceProviderProblem problem, string message, Exception? innerException = null)
        : base(problem switch
        {
            ReferenceProviderProblem.Unavailable => "referenceProviderUnavailable",
            ReferenceProviderProblem.Unauthorized => "referenceProviderUnauthorized",
            ReferenceProviderProblem.Rejected => "referenceProviderRejected",
            ReferenceProviderProblem.NotFound => "referenceProviderNotFound",
            ReferenceProviderProblem.NotConfigured => "referenceProviderNotConfigured",
            _ => "referenceProviderInvalidResponse",
        }, message, innerException) => Problem = problem;

    /// <summary>Gets the problem.</summary>
    public ReferenceProviderProblem Problem { get; }
}
