namespace Recruiting.MailImport.Subjects;

/// <summary>
/// The allocation-free outcome of <see cref="SubjectParser.TryParse(ReadOnlySpan{char}, out SubjectMatch)"/>: ranges into the
/// subject that was parsed.
/// </summary>
public readonly record struct SubjectMatch
{
    /// <summary>Initializes a new instance of the <see cref="SubjectMatch"/> struct for a reference that was found.</summary>
    /// <param name="reference">The range of the reference value (without <c>[]</c>, <c>()</c> or <c>#</c>).</param>
    /// <param name="subject">The range of the rest of the subject.</param>
    public SubjectMatch(Range reference, Range subject)
    {
        Reference = reference;
        Subject = subject;
        Failure = null;
    }

    /// <summary>Initializes a new instance of the <see cref="SubjectMatch"/> struct for a failure.</summary>
    /// <param name="failure">The reason.</param>
    /// <param name="reference">The range of the offending token, when there is one.</param>
    public SubjectMatch(SubjectParseFailure failure, Range reference = default)
    {
        Reference = reference;
        Subject = default;
        Failure = failure;
    }

    /// <summary>Gets the range of the reference value; on <see cref="SubjectParseFailure.MalformedReference"/> or
    /// <see cref="SubjectParseFailure.Ambiguous"/> the range of the offending token.</summary>
    public Range Reference { get; }

    /// <summary>Gets the range of the rest of the subject after the reference and its separator (trailing white space excluded).</summary>
    public Range Subject { get; }

    /// <summary>Gets why no reference was read, or <see langword="null"/> on success.</summary>
    public SubjectParseFailure? Failure { get; }

    /// <summary>Gets a value indicating whether a reference was read.</summary>
    public bool Success => Failure is null;
}
