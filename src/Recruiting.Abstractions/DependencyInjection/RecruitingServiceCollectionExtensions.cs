using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Recruiting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Recruiting SDK.</summary>
public static class RecruitingServiceCollectionExtensions
{
    /// <summary>Adds the SDK's shared services: options, <see cref="TimeProvider"/>, event publishing and the default notifier.</summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add capabilities and a store to.</returns>
    public static RecruitingBuilder AddRecruiting(this IServiceCollection services) => services.AddRecruiting(static _ => { });

    /// <summary>Adds the SDK's shared services: options, <see cref="TimeProvider"/>, event publishing and the default notifier.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the shared options.</param>
    /// <returns>A builder to add capabilities and a store to.</returns>
    public static RecruitingBuilder AddRecruiting(this IServiceCollection services, Action<RecruitingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<RecruitingOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecruitingOptions>, RecruitingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecruitingOptions>, RecruitingOptionsEnvironmentValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventPublisher>();
        services.TryAddSingleton<INotifier, EmailNotifier>();
        return new RecruitingBuilder(services);
    }
}
