using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Recruiting.Testing;

namespace Recruiting.Abstractions.Tests.DependencyInjection;

public class AddRecruitingTests
{
    [Fact]
    public void AddRecruiting_RegistersSharedServices_AndIsHarmlessTwice()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting();
        services.AddRecruiting();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<EventPublisher>().Should().NotBeNull();
        provider.GetRequiredService<INotifier>().Should().NotBeNull();
        provider.GetServices<IValidateOptions<RecruitingOptions>>().Should().HaveCount(2);
    }

    [Fact]
    public void InvalidOptions_FailAtStart_NamingTheOption()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting(o =>
        {
            o.DefaultTimeZoneId = "Mars/Olympus_Mons";
            o.NotificationSender = "not an address";
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Message.Should().Contain("DefaultTimeZoneId").And.Contain("NotificationSender");
    }

    [Fact]
    public async Task InvalidOptions_FailTheGenericHostStart()
    {
        var builder = Host.CreateApplicationBuilder();
        new InMemoryHost().Register(builder.Services);
        builder.Services.AddRecruiting(o => o.DefaultTimeZoneId = "Nowhere/Nothing");
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("DefaultTimeZoneId");
    }
}
