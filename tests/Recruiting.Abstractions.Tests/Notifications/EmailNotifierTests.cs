using Microsoft.Extensions.DependencyInjection;
using Recruiting.Testing;

namespace Recruiting.Abstractions.Tests.Notifications;

public class EmailNotifierTests
{
    private readonly InMemoryHost _host = new();
    private readonly TenantId _tenant;

    public EmailNotifierTests()
    {
        _tenant = _host.AddTenant("acme").Id;
        _host.AddUser(_tenant, "hr", "hr@acme.example");
        _host.AddUser(_tenant, "gone", "gone@acme.example", active: false);
    }

    private INotifier Build()
    {
        var services = TestServices.Create(_host);
        services.AddRecruiting();
        return services.BuildServiceProvider().GetRequiredService<INotifier>();
    }

    private Notification Notification(params string[] users) => new()
    {
        Tenant = _tenant,
        Kind = NotificationKind.MailReplyImported,
        Users = users.Select(u => new UserId(u)).ToList(),
        Addresses = ["ops@acme.example", "HR@acme.example"],
        Subject = "Reply imported",
        Body = "A reply was imported.",
        Link = new Uri("https://ats.example/applications/1"),
        Key = IdempotencyKey.Create("test", "n1"),
    };

    [Fact]
    public async Task Notify_SendsOneMailPerDistinctActiveRecipient_FromTheTenantSender()
    {
        await Build().NotifyAsync(Notification("hr", "gone", "unknown"));

        _host.Emails.Select(e => e.Message.To.Single()).Should().BeEquivalentTo("ops@acme.example", "HR@acme.example");
        _host.Emails.Should().OnlyContain(e => e.Message.From == "ats@acme.example" && e.Message.TextBody!.Contains("https://ats.example/applications/1"));
    }

    [Fact]
    public async Task Notify_Twice_SendsOnce()
    {
        var notifier = Build();
        await notifier.NotifyAsync(Notification("hr"));
        await notifier.NotifyAsync(Notification("hr"));

        _host.Emails.Should().HaveCount(2);
        _host.RepeatedKeys.Should().Be(2);
    }
}
