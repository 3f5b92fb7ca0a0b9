using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Recruiting.ClientAccess;
using Recruiting.Samples.Console.Ats;

namespace Recruiting.Samples.Console.ClientAccess;

/// <summary>
/// The mini ATS's side of client access: notes, documents (text of client résumé versions), interviews and the
/// skills/categories editor, on the ATS database. Clients themselves live in the SDK store (the default client directory).
/// </summary>
public sealed class SampleClientAccessPorts(MiniAts ats) : INoteReader, IDocumentReader, IInterviewReader, ICandidateProfileEditor
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ats_interviews (
            tenant TEXT NOT NULL, id TEXT NOT NULL, application TEXT NOT NULL, job TEXT NOT NULL, starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL, title TEXT NOT NULL, location TEXT NULL, message TEXT NULL, PRIMARY KEY (tenant, id));
        CREATE INDEX IF NOT EXISTS ix_ats_interviews_job ON ats_interviews (tenant, job, starts_at);
        """;

    private volatile bool _created;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await ats.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_created)
        {
            await MiniAts.ExecAsync(connection, null, Schema, cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        return connection;
    }

    public async IAsyncEnumerable<NoteInfo> ListNotesAsync(TenantId tenant, ApplicationId application, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var notes = new List<NoteInfo>();
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = MiniAts.Cmd(connection, null, "SELECT id, application, text, created_at, hidden_from_clients, author, automated, rule_id FROM ats_notes WHERE tenant = $t AND application = $a ORDER BY created_at, id;",
                ("$t", tenant.Value), ("$a", application.Value));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var author = reader.IsDBNull(5) ? (UserId?)null : new UserId(reader.GetString(5));
                var origin = reader.GetInt64(6) == 1 ? ActionOrigin.FromRule(reader.IsDBNull(7) ? "unknown" : reader.GetString(7)) : new ActionOrigin(false, null, author);
                notes.Add(new NoteInfo(new NoteId(reader.GetString(0)), new ApplicationId(reader.GetString(1)), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    reader.GetInt64(4) == 1, author is { } a && !a.Value.StartsWith("client:", StringComparison.Ordinal) ? a : null, origin));
            }
        }

        foreach (var note in notes)
        {
            yield return note;
        }
    }

    public IAsyncEnumerable<DocumentInfo> ListDocumentsAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => ats.ListDocumentsAsync(tenant, application, cancellationToken);

    public async ValueTask<string?> ReadTextAsync(TenantId tenant, DocumentId document, CancellationToken cancellationToken = default)
    {
        var stream = await ats.OpenDocumentAsync(tenant, document, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<InterviewInfo?> GetInterviewAsync(TenantId tenant, InterviewId interview, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = MiniAts.Cmd(connection, null, "SELECT id, application, job, starts_at, ends_at, title, location, message FROM ats_interviews WHERE tenant = $t AND id = $id;",
            ("$t", tenant.Value), ("$id", interview.Value));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadInterview(reader) : null;
    }

    public async IAsyncEnumerable<InterviewInfo> ListInterviewsAsync(TenantId tenant, JobId job, DateTimeOffset periodStart, DateTimeOffset periodEnd, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var interviews = new List<InterviewInfo>();
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = MiniAts.Cmd(connection, null, """
                SELECT id, application, job, starts_at, ends_at, title, location, message FROM ats_interviews
                WHERE tenant = $t AND job = $j AND starts_at >= $from AND starts_at < $to ORDER BY starts_at, id;
                """, ("$t", tenant.Value), ("$j", job.Value), ("$from", periodStart.ToUnixTimeMilliseconds()), ("$to", periodEnd.ToUnixTimeMilliseconds()));
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                interviews.Add(ReadInterview(reader));
            }
        }

        foreach (var interview in interviews)
        {
            yield return interview;
        }
    }

    /// <summary>Schedules an interview in the mini ATS (the sample's stand-in for the ATS's own calendar); a known id changes nothing.</summary>
    public async Task ScheduleInterviewAsync(TenantId tenant, InterviewInfo interview, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interview);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await MiniAts.ExecAsync(connection, null, """
            INSERT OR IGNORE INTO ats_interviews (tenant, id, application, job, starts_at, ends_at, title, location, message)
            VALUES ($t, $id, $a, $j, $s, $e, $title, $loc, $msg);
            """, cancellationToken,
            ("$t", tenant.Value), ("$id", interview.Id.Value), ("$a", interview.Application.Value), ("$j", interview.Job.Value), ("$s", interview.StartsAt.ToUnixTimeMilliseconds()),
            ("$e", interview.EndsAt.ToUnixTimeMilliseconds()), ("$title", interview.Title), ("$loc", interview.Location), ("$msg", interview.Message)).ConfigureAwait(false);
    }

    public async ValueTask SetSkillsAndCategoriesAsync(TenantId tenant, CandidateId candidate, IReadOnlyList<string> skills, IReadOnlyList<string> categories, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var known = MiniAts.Cmd(connection, transaction, "SELECT 1 FROM ats_idempotency WHERE tenant = $t AND key = $k;", ("$t", tenant.Value), ("$k", key.Value)))
        {
            if (await known.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        using (var read = MiniAts.Cmd(connection, transaction, "SELECT profile FROM ats_candidates WHERE tenant = $t AND id = $id;", ("$t", tenant.Value), ("$id", candidate.Value)))
        {
            if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json)
            {
                var profile = MiniAts.FromJson<CandidateProfile>(json) with { Skills = skills, Categories = categories };
                await MiniAts.ExecAsync(connection, transaction, "UPDATE ats_candidates SET profile = $p WHERE tenant = $t AND id = $id;", cancellationToken,
                    ("$t", tenant.Value), ("$id", candidate.Value), ("$p", MiniAts.Json(profile))).ConfigureAwait(false);
            }
        }

        await MiniAts.ExecAsync(connection, transaction, "INSERT INTO ats_idempotency (tenant, key, operation, result) VALUES ($t, $k, 'editProfile', 'true');", cancellationToken,
            ("$t", tenant.Value), ("$k", key.Value)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static InterviewInfo ReadInterview(SqliteDataReader r) => new(
        new InterviewId(r.GetString(0)), new ApplicationId(r.GetString(1)), new JobId(r.GetString(2)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7));
}
