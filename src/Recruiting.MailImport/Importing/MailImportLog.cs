using Microsoft.Extensions.Logging;

namespace Recruiting.MailImport.Importing;

/// <summary>Log messages of the importer (event ids 3100–3199 of the MailImport block).</summary>
internal static partial class MailImportLog
{
    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 100, Level = LogLevel.Information, Message = "Imported mail {Key} of tenant {Tenant} to application {Application} as {HistoryEntry} with {Documents} documents")]
    public static partial void Imported(ILogger logger, string key, string tenant, string application, string historyEntry, int documents);

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 101, Level = LogLevel.Information, Message = "Mail {Key} of tenant {Tenant} was already imported as {HistoryEntry}")]
    public static partial void Duplicate(ILogger logger, string key, string tenant, string? historyEntry);

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 102, Level = LogLevel.Warning, Message = "Quarantined mail {Key} of tenant {Tenant} as {QuarantineId}: {Reason} ({Detail})")]
    public static partial void Quarantined(ILogger logger, string key, string? tenant, string quarantineId, string reason, string? detail);

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 103, Level = LogLevel.Information, Message = "Completing pending import {Key} of tenant {Tenant} left by an earlier run")]
    public static partial void ResumingPending(ILogger logger, string key, string tenant);

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 104, Level = LogLevel.Information, Message = "Released quarantined mail {QuarantineId} as {Status}")]
    public static partial void Released(ILogger logger, string quarantineId, ImportStatus status);

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 105, Level = LogLevel.Warning, Message = "Mail {Key}: attachments {Problem}: {Detail}")]
    public static partial void AttachmentProblem(ILogger logger, string key, string problem, string detail);
}
