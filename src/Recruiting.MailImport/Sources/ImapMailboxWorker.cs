using MailKit.Net.Imap;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recruiting.MailImport.Sources;

/// <summary>
/// Runs an <see cref="ImapMailboxSource"/> for the life of the host: drains the mailbox, then waits for new mail with IMAP
/// IDLE (re-issued every <see cref="ImapMailboxOptions.PollInterval"/>) or by polling, and reconnects after failures.
/// </summary>
internal sealed partial class ImapMailboxWorker(ImapMailboxSource source, TimeProvider time, ILogger<ImapMailboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = source.Options;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = new ImapClient();
                await source.ConnectAsync(client, stoppingToken).ConfigureAwait(false);
                var inbox = await client.GetFolderAsync(options.Folder, stoppingToken).ConfigureAwait(false);

                // The folder stays selected between a drain and the IDLE that follows, and a change seen at any time
                // (even while the drain ran) is remembered, so a message arriving in between is never left waiting.
                var changed = 0;
                CancellationTokenSource? idleDone = null;
                void OnCountChanged(object? sender, EventArgs e)
                {
                    Volatile.Write(ref changed, 1);
                    idleDone?.Cancel();
                }

                inbox.CountChanged += OnCountChanged;
                try
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        Volatile.Write(ref changed, 0);
                        await source.DrainAsync(client, stoppingToken, keepOpen: true).ConfigureAwait(false);
                        if (Volatile.Read(ref changed) == 1)
                        {
                            continue;
                        }

                        if (options.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle))
                        {
                            using var interval = new CancellationTokenSource(options.PollInterval, time);
                            using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
                            idleDone = done;
                            try
                            {
                                if (Volatile.Read(ref changed) == 0)
                                {
                                    await client.IdleAsync(done.Token, stoppingToken).ConfigureAwait(false);
                                }
                            }
                            finally
                            {
                                idleDone = null;
                            }
                        }
                        else
                        {
                            await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    inbox.CountChanged -= OnCountChanged;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A broken connection or server must not stop the host; it is logged and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex, options.Name, options.RetryDelay);
                try
                {
                    await Task.Delay(options.RetryDelay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 302, Level = LogLevel.Error, Message = "Mailbox {Source} failed; retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source, TimeSpan delay);
}
