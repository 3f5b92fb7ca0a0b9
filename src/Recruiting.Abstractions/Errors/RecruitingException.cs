namespace Recruiting;

/// <summary>The base of the SDK's exceptions, which are for broken infrastructure and misuse; expected outcomes are result types.</summary>
public class RecruitingException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RecruitingException"/> class.</summary>
    public RecruitingException()
        : this("A Recruiting SDK error occurred.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RecruitingException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RecruitingException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RecruitingException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RecruitingException(string message, Exception? innerException)
        : this("error", message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RecruitingException"/> class.</summary>
    /// <param name="code">A stable camelCase code hosts can switch on.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected RecruitingException(string code, string message, Exception? innerException)
        : base(message, innerException) => Code = code;

    /// <summary>Gets a stable camelCase code hosts can switch on.</summary>
    public string Code { get; }
}

/// <summary>A stored secret cannot be decrypted: the key ring that protected it is not available (lost, replaced or from another machine).</summary>
public sealed class SecretUnavailableException : RecruitingException
{
    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    public SecretUnavailableException()
        : this("A stored secret cannot be decrypted with the available keys.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    public SecretUnavailableException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SecretUnavailableException(string message, Exception? innerException)
        : base("secretUnavailable", message, innerException)
    {
    }
}

/// <summary>Why a store cannot be opened.</summary>
public enum StoreSchemaProblem
{
    /// <summary>The file is not a Recruiting SDK database.</summary>
    NotARecruitingDatabase,

    /// <summary>The database was written by a newer version of the SDK.</summary>
    NewerSchema,

    /// <summary>The file is corrupt or unreadable.</summary>
    Unreadable,
}

/// <summary>A store file cannot be used; nothing in it was changed.</summary>
public sealed class StoreSchemaException : RecruitingException
{
    /// <summary>Initializes a new instance of the <see cref="StoreSchemaException"/> class.</summary>
    public StoreSchemaException()
        : this(StoreSchemaProblem.Unreadable, "The store cannot be opened.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StoreSchemaException"/> class.</summary>
    /// <param name="message">The message.</param>
    public StoreSchemaException(string message)
        : this(StoreSchemaProblem.Unreadable, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StoreSchemaException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StoreSchemaException(string message, Exception? innerException)
        : this(StoreSchemaProblem.Unreadable, message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StoreSchemaException"/> class.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StoreSchemaException(StoreSchemaProblem problem, string message, Exception? innerException = null)
        : base(problem switch
        {
            StoreSchemaProblem.NotARecruitingDatabase => "notARecruitingDatabase",
            StoreSchemaProblem.NewerSchema => "newerSchema",
            _ => "unreadableStore",
        }, message, innerException) => Problem = problem;

    /// <summary>Gets the problem.</summary>
    public StoreSchemaProblem Problem { get; }
}
