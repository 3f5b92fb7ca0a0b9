using Microsoft.Extensions.DependencyInjection;

namespace Recruiting.Samples.Console.Ats;

/// <summary>Registers the mini ATS as the implementation of every SDK port.</summary>
public static class MiniAtsServiceCollectionExtensions
{
    public static IServiceCollection AddMiniAts(this IServiceCollection services, string path)
    {
        services.AddSingleton(sp => new MiniAts(path, sp.GetRequiredService<TimeProvider>()) { AfterCommit = CrashHook.FromEnvironment() });
        services.AddSingleton<IApplicationDirectory>(sp => sp.GetRequiredService<MiniAts>());
        services.AddSingleton<IApplicantIntake>(sp => sp.GetRequiredService<MiniAts>());
        services.AddSingleton<IApplicationHistory>(sp => sp.GetRequiredService<MiniAts>());
        services.AddSingleton<IRecruitingCommands>(sp => sp.GetRequiredService<MiniAts>());
        services.AddSingleton<IUserDirectory>(sp => sp.GetRequiredService<MiniAts>());
        services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<MiniAts>());
        services.AddSingleton<IRecruitingEventSink>(sp => sp.GetRequiredService<MiniAts>());
        services.AddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<MiniAts>());
        return services;
    }
}
