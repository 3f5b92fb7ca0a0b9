using Microsoft.Extensions.DependencyInjection;

namespace Recruiting;

/// <summary>Configures the Recruiting SDK; each package adds its capability through extension methods on this builder.</summary>
public sealed class RecruitingBuilder
{
    internal RecruitingBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection the SDK registers into.</summary>
    public IServiceCollection Services { get; }
}
