using MailKit;
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
                while (!stoppingToken.IsCancellationRequested)
                {
                    await source.DrainAsync(client, stoppingToken).ConfigureAwait(false);
                    if (options.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle))
                    {
                        await IdleAsync(client, options, stoppingToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                    }
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

    private async Task IdleAsync(ImapClient client, ImapMailboxOptions options, CancellationToken stoppingToken)
    {
        var inbox = await client.GetFolderAsync(options.Folder, stoppingToken).ConfigureAwait(false);
        await inbox.OpenAsync(FolderAccess.ReadOnly, stoppingToken).ConfigureAwait(false);
        using var interval = new CancellationTokenSource(options.PollInterval, time);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, interval.Token);
        void OnCountChanged(object? sender, EventArgs e) => done.Cancel();
        inbox.CountChanged += OnCountChanged;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            inbox.CountChanged -= OnCountChanged;
            if (inbox.IsOpen)
            {
                await inbox.CloseAsync(expunge: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = RecruitingEventIds.MailImport + 302, Level = LogLevel.Error, Message = "Mailbox {Source} failed; retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source, TimeSpan delay);
}
