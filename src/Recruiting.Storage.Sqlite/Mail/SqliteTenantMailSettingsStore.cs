using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Recruiting.MailImport;
using Recruiting.MailImport.Subjects;

namespace Recruiting.Storage.Sqlite;

/// <summary>Tenants' mail import settings on SQLite; an import address belongs to one tenant (unique, case-insensitive).</summary>
internal sealed class SqliteTenantMailSettingsStore(SqliteDatabase database, TimeProvider time) : ITenantMailSettingsStore
{
    public async ValueTask SaveAsync(TenantMailSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        InvalidTenantMailSettingsException.ThrowIfInvalid(settings);
        var format = settings.ReferenceFormat is { IsEmpty: false } f ? f : null;
        var addresses = settings.ImportAddresses.Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        await database.WriteAsync(async (connection, transaction) =>
        {
            foreach (var address in addresses)
            {
                using var owner = connection.Command(transaction, "SELECT tenant FROM mail_import_addresses WHERE address = $a;", ("$a", address));
                if (await owner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string other && other != settings.Tenant.Value)
                {
                    throw new ArgumentException($"Import address '{address}' already belongs to tenant '{other}'.", nameof(settings));
                }
            }

            using (var upsert = connection.Command(transaction, """
                INSERT INTO mail_settings (tenant, sender_verification, allowed_senders, updated_at, reference_pattern, reference_min_length, reference_max_length, reference_checksum)
                VALUES ($t, $v, $s, $now, $rp, $rmin, $rmax, $rc)
                ON CONFLICT (tenant) DO UPDATE SET sender_verification = excluded.sender_verification, allowed_senders = excluded.allowed_senders, updated_at = excluded.updated_at,
                    reference_pattern = excluded.reference_pattern, reference_min_length = excluded.reference_min_length,
                    reference_max_length = excluded.reference_max_length, reference_checksum = excluded.reference_checksum;
                """,
                ("$t", settings.Tenant.Value),
                ("$rp", format?.Pattern),
                ("$rmin", format?.MinLength),
                ("$rmax", format?.MaxLength),
                ("$rc", format?.Checksum?.ToString()),
                ("$v", settings.SenderVerification is { } v ? (int)v : null),
                ("$s", JsonSerializer.Serialize(settings.AllowedSenders)),
                ("$now", SqliteDatabase.ToDb(time.GetUtcNow()))))
            {
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var clear = connection.Command(transaction, "DELETE FROM mail_import_addresses WHERE tenant = $t;", ("$t", settings.Tenant.Value)))
            {
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var address in addresses)
            {
                using var insert = connection.Command(transaction, "INSERT INTO mail_import_addresses (address, tenant) VALUES ($a, $t);", ("$a", address), ("$t", settings.Tenant.Value));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TenantMailSettings?> GetAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => await database.ReadAsync(connection => ReadAsync(connection, tenant.Value, cancellationToken), cancellationToken).ConfigureAwait(false);

    public async ValueTask<TenantMailSettings?> FindByImportAddressAsync(string importAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importAddress);
        return await database.ReadAsync(async connection =>
        {
            using var find = connection.Command(null, "SELECT tenant FROM mail_import_addresses WHERE address = $a;", ("$a", importAddress.Trim()));
            return await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string tenant
                ? await ReadAsync(connection, tenant, cancellationToken).ConfigureAwait(false)
                : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<TenantId> ListTenantsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tenants = await database.ReadAsync(async connection =>
        {
            var list = new List<TenantId>();
            using var select = connection.Command(null, "SELECT tenant FROM mail_settings ORDER BY tenant;");
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new TenantId(reader.GetString(0)));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var tenant in tenants)
        {
            yield return tenant;
        }
    }

    private static async Task<TenantMailSettings?> ReadAsync(SqliteConnection connection, string tenant, CancellationToken cancellationToken)
    {
        int? verification;
        string allowed;
        TenantReferenceFormat? format;
        using (var select = connection.Command(null, """
            SELECT sender_verification, allowed_senders, reference_pattern, reference_min_length, reference_max_length, reference_checksum
            FROM mail_settings WHERE tenant = $t;
            """, ("$t", tenant)))
        using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            verification = reader.IsDBNull(0) ? null : reader.GetInt32(0);
            allowed = reader.GetString(1);
            format = new TenantReferenceFormat
            {
                Pattern = reader.IsDBNull(2) ? null : reader.GetString(2),
                MinLength = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                MaxLength = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                Checksum = !reader.IsDBNull(5) && Enum.TryParse<ReferenceChecksum>(reader.GetString(5), ignoreCase: false, out var checksum) && Enum.IsDefined(checksum)
                    ? checksum
                    : null,
            };
        }

        var addresses = new List<string>();
        using (var select = connection.Command(null, "SELECT address FROM mail_import_addresses WHERE tenant = $t ORDER BY address;", ("$t", tenant)))
        using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                addresses.Add(reader.GetString(0));
            }
        }

        return new TenantMailSettings
        {
            Tenant = new TenantId(tenant),
            ImportAddresses = addresses,
            SenderVerification = verification is { } v ? (SenderVerification)v : null,
            AllowedSenders = JsonSerializer.Deserialize<List<string>>(allowed) ?? [],
            ReferenceFormat = format.IsEmpty ? null : format,
        };
    }
}
