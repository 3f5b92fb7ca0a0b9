namespace Recruiting.MailImport.Subjects;

internal static class SubjectParserConstants
{
    public const int DefaultMinReferenceLength = 4;

    public const int DefaultMaxReferenceLength = 32;

    public const int DefaultMaxSubjectLength = 16 * 1024;

    public const int MaxMaxReferenceLength = StronglyTypedId.MaxLength;

    public const int MaxMaxSubjectLength = 1024 * 1024;

    public const int DefaultPatternTimeoutMilliseconds = 100;

    /// <summary>The longest prefix word (before its counter and colon) the parser looks for.</summary>
    public const int MaxPrefixWordLength = 32;

    /// <summary>The longest tag inside <c>[]</c> or <c>**</c> the parser looks for.</summary>
    public const int MaxTagLength = 40;
}
