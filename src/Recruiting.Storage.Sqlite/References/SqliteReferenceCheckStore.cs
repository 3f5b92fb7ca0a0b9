using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recruiting.References;

namespace Recruiting.Storage.Sqlite;

/// <summary>The SDK's reference checks on SQLite; status updates are conditional on the provider sequence, so they are monotonic.</summary>
internal sealed class SqliteReferenceCheckStore(SqliteDatabase database) : IReferenceCheckStore
{
    private const string Columns = """
        tenant, check_id, idempotency_key, provider, provider_check_id, candidate, application, job, sub_account, language,
        template_id, candidate_contact, referee_contact, state, requested, answered, candidate_url, sequence,
        provider_updated_at, created_at, updated_at, report_document
        """;

    public async ValueTask<(ReferenceCheckRecord Record, bool Added)> AddAsync(ReferenceCheckRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            int added;
            using (var insert = connection.Command(transaction, $"""
                INSERT INTO reference_checks ({Columns})
                VALUES ($tenant, $check, $key, $provider, $providerCheck, $candidate, $application, $job, $sub, $language,
                        $template, $candidateContact, $refereeContact, $state, $requested, $answered, $url, $sequence,
                        $providerUpdated, $created, $updated, $report)
                ON CONFLICT DO NOTHING;
                """,
                ("$tenant", record.Tenant.Value),
                ("$check", record.CheckId),
                ("$key", record.Key.Value),
                ("$provider", record.Provider),
                ("$providerCheck", record.ProviderCheckId),
                ("$candidate", record.Candidate.Value),
                ("$application", record.Application.Value),
                ("$job", record.Job.Value),
                ("$sub", record.SubAccount),
                ("$language", record.Language),
                ("$template", record.TemplateId),
                ("$candidateContact", (int)record.CandidateContact),
                ("$refereeContact", (int)record.RefereeContact),
                ("$state", (int)record.State),
                ("$requested", record.Requested),
                ("$answered", record.Answered),
                ("$url", record.CandidateUrl?.AbsoluteUri),
                ("$sequence", record.Sequence),
                ("$providerUpdated", SqliteDatabase.ToDb(record.ProviderUpdatedAt)),
                ("$created", SqliteDatabase.ToDb(record.CreatedAt)),
                ("$updated", SqliteDatabase.ToDb(record.UpdatedAt)),
                ("$report", record.ReportDocument?.Value)))
            {
                added = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var stored = await ReadOneAsync(connection, transaction, "tenant = $tenant AND (check_id = $check OR idempotency_key = $key)", cancellationToken, ("$tenant", record.Tenant.Value), ("$check", record.CheckId), ("$key", record.Key.Value)).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Reference check '{record.CheckId}' conflicts with another provider check id and was not stored.");
            return (stored, added > 0);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ReferenceCheckRecord?> GetAsync(TenantId tenant, string checkId, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadOneAsync(connection, null, "tenant = $tenant AND check_id = $check", cancellationToken, ("$tenant", tenant.Value), ("$check", checkId)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<ReferenceCheckRecord?> FindByProviderIdAsync(TenantId tenant, string provider, string providerCheckId, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadOneAsync(connection, null, "tenant = $tenant AND provider = $provider AND provider_check_id = $providerCheck", cancellationToken, ("$tenant", tenant.Value), ("$provider", provider), ("$providerCheck", providerCheckId)), cancellationToken).ConfigureAwait(false);

    public IAsyncEnumerable<ReferenceCheckRecord> ListAsync(TenantId tenant, JobId? job = null, CancellationToken cancellationToken = default)
        => QueryAsync("tenant = $tenant AND ($job IS NULL OR job = $job) ORDER BY created_at, check_id", cancellationToken, ("$tenant", tenant.Value), ("$job", job?.Value));

    public IAsyncEnumerable<ReferenceCheckRecord> ListOpenAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => QueryAsync("tenant = $tenant AND (state < 3 OR (state = 3 AND report_document IS NULL)) ORDER BY created_at, check_id", cancellationToken, ("$tenant", tenant.Value));

    public async ValueTask<ReferenceCheckRecord?> ApplyStatusAsync(TenantId tenant, string checkId, ProviderCheckStatus status, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        return await database.WriteAsync(async (connection, transaction) =>
        {
            int updated;
            using (var update = connection.Command(transaction, """
                UPDATE reference_checks
                SET state = $state, requested = $requested, answered = $answered, candidate_url = $url, sequence = $sequence,
                    provider_updated_at = $providerUpdated, updated_at = $now
                WHERE tenant = $tenant AND check_id = $check
                  AND (sequence < $sequence OR (sequence = $sequence AND provider_updated_at < $providerUpdated));
                """,
                ("$tenant", tenant.Value),
                ("$check", checkId),
                ("$state", (int)status.State),
                ("$requested", status.Requested),
                ("$answered", status.Answered),
                ("$url", status.CandidateUrl?.AbsoluteUri),
                ("$sequence", status.Sequence),
                ("$providerUpdated", SqliteDatabase.ToDb(status.UpdatedAt)),
                ("$now", SqliteDatabase.ToDb(now))))
            {
                updated = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return updated == 0
                ? null
                : await ReadOneAsync(connection, transaction, "tenant = $tenant AND check_id = $check", cancellationToken, ("$tenant", tenant.Value), ("$check", checkId)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> MarkReportFiledAsync(TenantId tenant, string checkId, DocumentId document, DateTimeOffset now, CancellationToken cancellationToken = default)
        => await database.WriteAsync(async (connection, transaction) =>
        {
            using var update = connection.Command(transaction, """
                UPDATE reference_checks SET report_document = $document, updated_at = $now
                WHERE tenant = $tenant AND check_id = $check AND report_document IS NULL;
                """, ("$tenant", tenant.Value), ("$check", checkId), ("$document", document.Value), ("$now", SqliteDatabase.ToDb(now)));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);

    private async IAsyncEnumerable<ReferenceCheckRecord> QueryAsync(string where, [EnumeratorCancellation] CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(null, $"SELECT {Columns} FROM reference_checks WHERE {where};", parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return Map(reader);
            }
        }
    }

    private static async Task<ReferenceCheckRecord?> ReadOneAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var select = connection.Command(transaction, $"SELECT {Columns} FROM reference_checks WHERE {where};", parameters);
        using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Map(reader) : null;
    }

    private static ReferenceCheckRecord Map(SqliteDataReader reader) => new()
    {
        Tenant = new TenantId(reader.GetString(0)),
        CheckId = reader.GetString(1),
        Key = new IdempotencyKey(reader.GetString(2)),
        Provider = reader.GetString(3),
        ProviderCheckId = reader.GetString(4),
        Candidate = new CandidateId(reader.GetString(5)),
        Application = new ApplicationId(reader.GetString(6)),
        Job = new JobId(reader.GetString(7)),
        SubAccount = reader.GetString(8),
        Language = reader.GetString(9),
        TemplateId = reader.GetString(10),
        CandidateContact = (ContactChannel)reader.GetInt32(11),
        RefereeContact = (ContactChannel)reader.GetInt32(12),
        State = (ReferenceCheckState)reader.GetInt32(13),
        Requested = reader.GetInt32(14),
        Answered = reader.GetInt32(15),
        CandidateUrl = reader.GetStringOrNull(16) is { } url ? new Uri(url, UriKind.Absolute) : null,
        Sequence = reader.GetInt64(17),
        ProviderUpdatedAt = SqliteDatabase.FromDb(reader.GetInt64(18)),
        CreatedAt = SqliteDatabase.FromDb(reader.GetInt64(19)),
        UpdatedAt = SqliteDatabase.FromDb(reader.GetInt64(20)),
        ReportDocument = reader.GetStringOrNull(21) is { } document ? new DocumentId(document) : null,
    };
}
