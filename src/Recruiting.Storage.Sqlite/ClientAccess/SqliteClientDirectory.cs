using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recruiting.ClientAccess;

namespace Recruiting.Storage.Sqlite;

/// <summary>The SDK's default client directory: clients and their vacancy links in the SQLite store.</summary>
internal sealed class SqliteClientDirectory(SqliteDatabase database) : IClientDirectory
{
    private const string Columns = "id, tenant, name, email, kind, status, hide_contacts, created_at, created_by";

    public async ValueTask<ClientInfo?> GetClientAsync(TenantId tenant, ClientId client, CancellationToken cancellationToken = default)
        => await database.ReadAsync(async connection =>
        {
            var found = await ReadClientsAsync(connection, $"SELECT {Columns} FROM ca_clients WHERE tenant = $t AND id = $id;", cancellationToken, ("$t", tenant.Value), ("$id", client.Value)).ConfigureAwait(false);
            return found.Count == 0 ? null : found[0];
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask<ClientInfo?> FindByEmailAsync(TenantId tenant, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        return await database.ReadAsync(async connection =>
        {
            var found = await ReadClientsAsync(connection, $"SELECT {Columns} FROM ca_clients WHERE tenant = $t AND email = $e COLLATE NOCASE;", cancellationToken, ("$t", tenant.Value), ("$e", email.Trim())).ConfigureAwait(false);
            return found.Count == 0 ? null : found[0];
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ClientInfo> ListClientsAsync(TenantId tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clients = await database.ReadAsync(connection => ReadClientsAsync(connection, $"SELECT {Columns} FROM ca_clients WHERE tenant = $t ORDER BY id;", cancellationToken, ("$t", tenant.Value)), cancellationToken).ConfigureAwait(false);
        foreach (var client in clients)
        {
            yield return client;
        }
    }

    public async IAsyncEnumerable<ClientInfo> ListClientsOfJobAsync(TenantId tenant, JobId job, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clients = await database.ReadAsync(connection => ReadClientsAsync(connection, $"""
            SELECT {Columns} FROM ca_clients c
            WHERE c.tenant = $t AND EXISTS (SELECT 1 FROM ca_client_vacancies v WHERE v.tenant = c.tenant AND v.client = c.id AND v.job = $j)
            ORDER BY c.id;
            """, cancellationToken, ("$t", tenant.Value), ("$j", job.Value)), cancellationToken).ConfigureAwait(false);
        foreach (var client in clients)
        {
            yield return client;
        }
    }

    public async ValueTask SaveClientAsync(ClientInfo client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await database.WriteAsync(async (connection, transaction) =>
        {
            using (var upsert = connection.Command(transaction, """
                INSERT INTO ca_clients (tenant, id, name, email, kind, status, hide_contacts, created_at, created_by)
                VALUES ($t, $id, $name, $email, $kind, $status, $hide, $created, $by)
                ON CONFLICT (tenant, id) DO UPDATE SET name = excluded.name, email = excluded.email, kind = excluded.kind,
                    status = excluded.status, hide_contacts = excluded.hide_contacts;
                """,
                ("$t", client.Tenant.Value), ("$id", client.Id.Value), ("$name", client.Name), ("$email", client.Email), ("$kind", client.Kind.ToString()),
                ("$status", client.Status.ToString()), ("$hide", client.HideCandidateContacts ? 1 : 0), ("$created", SqliteDatabase.ToDb(client.CreatedAt)), ("$by", client.CreatedBy?.Value)))
            {
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var clear = connection.Command(transaction, "DELETE FROM ca_client_vacancies WHERE tenant = $t AND client = $id;", ("$t", client.Tenant.Value), ("$id", client.Id.Value)))
            {
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var position = 0;
            foreach (var job in client.Vacancies.Distinct())
            {
                using var link = connection.Command(transaction, "INSERT INTO ca_client_vacancies (tenant, client, job, position) VALUES ($t, $id, $j, $p);",
                    ("$t", client.Tenant.Value), ("$id", client.Id.Value), ("$j", job.Value), ("$p", position++));
                await link.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<ClientInfo>> ReadClientsAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var clients = new List<ClientInfo>();
        using (var command = connection.Command(null, sql, parameters))
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                clients.Add(new ClientInfo
                {
                    Id = new ClientId(reader.GetString(0)),
                    Tenant = new TenantId(reader.GetString(1)),
                    Name = reader.GetString(2),
                    Email = reader.GetString(3),
                    Kind = Enum.Parse<ClientKind>(reader.GetString(4)),
                    Status = Enum.Parse<ClientStatus>(reader.GetString(5)),
                    HideCandidateContacts = reader.GetInt64(6) == 1,
                    CreatedAt = SqliteDatabase.FromDb(reader.GetInt64(7)),
                    CreatedBy = reader.GetStringOrNull(8) is { } by ? new UserId(by) : null,
                });
            }
        }

        for (var i = 0; i < clients.Count; i++)
        {
            var jobs = new List<JobId>();
            using var links = connection.Command(null, "SELECT job FROM ca_client_vacancies WHERE tenant = $t AND client = $id ORDER BY position;", ("$t", clients[i].Tenant.Value), ("$id", clients[i].Id.Value));
            using var reader = await links.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(new JobId(reader.GetString(0)));
            }

            clients[i] = clients[i] with { Vacancies = jobs };
        }

        return clients;
    }
}
