using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Recruiting;

/// <summary>The default notifier: one e-mail per recipient through <see cref="IMessageSender"/>, from the tenant's notification sender.</summary>
internal sealed partial class EmailNotifier(
    IMessageSender sender,
    IUserDirectory users,
    ITenantDirectory tenants,
    IOptions<RecruitingOptions> options,
    ILogger<EmailNotifier> logger) : INotifier
{
    public async ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var tenant = await tenants.GetTenantAsync(notification.Tenant, cancellationToken).ConfigureAwait(false);
        var from = tenant?.NotificationSender ?? options.Value.NotificationSender;

        var recipients = new SortedSet<string>(notification.Addresses, StringComparer.OrdinalIgnoreCase);
        foreach (var id in notification.Users)
        {
            var user = await users.GetUserAsync(notification.Tenant, id, cancellationToken).ConfigureAwait(false);
            if (user is { IsActive: true })
            {
                recipients.Add(user.Email);
            }
            else
            {
                LogUnknownRecipient(logger, id.Value, notification.Kind);
            }
        }

        foreach (var address in recipients)
        {
            var body = notification.Link is null ? notification.Body : $"{notification.Body}\n\n{notification.Link}";
            var message = new EmailMessage
            {
                From = from,
                To = [address],
                Subject = notification.Subject,
                TextBody = body,
                Application = notification.Application,
            };
            await sender.SendEmailAsync(notification.Tenant, message, IdempotencyKey.Create("notify", notification.Key.Value, address.ToUpperInvariant()), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = RecruitingEventIds.NotificationRecipientSkipped, Level = LogLevel.Warning, Message = "Notification {Kind}: user {User} is unknown or inactive and is skipped")]
    private static partial void LogUnknownRecipient(ILogger logger, string user, NotificationKind kind);
}
