using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recruiting;
using Recruiting.ClientAccess;
using Recruiting.ClientAccess.Redaction;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds client access (hiring clients) to the SDK.</summary>
public static class ClientAccessRecruitingBuilderExtensions
{
    /// <summary>
    /// Adds client access: <see cref="ClientAdministration"/>, <see cref="ClientInvitations"/>, <see cref="ClientPortal"/> and
    /// <see cref="InterviewNotifications"/>. Needs an <see cref="IClientDirectory"/> and the client stores (the SQLite store
    /// registers them, and the <see cref="IIdempotencyLedger"/> client actions are recorded in), the Abstractions ports, and optionally <see cref="INoteReader"/>, <see cref="IDocumentReader"/>,
    /// <see cref="IInterviewReader"/>, <see cref="ICandidateProfileEditor"/> and <see cref="IRejectionAutomationTrigger"/>.
    /// A hosted service completes, on start, the client actions a crash left pending in the ledger.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures the options (<see cref="ClientAccessOptions.AccessLinkBase"/> is required).</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddClientAccess(this RecruitingBuilder builder, Action<ClientAccessOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<ClientAccessOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientAccessOptions>, ClientAccessOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClientAccessOptions>, ClientAccessOptionsRulesValidator>());

        foreach (var handler in ClientAccessEvaluator.DefaultHandlers)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IClientAccessHandler), handler.GetType()));
        }

        services.TryAddSingleton(sp => new ClientAccessMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new ClientAccessEvaluator(sp.GetServices<IClientAccessHandler>()));
        services.TryAddSingleton(sp => new ContactRedactor(sp.GetRequiredService<IOptions<ClientAccessOptions>>().Value.PhoneRegions));
        services.TryAddSingleton(sp => new ClientViewBuilder(sp.GetRequiredService<ContactRedactor>()));
        services.TryAddSingleton(sp => new ClientInvitations(
            sp.GetRequiredService<IClientDirectory>(), sp.GetRequiredService<IClientCredentialStore>(), sp.GetRequiredService<INotifier>(),
            sp.GetRequiredService<IUserDirectory>(), sp.GetRequiredService<ITenantDirectory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ClientAccessOptions>>(), sp.GetRequiredService<ClientAccessMetrics>(), sp.GetRequiredService<ILogger<ClientInvitations>>()));
        services.TryAddSingleton<ClientAdministration>();
        services.TryAddSingleton(sp => new ClientPortal(
            sp.GetRequiredService<IClientDirectory>(), sp.GetRequiredService<IApplicationDirectory>(), sp.GetRequiredService<IRecruitingCommands>(),
            sp.GetRequiredService<IClientAccessStateStore>(), sp.GetRequiredService<IIdempotencyLedger>(), sp.GetRequiredService<ITenantDirectory>(), sp.GetRequiredService<INotifier>(),
            sp.GetRequiredService<EventPublisher>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<ClientAccessOptions>>(),
            sp.GetRequiredService<ClientAccessEvaluator>(), sp.GetRequiredService<ClientViewBuilder>(), sp.GetRequiredService<ClientAccessMetrics>(),
            sp.GetRequiredService<ILogger<ClientPortal>>(), sp.GetService<INoteReader>(), sp.GetService<IDocumentReader>(), sp.GetService<IInterviewReader>(),
            sp.GetService<ICandidateProfileEditor>(), sp.GetService<IRejectionAutomationTrigger>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ClientActionReplayer>());
        services.TryAddSingleton(sp => new InterviewNotifications(
            sp.GetRequiredService<IClientDirectory>(), sp.GetRequiredService<IApplicationDirectory>(), sp.GetRequiredService<IClientAccessStateStore>(),
            sp.GetRequiredService<ITenantDirectory>(), sp.GetRequiredService<INotifier>(), sp.GetRequiredService<IInterviewReader>(), sp.GetRequiredService<ContactRedactor>()));
        return builder;
    }
}
