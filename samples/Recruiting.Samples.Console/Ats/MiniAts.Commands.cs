using Microsoft.Data.Sqlite;

namespace Recruiting.Samples.Console.Ats;

public sealed partial class MiniAts
{
    // ---- IRecruitingCommands ---------------------------------------------------------------------------------

    public async ValueTask<NoteId> AddNoteAsync(TenantId tenant, ApplicationId application, NoteRequest note, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        var origin = note.Origin ?? ActionOrigin.Manual;
        return await OnceAsync("note", tenant, key, async (connection, transaction) =>
        {
            var id = await NextIdAsync(connection, transaction, "note", cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, transaction, """
                INSERT INTO ats_notes (tenant, id, application, text, author, hidden_from_clients, automated, rule_id, created_at)
                VALUES ($t, $id, $a, $text, $author, $hidden, $auto, $rule, $now);
                """, cancellationToken,
                ("$t", tenant.Value), ("$id", id), ("$a", application.Value), ("$text", note.Text), ("$author", (note.Author ?? origin.Actor)?.Value),
                ("$hidden", note.HiddenFromClients ? 1 : 0), ("$auto", origin.Automated ? 1 : 0), ("$rule", origin.RuleId), ("$now", Now())).ConfigureAwait(false);
            return new NoteId(id);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TaskId> AddTaskAsync(TenantId tenant, ApplicationId application, TaskRequest task, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var origin = task.Origin ?? ActionOrigin.Manual;
        return await OnceAsync("task", tenant, key, async (connection, transaction) =>
        {
            var id = await NextIdAsync(connection, transaction, "task", cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, transaction, """
                INSERT INTO ats_tasks (tenant, id, application, title, assignee, due_at, description, automated, rule_id)
                VALUES ($t, $id, $a, $title, $assignee, $due, $description, $auto, $rule);
                """, cancellationToken,
                ("$t", tenant.Value), ("$id", id), ("$a", application.Value), ("$title", task.Title), ("$assignee", task.Assignee.Value),
                ("$due", task.DueAt.ToUnixTimeMilliseconds()), ("$description", task.Description), ("$auto", origin.Automated ? 1 : 0), ("$rule", origin.RuleId)).ConfigureAwait(false);
            return new TaskId(id);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask AddTagsAsync(TenantId tenant, CandidateId candidate, IReadOnlyCollection<string> tags, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(origin);
        await OnceAsync("tags", tenant, key, async (connection, transaction) =>
        {
            foreach (var tag in tags)
            {
                await ExecAsync(connection, transaction, "INSERT OR IGNORE INTO ats_tags (tenant, candidate, tag, automated, rule_id) VALUES ($t, $c, $tag, $auto, $rule);", cancellationToken,
                    ("$t", tenant.Value), ("$c", candidate.Value), ("$tag", tag), ("$auto", origin.Automated ? 1 : 0), ("$rule", origin.RuleId)).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask AddFollowersAsync(TenantId tenant, ApplicationId application, IReadOnlyCollection<UserId> followers, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(followers);
        ArgumentNullException.ThrowIfNull(origin);
        await OnceAsync("followers", tenant, key, async (connection, transaction) =>
        {
            foreach (var follower in followers)
            {
                await ExecAsync(connection, transaction, "INSERT OR IGNORE INTO ats_followers (tenant, application, user_id, automated, rule_id) VALUES ($t, $a, $u, $auto, $rule);", cancellationToken,
                    ("$t", tenant.Value), ("$a", application.Value), ("$u", follower.Value), ("$auto", origin.Automated ? 1 : 0), ("$rule", origin.RuleId)).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ApplicationId> AssignToJobAsync(TenantId tenant, CandidateId candidate, JobId job, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return await OnceAsync("assignJob", tenant, key, async (connection, transaction) =>
        {
            using (var existing = Cmd(connection, transaction, "SELECT id FROM ats_applications WHERE tenant = $t AND candidate = $c AND job = $j;", ("$t", tenant.Value), ("$c", candidate.Value), ("$j", job.Value)))
            {
                if (await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string found)
                {
                    return new ApplicationId(found);
                }
            }

            var application = await NextIdAsync(connection, transaction, "app", cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, transaction, """
                INSERT INTO ats_applications (tenant, id, reference, candidate, job, stage, status, responsible, applied_at, source)
                SELECT $t, $id, $ref, $c, $j, (SELECT json_extract(stages, '$[0].id') FROM ats_jobs WHERE tenant = $t AND id = $j), 'active',
                       COALESCE((SELECT recruiters FROM ats_jobs WHERE tenant = $t AND id = $j), '[]'), $now, $src;
                """, cancellationToken,
                ("$t", tenant.Value), ("$id", application), ("$ref", "ASG-" + application[4..]), ("$c", candidate.Value), ("$j", job.Value), ("$now", Now()),
                ("$src", origin.Automated ? "automation:" + origin.RuleId : "manual")).ConfigureAwait(false);
            return new ApplicationId(application);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask AssignToTalentPoolAsync(TenantId tenant, CandidateId candidate, TalentPoolId pool, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await OnceAsync("assignPool", tenant, key, async (connection, transaction) =>
        {
            await ExecAsync(connection, transaction, "INSERT OR IGNORE INTO ats_pool_members (tenant, pool, candidate, automated, rule_id) VALUES ($t, $p, $c, $auto, $rule);", cancellationToken,
                ("$t", tenant.Value), ("$p", pool.Value), ("$c", candidate.Value), ("$auto", origin.Automated ? 1 : 0), ("$rule", origin.RuleId)).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask MoveToStageAsync(TenantId tenant, ApplicationId application, StageId stage, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await OnceAsync("moveStage", tenant, key, async (connection, transaction) =>
        {
            await ExecAsync(connection, transaction, "UPDATE ats_applications SET stage = $s WHERE tenant = $t AND id = $a;", cancellationToken,
                ("$t", tenant.Value), ("$a", application.Value), ("$s", stage.Value)).ConfigureAwait(false);
            await AppendHistoryRowAsync(connection, transaction, tenant, application, new HistoryEntry
            {
                Kind = HistoryEntryKind.StatusChange,
                Title = $"Moved to stage {stage.Value}",
                OccurredAt = _time.GetUtcNow(),
                Origin = origin,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SetStatusAsync(TenantId tenant, ApplicationId application, ApplicationStatus status, string? reason, ActionOrigin origin, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await OnceAsync("setStatus", tenant, key, async (connection, transaction) =>
        {
            await ExecAsync(connection, transaction, "UPDATE ats_applications SET status = $s WHERE tenant = $t AND id = $a;", cancellationToken,
                ("$t", tenant.Value), ("$a", application.Value), ("$s", status.ToString().ToLowerInvariant())).ConfigureAwait(false);
            await AppendHistoryRowAsync(connection, transaction, tenant, application, new HistoryEntry
            {
                Kind = HistoryEntryKind.StatusChange,
                Title = reason is null ? $"Status: {status}" : $"Status: {status} ({reason})",
                OccurredAt = _time.GetUtcNow(),
                Origin = origin,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    // ---- IUserDirectory, ITenantDirectory --------------------------------------------------------------------

    private const string UserColumns = "id, tenant, email, display_name, phone, roles, permissions, active";

    public ValueTask<UserInfo?> GetUserAsync(TenantId tenant, UserId user, CancellationToken cancellationToken = default)
        => QuerySingleAsync($"SELECT {UserColumns} FROM ats_users WHERE tenant = $t AND id = $id;", ReadUser, cancellationToken, ("$t", tenant.Value), ("$id", user.Value));

    public ValueTask<UserInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default)
        => QuerySingleAsync($"SELECT {UserColumns} FROM ats_users WHERE tenant = $t AND email = $e COLLATE NOCASE;", ReadUser, cancellationToken, ("$t", tenant.Value), ("$e", email));

    private static UserInfo ReadUser(SqliteDataReader r) => new()
    {
        Id = new UserId(r.GetString(0)),
        Tenant = new TenantId(r.GetString(1)),
        Email = r.GetString(2),
        DisplayName = r.GetString(3),
        Phone = r.IsDBNull(4) ? null : r.GetString(4),
        Roles = FromJson<HashSet<string>>(r.GetString(5)),
        Permissions = FromJson<HashSet<string>>(r.GetString(6)),
        IsActive = r.GetInt64(7) == 1,
    };

    public ValueTask<TenantInfo?> GetTenantAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => QuerySingleAsync("SELECT id, name, time_zone, default_language, notification_addresses, notification_sender FROM ats_tenants WHERE id = $t;",
            r => new TenantInfo
            {
                Id = new TenantId(r.GetString(0)),
                Name = r.GetString(1),
                TimeZoneId = r.GetString(2),
                DefaultLanguage = r.GetString(3),
                NotificationAddresses = FromJson<List<string>>(r.GetString(4)),
                NotificationSender = r.IsDBNull(5) ? null : r.GetString(5),
            },
            cancellationToken, ("$t", tenant.Value));

    // ---- IMessageSender, IRecruitingEventSink ----------------------------------------------------------------

    /// <summary>The sample does not deliver mail: it records what would be sent, where a real ATS hands it to its mail service.</summary>
    public async ValueTask<SendReceipt> SendEmailAsync(TenantId tenant, EmailMessage message, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await OnceAsync("email", tenant, key, async (connection, transaction) =>
        {
            var id = await NextIdAsync(connection, transaction, "msg", cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, transaction, """
                INSERT INTO ats_messages (tenant, id, channel, sender, recipients, subject, text_body, html_body, application, automated, rule_id, sent_at)
                VALUES ($t, $id, 'email', $from, $to, $subject, $text, $html, $a, $auto, $rule, $now);
                """, cancellationToken,
                ("$t", tenant.Value), ("$id", id), ("$from", message.From), ("$to", Json(message.To)), ("$subject", message.Subject), ("$text", message.TextBody),
                ("$html", message.HtmlBody), ("$a", message.Application?.Value), ("$auto", message.Origin.Automated ? 1 : 0), ("$rule", message.Origin.RuleId), ("$now", Now())).ConfigureAwait(false);
            return new SendReceipt(id);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<SendReceipt> SendSmsAsync(TenantId tenant, SmsMessage message, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var origin = message.Origin ?? ActionOrigin.Manual;
        return await OnceAsync("sms", tenant, key, async (connection, transaction) =>
        {
            var id = await NextIdAsync(connection, transaction, "msg", cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, transaction, """
                INSERT INTO ats_messages (tenant, id, channel, sender, recipients, subject, text_body, html_body, application, automated, rule_id, sent_at)
                VALUES ($t, $id, 'sms', NULL, $to, NULL, $text, NULL, $a, $auto, $rule, $now);
                """, cancellationToken,
                ("$t", tenant.Value), ("$id", id), ("$to", Json(new[] { message.To })), ("$text", message.Text), ("$a", message.Application?.Value),
                ("$auto", origin.Automated ? 1 : 0), ("$rule", origin.RuleId), ("$now", Now())).ConfigureAwait(false);
            return new SendReceipt(id);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask PublishAsync(RecruitingEvent recruitingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recruitingEvent);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecAsync(connection, null, "INSERT INTO ats_events (tenant, type, payload, occurred_at) VALUES ($t, $type, $p, $at);", cancellationToken,
            ("$t", recruitingEvent.Tenant.Value), ("$type", recruitingEvent.GetType().Name), ("$p", System.Text.Json.JsonSerializer.Serialize(recruitingEvent, recruitingEvent.GetType(), Cli.CliJson.Options)),
            ("$at", recruitingEvent.OccurredAt.ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }

    /// <summary>Reads the messages the sample "sent" (for demo output and tests).</summary>
    public IAsyncEnumerable<SentMessage> ListMessagesAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => QueryAsync("SELECT id, channel, sender, recipients, subject, text_body, application, automated, rule_id, sent_at FROM ats_messages WHERE tenant = $t ORDER BY id;",
            r => new SentMessage(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), FromJson<List<string>>(r.GetString(3)), r.IsDBNull(4) ? null : r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt64(7) == 1, r.IsDBNull(8) ? null : r.GetString(8),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9))),
            cancellationToken, ("$t", tenant.Value));

    /// <summary>Reads the events the SDK raised (for demo output and tests).</summary>
    public IAsyncEnumerable<(string Type, string Payload)> ListEventsAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => QueryAsync("SELECT type, payload FROM ats_events WHERE tenant = $t ORDER BY seq;", r => (r.GetString(0), r.GetString(1)), cancellationToken, ("$t", tenant.Value));
}

/// <summary>A message the sample host recorded as sent.</summary>
public sealed record SentMessage(string Id, string Channel, string? From, IReadOnlyList<string> To, string? Subject, string? TextBody, string? Application, bool Automated, string? RuleId, DateTimeOffset SentAt);
