using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Recruiting;
using Recruiting.Automation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers rejection automation.</summary>
public static class RejectionAutomationRecruitingBuilderExtensions
{
    /// <summary>Adds rejection automation with default options.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddRejectionAutomation(this RecruitingBuilder builder) => builder.AddRejectionAutomation(static _ => { });

    /// <summary>
    /// Adds rejection automation: <see cref="IRejectionRuleEditor"/>, <see cref="IRejectionAutomation"/>,
    /// <see cref="IRejectionDispatcher"/> and the hosted dispatcher. Needs a store (<c>UseSqliteStorage</c>) and the host's
    /// ports (<see cref="IApplicationDirectory"/>, <see cref="IUserDirectory"/>, <see cref="ITenantDirectory"/>,
    /// <see cref="IRecruitingCommands"/>, <see cref="IApplicationHistory"/>, <see cref="IMessageSender"/>).
    /// Options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddRejectionAutomation(this RecruitingBuilder builder, Action<RejectionAutomationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<RejectionAutomationOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RejectionAutomationOptions>, RejectionAutomationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RejectionAutomationOptions>, RejectionAutomationOptionsCrossValidator>());
        services.TryAddSingleton<TemplateRenderer>();
        services.TryAddSingleton(sp => new AutomationTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new RejectionPlanner(sp.GetRequiredService<TemplateRenderer>(), sp.GetRequiredService<IOptions<RejectionAutomationOptions>>().Value));
        services.TryAddSingleton<AutomationPipeline>();
        services.TryAddSingleton<DeliveryRecorder>();
        services.TryAddSingleton<IRejectionRuleEditor, RejectionRuleEditor>();
        services.TryAddSingleton<IRejectionAutomation, RejectionAutomation>();
        services.TryAddSingleton<IRejectionAutomationTrigger, RejectionAutomationTrigger>();
        services.TryAddSingleton<IRejectionDispatcher, RejectionDispatcher>();
        services.TryAddSingleton<DispatcherWakeUp>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RejectionDispatcherService>());
        return builder;
    }
}
