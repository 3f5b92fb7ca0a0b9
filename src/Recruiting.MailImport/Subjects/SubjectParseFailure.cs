namespace Recruiting.MailImport.Subjects;

/// <summary>Why no application reference could be read from a subject.</summary>
/// <remarks>
/// The rules, applied after the reply/forward prefixes and tags at the start are stripped:
/// <list type="bullet">
/// <item><description><see cref="NoReference"/>: the subject is missing or empty, or its first token does not look like a reference at
/// all (no digit, not wrapped as <c>[..]</c>, <c>(..)</c> or <c>#..</c>). A number later in the subject never counts.</description></item>
/// <item><description><see cref="MalformedReference"/>: the first token looks like a reference (it is wrapped as <c>[..]</c>, <c>(..)</c> or
/// <c>#..</c> and holds a digit, or it is a bare token of at least three characters made of ASCII letters, digits, <c>-</c>, <c>_</c>,
/// <c>/</c> or <c>.</c> holding a digit) but breaks the tenant's format: length, character set, pattern or check digit; or a wrapper is
/// not closed; or a valid reference is glued to more text without a separator.</description></item>
/// <item><description><see cref="Ambiguous"/>: a valid reference is followed (after its separator and any further prefixes) by a second,
/// different valid reference, so the importer cannot tell which one the recruiter meant. The same reference twice is not ambiguous.</description></item>
/// </list>
/// </remarks>
public enum SubjectParseFailure
{
    /// <summary>The subject does not start with anything that looks like a reference.</summary>
    NoReference,

    /// <summary>The subject starts with something that looks like a reference but breaks the tenant's reference format.</summary>
    MalformedReference,

    /// <summary>The subject starts with two different references.</summary>
    Ambiguous,
}
