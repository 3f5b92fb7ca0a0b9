using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Recruiting.Samples.Console.Cli;
using Recruiting.Samples.Console.Demo;
using Recruiting.Testing;

namespace Recruiting.Storage.Sqlite.Tests.ClientAccess;

public sealed class ClientAccessDemoStepTests : IDisposable
{
    private readonly TestTempDirectory _temp = new();

    [Fact]
    public async Task DemoStep_ShowsBothViews_HidesContactsFromTheClient_AndNotifiesTheRecruiters()
    {
        using var host = global::Recruiting.Samples.Console.SampleHost.Build(_temp.File("demo.db"));
        await host.StartAsync();
        try
        {
            var step = host.Services.GetServices<IDemoStep>().Single(s => s.Section == "clientAccess");
            var section = await step.RunAsync(host.Services, global::Recruiting.Samples.Console.SampleHost.DemoTenant, CancellationToken.None);
            using var json = JsonDocument.Parse(CliJson.Serialize(section));
            var root = json.RootElement;

            root.EnumerateObject().Select(p => p.Name).Should().Equal("recruiterView", "clientView", "notifications");
            root.GetProperty("recruiterView").GetProperty("emails")[0].GetString().Should().Be("taro.yamada@example.jp");
            var client = root.GetProperty("clientView").GetRawText();
            client.Should().NotContain("taro.yamada@example.jp").And.NotContain("090-1234-5678").And.NotContain("linkedin").And.NotContain("Salary expectation");
            root.GetProperty("clientView").GetProperty("contactsHidden").GetBoolean().Should().BeTrue();
            var notifications = root.GetProperty("notifications").EnumerateArray().ToList();
            notifications.Should().Contain(n => n.GetProperty("subject").GetString()!.Contains("moved", StringComparison.Ordinal) && n.GetProperty("to")[0].GetString() == "recruiter@demo.example");
            notifications.Should().Contain(n => n.GetProperty("subject").GetString()!.Contains("added a note", StringComparison.Ordinal));
            notifications.Should().Contain(n => n.GetProperty("subject").GetString()!.Contains("your access", StringComparison.Ordinal));
            var copy = notifications.Single(n => n.GetProperty("subject").GetString()!.StartsWith("Interview scheduled", StringComparison.Ordinal));
            copy.GetProperty("body").GetString().Should().NotContain("090-1234-5678");

            // Run again on the same database: the client is reused, a new invitation revokes the old link, nothing breaks.
            var again = await step.RunAsync(host.Services, global::Recruiting.Samples.Console.SampleHost.DemoTenant, CancellationToken.None);
            CliJson.Serialize(again).Should().Contain("\"clientView\"");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
