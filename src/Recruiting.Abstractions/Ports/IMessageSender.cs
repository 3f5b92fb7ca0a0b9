namespace Recruiting;

/// <summary>Sends e-mail and SMS through the host's channels. Implemented by the host.</summary>
public interface IMessageSender
{
    /// <summary>Sends an e-mail; a repeated key returns the first receipt and sends nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="message">The message.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The receipt.</returns>
    ValueTask<SendReceipt> SendEmailAsync(TenantId tenant, EmailMessage message, IdempotencyKey key, CancellationToken cancellationToken = default);

    /// <summary>Sends an SMS; a repeated key returns the first receipt and sends nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="message">The message.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The receipt.</returns>
    ValueTask<SendReceipt> SendSmsAsync(TenantId tenant, SmsMessage message, IdempotencyKey key, CancellationToken cancellationToken = default);
}
