namespace Recruiting.MailImport.Attachments;

/// <summary>Recognises what kind of document an attachment is. Register your own implementation in DI to replace the default
/// <see cref="FileNameAttachmentClassifier"/>.</summary>
public interface IAttachmentClassifier
{
    /// <summary>Classifies an attachment.</summary>
    /// <param name="fileName">The attachment's file name, already made safe (no path).</param>
    /// <param name="contentType">The MIME content type, for example <c>application/pdf</c>, or <see langword="null"/> when unknown.</param>
    /// <returns>The kind; <see cref="DocumentKind.Other"/> when not recognised.</returns>
    DocumentKind Classify(string fileName, string? contentType);
}
