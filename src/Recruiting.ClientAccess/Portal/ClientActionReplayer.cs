using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recruiting.ClientAccess;

/// <summary>
/// On start, completes the client actions a crash left pending in the ledger (ARCHITECTURE.md principle 2: after a crash
/// the SDK replays pending keys), so a client that never sends its request again still gets its note, edit or move done once.
/// A failure is logged, never fatal to the host's start; the next start (or <see cref="ClientPortal.ReplayPendingActionsAsync"/>) retries.
/// </summary>
internal sealed class ClientActionReplayer(ClientPortal portal, ILogger<ClientActionReplayer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await portal.ReplayPendingActionsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ClientAccessLog.ReplayFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
