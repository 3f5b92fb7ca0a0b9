using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recruiting;
using Recruiting.MailImport.Attachments;
using Recruiting.MailImport.Importing;
using Recruiting.MailImport.Sources;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the mail reply import.</summary>
public static class MailImportRecruitingBuilderExtensions
{
    /// <summary>Adds the mail reply importer (<see cref="IMailImporter"/>) with the default options.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddMailImport(this RecruitingBuilder builder) => builder.AddMailImport(static _ => { });

    /// <summary>
    /// Adds the mail reply importer (<see cref="IMailImporter"/>). The options are validated when the host starts. The
    /// stores it needs (<see cref="Recruiting.MailImport.ITenantMailSettingsStore"/>, <see cref="Recruiting.MailImport.IMailQuarantineStore"/>,
    /// <see cref="IIdempotencyLedger"/>) come from the SDK store, for example <c>UseSqliteStorage(path)</c>.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddMailImport(this RecruitingBuilder builder, Action<MailImportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<MailImportOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailImportOptions>, MailImportOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailImportOptions>, MailImportOptionsRulesValidator>());
        services.TryAddSingleton(sp => new MailImportTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IAttachmentClassifier, FileNameAttachmentClassifier>();
        services.TryAddSingleton<IMailImporter, MailImporter>();
        return builder;
    }

    /// <summary>
    /// Adds a hosted service reading an IMAP mailbox into the importer (IDLE or polling, reconnecting after failures).
    /// The account's password is read from <see cref="ISecretStore"/> under <see cref="ImapMailboxOptions.PasswordSecretName"/>.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures the mailbox.</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddImapMailbox(this RecruitingBuilder builder, Action<ImapMailboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var probe = new ImapMailboxOptions();
        configure(probe);
        var name = string.IsNullOrWhiteSpace(probe.Name) ? throw new ArgumentException("An IMAP mailbox needs a Name.", nameof(configure)) : probe.Name;
        var services = builder.Services;
        services.AddOptions<ImapMailboxOptions>(name).Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IHostedService>(sp => new ImapMailboxWorker(
            new ImapMailboxSource(
                sp.GetRequiredService<IMailImporter>(),
                sp.GetRequiredService<Recruiting.MailImport.IMailboxCheckpointStore>(),
                sp.GetRequiredService<ISecretStore>(),
                sp.GetRequiredService<IOptionsMonitor<ImapMailboxOptions>>().Get(name),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ImapMailboxSource>>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ImapMailboxWorker>>()));
        return builder;
    }
}

/// <summary>Validates the attributes of <see cref="MailImportOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class MailImportOptionsValidator : IValidateOptions<MailImportOptions>
{
}

/// <summary>Cross-property rules of <see cref="MailImportOptions"/>.</summary>
internal sealed class MailImportOptionsRulesValidator : IValidateOptions<MailImportOptions>
{
    public ValidateOptionsResult Validate(string? name, MailImportOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultSenderVerification == Recruiting.MailImport.SenderVerification.Authenticated && options.TrustedAuthServIds.All(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{nameof(MailImportOptions)}.{nameof(MailImportOptions.TrustedAuthServIds)}: name the authserv-id of your receiving mail server (the first word of the Authentication-Results it adds), or set {nameof(MailImportOptions.DefaultSenderVerification)} to AllowList.");
        }

        errors.AddRange(options.Subjects.Validate().Select(e => $"{nameof(MailImportOptions)}.{nameof(MailImportOptions.Subjects)}: {e}"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
