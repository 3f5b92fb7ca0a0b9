using Microsoft.Extensions.DependencyInjection;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;
using Recruiting.Samples.Console.Ats;

namespace Recruiting.Samples.Console.Boards;

/// <summary>
/// The SDK side of the demo tenant's boards: each registered board's <c>default</c> account and a board-wide mapping of
/// every posting to the demo job. Idempotent: existing accounts and mappings are left as they are.
/// </summary>
internal static class BoardsDemoSeed
{
    public const string AccountName = "default";

    public static async Task SeedAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<IBoardRegistry>();
        var accounts = services.GetRequiredService<IBoardAccounts>();
        var settings = services.GetRequiredService<IBoardSettingsStore>();
        var mappings = await settings.ListMappingsAsync(tenant, cancellationToken: cancellationToken).ConfigureAwait(false);

        foreach (var board in registry.Boards)
        {
            if (await accounts.GetAsync(tenant, board.ServiceName, AccountName, cancellationToken).ConfigureAwait(false) is null)
            {
                var extra = board.AccountFields.Where(f => f.Required).ToDictionary(f => f.Key, _ => "demo", StringComparer.Ordinal);
                var saved = await accounts.SaveAsync(tenant, new BoardAccountInput
                {
                    Board = board.ServiceName,
                    Name = AccountName,
                    LoginId = "demo",
                    Password = "demo",
                    Memo = "Seeded demo account",
                    ExtraFields = extra,
                }, cancellationToken).ConfigureAwait(false);
                if (!saved.Succeeded)
                {
                    throw new InvalidOperationException($"Seeding the demo account of {board.ServiceName} failed: {string.Join(" ", saved.Problems)}");
                }
            }

            if (!mappings.Any(m => m.Board == board.ServiceName && m.Account is null && m.Posting.Kind == PostingMatchKind.Any))
            {
                await settings.SetMappingAsync(tenant, new PostingMapping(board.ServiceName, null, PostingMatch.Any, DemoTenantSeed.DemoJob), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
