using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Recruiting;
using Recruiting.References;
using Recruiting.References.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the reference-check capability.</summary>
public static class ReferencesRecruitingBuilderExtensions
{
    /// <summary>Adds reference checks with the SDK's HTTP provider client and the default options.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddReferenceChecks(this RecruitingBuilder builder) => builder.AddReferenceChecks(static _ => { });

    /// <summary>
    /// Adds reference checks: <see cref="IReferenceCheckService"/>, the HTTP provider client of the SDK's contract
    /// (replace <see cref="IReferenceCheckProvider"/> before this call to use another), its named
    /// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, and validated options. A store
    /// (for example <c>UseSqliteStorage</c>) and the host ports must be registered too.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static RecruitingBuilder AddReferenceChecks(this RecruitingBuilder builder, Action<ReferenceCheckOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;

        services.AddOptions<ReferenceCheckOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReferenceCheckOptions>, ReferenceCheckOptionsValidator>());
        services.AddHttpClient(ReferenceCheckConstants.HttpClientName);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReferenceCheckProvider, HttpReferenceCheckProvider>();
        services.TryAddSingleton<IReferenceCheckService, ReferenceCheckService>();
        return builder;
    }
}
