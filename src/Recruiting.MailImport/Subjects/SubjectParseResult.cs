namespace Recruiting.MailImport.Subjects;

/// <summary>The outcome of <see cref="SubjectParser.Parse(string?)"/>: a reference and the rest of the subject, or a reason.</summary>
public sealed record SubjectParseResult
{
    /// <summary>Gets the reference read from the start of the subject, or <see langword="null"/> when <see cref="Reason"/> is set.</summary>
    public ApplicationReference? Reference { get; init; }

    /// <summary>
    /// Gets the subject after the reference and its separator, as written (inner <c>Re:</c> kept, trailing white space trimmed);
    /// <see langword="null"/> when <see cref="Reason"/> is set.
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>Gets why no reference was read, or <see langword="null"/> on success.</summary>
    public SubjectParseFailure? Reason { get; init; }

    /// <summary>Gets the whole subject after RFC 2047 decoding and unfolding (cut at the options' maximum length), or <see langword="null"/> when there was none.</summary>
    public string? DecodedSubject { get; init; }

    /// <summary>Gets a value indicating whether a reference was read.</summary>
    public bool Success => Reason is null;

    /// <summary>Creates a successful result.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="subject">The rest of the subject.</param>
    /// <param name="decodedSubject">The whole decoded subject.</param>
    /// <returns>The result.</returns>
    public static SubjectParseResult Found(ApplicationReference reference, string subject, string? decodedSubject)
        => new() { Reference = reference, Subject = subject, DecodedSubject = decodedSubject };

    /// <summary>Creates a failed result.</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="decodedSubject">The whole decoded subject.</param>
    /// <returns>The result.</returns>
    public static SubjectParseResult Failed(SubjectParseFailure reason, string? decodedSubject)
        => new() { Reason = reason, DecodedSubject = decodedSubject };
}
