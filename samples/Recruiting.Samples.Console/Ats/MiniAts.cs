using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Recruiting.Samples.Console.Cli;

namespace Recruiting.Samples.Console.Ats;

/// <summary>
/// A mini ATS on SQLite that implements every SDK port — the example a vendor copies. Each effect and its
/// idempotency key are written in one transaction (the key has a unique index), so a repeated key returns
/// the first result and changes nothing (ARCHITECTURE.md principle 2).
/// </summary>
public sealed partial class MiniAts :
    IApplicationDirectory, IApplicantIntake, IApplicationHistory, IRecruitingCommands,
    IUserDirectory, IMessageSender, IRecruitingEventSink, ITenantDirectory
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public MiniAts(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        FilesDirectory = Path + ".files";
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    public string FilesDirectory { get; }

    /// <summary>For crash tests: called after an effect and its key were committed, before the port returns.</summary>
    public Func<string, IdempotencyKey, Exception?>? AfterCommit { get; set; }

    /// <summary>Gets whether this call created the database (so the demo tenant was seeded).</summary>
    public bool Seeded { get; private set; }

    // ---- schema and connections ------------------------------------------------------------------------------

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created)
            {
                return;
            }

            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, transaction, AtsSchema.Sql, cancellationToken).ConfigureAwait(false);
            using var check = Cmd(connection, transaction, "SELECT value FROM ats_meta WHERE key = 'seeded';");
            var seeded = await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
            if (!seeded)
            {
                await DemoTenantSeed.SeedAsync(this, connection, transaction, cancellationToken).ConfigureAwait(false);
                await ExecAsync(connection, transaction, $"INSERT INTO ats_meta (key, value) VALUES ('seeded', '1'), ('schema', '{AtsSchema.Version}');", cancellationToken).ConfigureAwait(false);
                Seeded = true;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _createLock.Release();
        }
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecAsync(connection, null, "PRAGMA synchronous=NORMAL;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    internal static SqliteCommand Cmd(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal static async Task ExecAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = Cmd(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static string Json<T>(T value) => JsonSerializer.Serialize(value, CliJson.Options);

    internal static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, CliJson.Options)!;

    internal long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    internal static async Task<string> NextIdAsync(SqliteConnection connection, SqliteTransaction transaction, string prefix, CancellationToken cancellationToken)
    {
        using var command = Cmd(connection, transaction, """
            INSERT INTO ats_sequences (name, value) VALUES ($name, 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1
            RETURNING value;
            """, ("$name", prefix));
        var value = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return $"{prefix}-{value:D6}";
    }

    /// <summary>Applies an effect once per (tenant, key): effect and key commit together; a known key returns the first result.</summary>
    private async Task<T> OnceAsync<T>(string operation, TenantId tenant, IdempotencyKey key, Func<SqliteConnection, SqliteTransaction, Task<T>> apply, CancellationToken cancellationToken)
    {
        T result;
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using (var known = Cmd(connection, transaction, "SELECT result FROM ats_idempotency WHERE tenant = $t AND key = $k;", ("$t", tenant.Value), ("$k", key.Value)))
            {
                if (await known.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string first)
                {
                    return FromJson<T>(first);
                }
            }

            result = await apply(connection, transaction).ConfigureAwait(false);
            await ExecAsync(connection, transaction, "INSERT INTO ats_idempotency (tenant, key, operation, result) VALUES ($t, $k, $o, $r);", cancellationToken,
                ("$t", tenant.Value), ("$k", key.Value), ("$o", operation), ("$r", Json(result))).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (AfterCommit?.Invoke(operation, key) is { } crash)
        {
            throw crash;
        }

        return result;
    }

    // ---- IApplicationDirectory -------------------------------------------------------------------------------

    private const string ApplicationColumns = "id, tenant, reference, candidate, job, stage, status, responsible, applied_at";

    public ValueTask<ApplicationInfo?> FindByReferenceAsync(TenantId tenant, ApplicationReference reference, CancellationToken cancellationToken = default)
        => QuerySingleAsync($"SELECT {ApplicationColumns} FROM ats_applications WHERE tenant = $t AND reference = $r;", ReadApplication, cancellationToken, ("$t", tenant.Value), ("$r", reference.Value));

    public ValueTask<ApplicationInfo?> GetApplicationAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => QuerySingleAsync($"SELECT {ApplicationColumns} FROM ats_applications WHERE tenant = $t AND id = $id;", ReadApplication, cancellationToken, ("$t", tenant.Value), ("$id", application.Value));

    public ValueTask<Candidate?> GetCandidateAsync(TenantId tenant, CandidateId candidate, CancellationToken cancellationToken = default)
        => QuerySingleAsync("SELECT id, tenant, profile FROM ats_candidates WHERE tenant = $t AND id = $id;",
            r => new Candidate(new CandidateId(r.GetString(0)), new TenantId(r.GetString(1)), FromJson<CandidateProfile>(r.GetString(2))),
            cancellationToken, ("$t", tenant.Value), ("$id", candidate.Value));

    public ValueTask<JobInfo?> GetJobAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default)
        => QuerySingleAsync("SELECT id, tenant, title, flow, stages, recruiters FROM ats_jobs WHERE tenant = $t AND id = $id;",
            r => new JobInfo(new JobId(r.GetString(0)), new TenantId(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : new HiringFlowId(r.GetString(3)),
                FromJson<List<StageInfo>>(r.GetString(4)), FromJson<List<UserId>>(r.GetString(5))),
            cancellationToken, ("$t", tenant.Value), ("$id", job.Value));

    public ValueTask<TalentPoolInfo?> GetTalentPoolAsync(TenantId tenant, TalentPoolId pool, CancellationToken cancellationToken = default)
        => QuerySingleAsync("SELECT id, name FROM ats_talent_pools WHERE tenant = $t AND id = $id;",
            r => new TalentPoolInfo(new TalentPoolId(r.GetString(0)), r.GetString(1)), cancellationToken, ("$t", tenant.Value), ("$id", pool.Value));

    public IAsyncEnumerable<ApplicationInfo> ListApplicationsAsync(TenantId tenant, JobId job, CancellationToken cancellationToken = default)
        => QueryAsync($"SELECT {ApplicationColumns} FROM ats_applications WHERE tenant = $t AND job = $j ORDER BY id;", ReadApplication, cancellationToken, ("$t", tenant.Value), ("$j", job.Value));

    private static ApplicationInfo ReadApplication(SqliteDataReader r) => new()
    {
        Id = new ApplicationId(r.GetString(0)),
        Tenant = new TenantId(r.GetString(1)),
        Reference = new ApplicationReference(r.GetString(2)),
        Candidate = new CandidateId(r.GetString(3)),
        Job = r.IsDBNull(4) ? null : new JobId(r.GetString(4)),
        Stage = r.IsDBNull(5) ? null : new StageId(r.GetString(5)),
        Status = Enum.Parse<ApplicationStatus>(r.GetString(6), ignoreCase: true),
        ResponsibleUsers = FromJson<List<UserId>>(r.GetString(7)),
        AppliedAt = r.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
    };

    private async ValueTask<T?> QuerySingleAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string, object?)[] parameters)
        where T : class
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Cmd(connection, null, sql, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader) : null;
    }

    private async IAsyncEnumerable<T> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Cmd(connection, null, sql, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return map(reader);
        }
    }

    // ---- IApplicantIntake ------------------------------------------------------------------------------------

    public async ValueTask<IntakeResult> ImportApplicantAsync(TenantId tenant, ApplicantIntakeRequest request, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var documents = new List<(DocumentUpload Upload, string Path, long Length)>();
        foreach (var document in request.Documents)
        {
            documents.Add(await SpoolAsync(tenant, document, cancellationToken).ConfigureAwait(false));
        }

        try
        {
            return await IntakeOnceAsync(tenant, request, key, documents, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (_, path, _) in documents)
            {
                await DeleteUnreferencedAsync(tenant, path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IntakeResult> IntakeOnceAsync(TenantId tenant, ApplicantIntakeRequest request, IdempotencyKey key, List<(DocumentUpload Upload, string Path, long Length)> documents, CancellationToken cancellationToken)
    {
        return await OnceAsync("intake", tenant, key, async (connection, transaction) =>
        {
            var candidate = await NextIdAsync(connection, transaction, "cand", cancellationToken).ConfigureAwait(false);
            var application = await NextIdAsync(connection, transaction, "app", cancellationToken).ConfigureAwait(false);
            var year = _time.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture);
            var reference = $"{year}-{application[4..]}";
            await ExecAsync(connection, transaction, "INSERT INTO ats_candidates (tenant, id, profile) VALUES ($t, $id, $p);", cancellationToken,
                ("$t", tenant.Value), ("$id", candidate), ("$p", Json(request.Profile))).ConfigureAwait(false);
            await ExecAsync(connection, transaction, """
                INSERT INTO ats_applications (tenant, id, reference, candidate, job, stage, status, responsible, applied_at, source)
                SELECT $t, $id, $ref, $c, $j, (SELECT json_extract(stages, '$[0].id') FROM ats_jobs WHERE tenant = $t AND id = $j), 'active',
                       COALESCE((SELECT recruiters FROM ats_jobs WHERE tenant = $t AND id = $j), '[]'), $at, $src;
                """, cancellationToken,
                ("$t", tenant.Value), ("$id", application), ("$ref", reference), ("$c", candidate), ("$j", request.Job.Value),
                ("$at", request.AppliedAt?.ToUnixTimeMilliseconds()), ("$src", Json(request.Source))).ConfigureAwait(false);
            foreach (var (upload, path, length) in documents)
            {
                await InsertDocumentAsync(connection, transaction, tenant, new ApplicationId(application), upload, path, length, cancellationToken).ConfigureAwait(false);
            }

            await AppendHistoryRowAsync(connection, transaction, tenant, new ApplicationId(application), new HistoryEntry
            {
                Kind = HistoryEntryKind.Imported,
                Title = $"Imported from {request.Source.Channel}",
                OccurredAt = request.AppliedAt ?? _time.GetUtcNow(),
                Properties = new Dictionary<string, string> { ["source"] = request.Source.Channel, ["externalId"] = request.Source.ExternalId ?? string.Empty },
            }, cancellationToken).ConfigureAwait(false);
            return new IntakeResult(new ApplicationId(application), new CandidateId(candidate), new ApplicationReference(reference));
        }, cancellationToken).ConfigureAwait(false);
    }

    // ---- IApplicationHistory ---------------------------------------------------------------------------------

    public async ValueTask<HistoryEntryId> AppendAsync(TenantId tenant, ApplicationId application, HistoryEntry entry, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return await OnceAsync("history", tenant, key,
            (connection, transaction) => AppendHistoryRowAsync(connection, transaction, tenant, application, entry, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<HistoryEntryId> AppendHistoryRowAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, ApplicationId application, HistoryEntry entry, CancellationToken cancellationToken)
    {
        var id = await NextIdAsync(connection, transaction, "hist", cancellationToken).ConfigureAwait(false);
        await ExecAsync(connection, transaction, """
            INSERT INTO ats_history (tenant, id, application, seq, kind, title, text_body, html_body, occurred_at, properties, automated, rule_id)
            VALUES ($t, $id, $a, (SELECT COALESCE(max(seq), 0) + 1 FROM ats_history WHERE tenant = $t AND application = $a), $kind, $title, $text, $html, $at, $props, $auto, $rule);
            """, cancellationToken,
            ("$t", tenant.Value), ("$id", id), ("$a", application.Value), ("$kind", entry.Kind.ToString()), ("$title", entry.Title), ("$text", entry.TextBody), ("$html", entry.HtmlBody),
            ("$at", entry.OccurredAt.ToUnixTimeMilliseconds()), ("$props", Json(entry.Properties)), ("$auto", entry.Origin.Automated ? 1 : 0), ("$rule", entry.Origin.RuleId)).ConfigureAwait(false);
        return new HistoryEntryId(id);
    }

    public async ValueTask<DocumentId> AddDocumentAsync(TenantId tenant, ApplicationId application, DocumentUpload document, IdempotencyKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (upload, path, length) = await SpoolAsync(tenant, document, cancellationToken).ConfigureAwait(false);
        try
        {
            return await OnceAsync("document", tenant, key,
                (connection, transaction) => InsertDocumentAsync(connection, transaction, tenant, application, upload, path, length, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A repeated key keeps the first file; the spooled copy of this call is not referenced then.
            await DeleteUnreferencedAsync(tenant, path, cancellationToken).ConfigureAwait(false);
        }
    }

    public IAsyncEnumerable<StoredHistoryEntry> ListAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => QueryAsync("SELECT id, application, kind, title, text_body, html_body, occurred_at, properties, automated, rule_id FROM ats_history WHERE tenant = $t AND application = $a ORDER BY seq;",
            r => new StoredHistoryEntry(new HistoryEntryId(r.GetString(0)), new ApplicationId(r.GetString(1)), new HistoryEntry
            {
                Kind = Enum.Parse<HistoryEntryKind>(r.GetString(2)),
                Title = r.GetString(3),
                TextBody = r.IsDBNull(4) ? null : r.GetString(4),
                HtmlBody = r.IsDBNull(5) ? null : r.GetString(5),
                OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
                Properties = FromJson<Dictionary<string, string>>(r.GetString(7)),
                Origin = r.GetInt64(8) == 1 ? ActionOrigin.FromRule(r.IsDBNull(9) ? "unknown" : r.GetString(9)) : ActionOrigin.Manual,
            }),
            cancellationToken, ("$t", tenant.Value), ("$a", application.Value));

    /// <summary>Lists an application's documents (for the sample's output and tests).</summary>
    public IAsyncEnumerable<DocumentInfo> ListDocumentsAsync(TenantId tenant, ApplicationId application, CancellationToken cancellationToken = default)
        => QueryAsync("SELECT id, application, file_name, content_type, kind, client_version_of FROM ats_documents WHERE tenant = $t AND application = $a ORDER BY id;",
            r => new DocumentInfo(new DocumentId(r.GetString(0)), new ApplicationId(r.GetString(1)), r.GetString(2), r.GetString(3), Enum.Parse<DocumentKind>(r.GetString(4)),
                r.IsDBNull(5) ? null : new DocumentId(r.GetString(5))),
            cancellationToken, ("$t", tenant.Value), ("$a", application.Value));

    /// <summary>Opens a stored document's content.</summary>
    public async Task<Stream?> OpenDocumentAsync(TenantId tenant, DocumentId document, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Cmd(connection, null, "SELECT storage_path FROM ats_documents WHERE tenant = $t AND id = $id;", ("$t", tenant.Value), ("$id", document.Value));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string path ? File.OpenRead(path) : null;
    }

    private async Task<(DocumentUpload Upload, string Path, long Length)> SpoolAsync(TenantId tenant, DocumentUpload document, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.Combine(FilesDirectory, tenant.Value);
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N"));
        var source = await document.OpenRead(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            return (document, path, target.Length);
        }
    }

    private async Task<DocumentId> InsertDocumentAsync(SqliteConnection connection, SqliteTransaction transaction, TenantId tenant, ApplicationId application, DocumentUpload upload, string path, long length, CancellationToken cancellationToken)
    {
        var id = await NextIdAsync(connection, transaction, "doc", cancellationToken).ConfigureAwait(false);
        await ExecAsync(connection, transaction, """
            INSERT INTO ats_documents (tenant, id, application, file_name, content_type, kind, length, storage_path, automated, rule_id)
            VALUES ($t, $id, $a, $name, $type, $kind, $len, $path, $auto, $rule);
            """, cancellationToken,
            ("$t", tenant.Value), ("$id", id), ("$a", application.Value), ("$name", upload.FileName), ("$type", upload.ContentType), ("$kind", upload.Kind.ToString()),
            ("$len", length), ("$path", path), ("$auto", upload.Origin.Automated ? 1 : 0), ("$rule", upload.Origin.RuleId)).ConfigureAwait(false);
        return new DocumentId(id);
    }

    private async Task DeleteUnreferencedAsync(TenantId tenant, string path, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Cmd(connection, null, "SELECT 1 FROM ats_documents WHERE tenant = $t AND storage_path = $p;", ("$t", tenant.Value), ("$p", path));
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            File.Delete(path);
        }
    }
}
