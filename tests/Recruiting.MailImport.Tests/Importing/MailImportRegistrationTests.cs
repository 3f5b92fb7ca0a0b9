using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recruiting.MailImport.Importing;
using Recruiting.Testing;

namespace Recruiting.MailImport.Tests.Importing;

public sealed class MailImportRegistrationTests
{
    [Fact]
    public void Authenticated_default_without_a_trusted_receiving_server_fails_validation()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddMailImport();
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<MailImportOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().WithMessage("*TrustedAuthServIds*");
    }

    [Fact]
    public void Every_problem_is_listed()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddMailImport(o =>
        {
            o.DefaultSenderVerification = SenderVerification.AllowList;
            o.MaxParts = 0;
            o.MaxDepth = 0;
            o.Subjects.MinReferenceLength = 40;
        });
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<MailImportOptions>>().Value;

        var failures = resolve.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        string.Join("\n", failures).Should().ContainAll("MaxParts", "MaxDepth", "MinReferenceLength");
    }

    [Fact]
    public void Registering_twice_is_harmless_and_allow_list_default_is_valid()
    {
        var services = TestServices.Create(new InMemoryHost());
        services.AddRecruiting().AddMailImport(o => o.DefaultSenderVerification = SenderVerification.AllowList).AddMailImport();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<MailImportOptions>>().Value.DefaultSenderVerification.Should().Be(SenderVerification.AllowList);
        services.Count(s => s.ServiceType == typeof(IMailImporter)).Should().Be(1);
    }

    [Fact]
    public async Task Counters_report_imported_duplicates_and_quarantined()
    {
        using var h = new ImportHarness();
        var meter = h.Services.GetRequiredService<MailImportTelemetry>().Meter;
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counts)
            {
                counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        await h.ImportAsync("reply-forwarded-attachment.eml");
        await h.ImportAsync("reply-forwarded-attachment.eml");
        await h.ImportAsync("stranger.eml");

        counts.Should().Contain("recruiting.mail.imported", 1).And.Contain("recruiting.mail.duplicates", 1).And.Contain("recruiting.mail.quarantined", 1).And.Contain("recruiting.mail.documents", 2);
    }
}
