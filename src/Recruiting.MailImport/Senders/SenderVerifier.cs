using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Recruiting.MailImport.Importing;

namespace Recruiting.MailImport.Senders;

/// <summary>
/// Decides whether to trust the person who forwarded a mail (ARCHITECTURE.md: a <c>From:</c> header is forgeable and
/// references are guessable). <see cref="SenderVerification.AllowList"/> compares the address or its domain with the
/// tenant's list; <see cref="SenderVerification.Authenticated"/> believes only the topmost <c>Authentication-Results</c>
/// fields written by the host's own receiving server and asks for DKIM or DMARC pass aligned with the <c>From:</c> domain,
/// and for the sender to be an active user of the tenant.
/// </summary>
internal sealed class SenderVerifier(IUserDirectory users, MailImportOptions options)
{
    public async ValueTask<SenderVerdict> VerifyAsync(TenantMailSettings settings, MimeMessage message, CancellationToken cancellationToken)
    {
        var mailboxes = message.From.Mailboxes.ToList();
        if (mailboxes.Count != 1 || string.IsNullOrWhiteSpace(mailboxes[0].Address) || !mailboxes[0].Address.Contains('@', StringComparison.Ordinal))
        {
            return SenderVerdict.Refuse($"The From header must name exactly one address (it names {mailboxes.Count}).");
        }

        var address = mailboxes[0].Address.Trim();
        var domain = address[(address.LastIndexOf('@') + 1)..].TrimEnd('.').ToLowerInvariant();
        var mode = settings.SenderVerification ?? options.DefaultSenderVerification;
        return mode switch
        {
            SenderVerification.AllowList => VerifyAllowList(settings, address, domain),
            _ => await VerifyAuthenticatedAsync(settings.Tenant, message, address, domain, cancellationToken).ConfigureAwait(false),
        };
    }

    internal static SenderVerdict VerifyAllowList(TenantMailSettings settings, string address, string domain)
    {
        foreach (var entry in settings.AllowedSenders)
        {
            var allowed = entry.Trim();
            if (allowed.Length == 0)
            {
                continue;
            }

            if (allowed.Contains('@', StringComparison.Ordinal) && !allowed.StartsWith('@'))
            {
                if (string.Equals(allowed, address, StringComparison.OrdinalIgnoreCase))
                {
                    return SenderVerdict.Trust($"{address} is on the allow-list.");
                }
            }
            else if (string.Equals(allowed.TrimStart('@').TrimEnd('.'), domain, StringComparison.OrdinalIgnoreCase))
            {
                return SenderVerdict.Trust($"{domain} is on the allow-list.");
            }
        }

        return SenderVerdict.Refuse($"{address} is not on the tenant's sender allow-list.");
    }

    private async ValueTask<SenderVerdict> VerifyAuthenticatedAsync(TenantId tenant, MimeMessage message, string address, string domain, CancellationToken cancellationToken)
    {
        var results = TrustedResults(message.Headers, options.TrustedAuthServIds);
        if (results.Count == 0)
        {
            return SenderVerdict.Refuse("No Authentication-Results from a trusted receiving server (" + string.Join(", ", options.TrustedAuthServIds) + ").");
        }

        string? passed = null;
        foreach (var result in results.SelectMany(r => r.Results))
        {
            if (!string.Equals(result.Result, "pass", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(result.Method, "dmarc", StringComparison.OrdinalIgnoreCase)
                && Property(result, "header", "from") is { } from && Aligned(from, domain))
            {
                passed = "dmarc=pass header.from=" + from;
                break;
            }

            if (string.Equals(result.Method, "dkim", StringComparison.OrdinalIgnoreCase)
                && (Property(result, "header", "d") ?? DomainOf(Property(result, "header", "i"))) is { } signer && Aligned(signer, domain))
            {
                passed = "dkim=pass header.d=" + signer;
                break;
            }
        }

        if (passed is null)
        {
            return SenderVerdict.Refuse($"The trusted Authentication-Results show no DKIM or DMARC pass aligned with {domain}.");
        }

        var user = await users.FindByEmailAsync(tenant, address, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true } || user.Tenant != tenant)
        {
            return SenderVerdict.Refuse($"{address} is authenticated ({passed}) but is not an active user of tenant {tenant}.");
        }

        return SenderVerdict.Trust($"{address} is user {user.Id} ({passed}).");
    }

    /// <summary>
    /// The topmost run of <c>Authentication-Results</c> fields whose authserv-id is trusted. Receiving servers prepend
    /// their fields, so anything a sender wrote into the message sits below the server's own; only the first contiguous
    /// run of trusted fields is believed, and the scan stops at the first other field once that run has begun.
    /// </summary>
    internal static IReadOnlyList<AuthenticationResults> TrustedResults(HeaderList headers, ICollection<string> trustedIds)
    {
        var list = new List<AuthenticationResults>();
        if (trustedIds.Count == 0)
        {
            return list;
        }

        var started = false;
        foreach (var header in headers)
        {
            var isResults = header.Id == HeaderId.AuthenticationResults;
            if (started && !isResults)
            {
                break;
            }

            if (!isResults || !AuthenticationResults.TryParse(header.RawValue, out var parsed) || parsed.AuthenticationServiceIdentifier is not { } id)
            {
                if (started)
                {
                    break;
                }

                continue;
            }

            if (trustedIds.Any(t => string.Equals(t.Trim(), id, StringComparison.OrdinalIgnoreCase)))
            {
                started = true;
                list.Add(parsed);
            }
            else if (started)
            {
                break;
            }
        }

        return list;
    }

    private static string? Property(AuthenticationMethodResult result, string ptype, string property)
        => result.Properties.FirstOrDefault(p => string.Equals(p.PropertyType, ptype, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Property, property, StringComparison.OrdinalIgnoreCase))?.Value?.Trim().Trim('"');

    private static string? DomainOf(string? identity)
        => identity is null ? null : identity[(identity.LastIndexOf('@') + 1)..];

    /// <summary>Relaxed alignment (RFC 7489 §3.1): the authenticated domain equals the From domain or is a parent domain of it.</summary>
    internal static bool Aligned(string authenticated, string fromDomain)
    {
        var d = authenticated.Trim().TrimEnd('.').ToLowerInvariant();
        if (d.Length == 0 || !d.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        return fromDomain == d || fromDomain.EndsWith("." + d, StringComparison.Ordinal);
    }

    internal static string Describe(IEnumerable<AuthenticationResults> results)
    {
        var builder = new StringBuilder();
        foreach (var r in results)
        {
            builder.Append(r.ToString()).Append('\n');
        }

        return builder.ToString();
    }
}
