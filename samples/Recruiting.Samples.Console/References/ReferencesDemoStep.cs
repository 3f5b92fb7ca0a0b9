using Microsoft.Extensions.DependencyInjection;
using Recruiting.References;
using Recruiting.Samples.BoardSimulator.References;
using Recruiting.Samples.Console.Demo;

namespace Recruiting.Samples.Console.References;

/// <summary>
/// The <c>references</c> demo step: starts the provider simulator on 127.0.0.1, requests references for two candidates
/// of the demo assignment, plays the candidates and referees, polls the status after each step, and shows the counts
/// moving to completed with the reports filed as documents of the applications.
/// </summary>
internal sealed class ReferencesDemoStep : IDemoStep
{
    internal static readonly CandidateId[] Candidates = [new("cand-demo-101"), new("cand-demo-102")];

    public string Section => "references";

    public async Task<object?> RunAsync(IServiceProvider services, TenantId tenant, CancellationToken cancellationToken)
    {
        var service = services.GetRequiredService<IReferenceCheckService>();
        var simulator = new ReferenceProviderSimulator(services.GetRequiredService<TimeProvider>());
        await using (simulator.ConfigureAwait(false))
        {
            await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            await service.ConfigureTenantAsync(
                new ReferenceProviderSettings { Tenant = tenant, BaseAddress = simulator.BaseAddress, DefaultSubAccount = "main", ReferenceAssignment = new JobId("job-references") },
                simulator.Account.ApiKey,
                simulator.Account.WebhookSecret,
                cancellationToken).ConfigureAwait(false);

            var request = new ReferenceCheckRequest
            {
                Job = Ats.DemoTenantSeed.DemoJob,
                Candidates = Candidates,
                Language = "sv",
                TemplateId = "tpl-sv-standard",
                ReferenceCount = 2,
                CandidateContact = ContactChannel.Both,
                RefereeContact = ContactChannel.Email,
                RequestedBy = Ats.DemoTenantSeed.Recruiter,
            };
            var result = await service.RequestAsync(tenant, request, cancellationToken).ConfigureAwait(false);
            if (!result.Accepted)
            {
                return new { error = result.Problem, detail = result.Detail };
            }

            var progress = new List<object> { await SnapshotAsync(service, tenant, "requested", cancellationToken).ConfigureAwait(false) };
            // On a database where the demo ran before, the checks exist already and nothing new is created or played.
            // The simulator is new on every run: only checks it holds can be played.
            var ids = result.Items.Where(i => i.Outcome == ReferenceRequestOutcome.Requested)
                .Select(i => simulator.Checks.SingleOrDefault(c => c.ExternalId == i.CheckId)?.Id)
                .OfType<string>()
                .ToList();

            foreach (var id in ids)
            {
                await simulator.NameRefereesAsync(id, null, cancellationToken).ConfigureAwait(false);
            }

            if (ids.Count > 0)
            {
                await service.PollAsync(tenant, cancellationToken).ConfigureAwait(false);
                progress.Add(await SnapshotAsync(service, tenant, "refereesNamed", cancellationToken).ConfigureAwait(false));
            }

            for (var round = 1; ids.Count > 0 && round <= request.ReferenceCount; round++)
            {
                foreach (var id in ids)
                {
                    await simulator.AnswerAsync(id, cancellationToken).ConfigureAwait(false);
                }

                await service.PollAsync(tenant, cancellationToken).ConfigureAwait(false);
                progress.Add(await SnapshotAsync(service, tenant, $"answered{round}", cancellationToken).ConfigureAwait(false));
            }

            var again = await service.RequestAsync(tenant, request, cancellationToken).ConfigureAwait(false);
            var checks = (await service.ListAsync(tenant, Ats.DemoTenantSeed.DemoJob, cancellationToken).ConfigureAwait(false)).Where(c => Candidates.Contains(c.Candidate)).ToList();
            return new
            {
                checks = checks.Select(c => new { candidate = c.Candidate, state = c.State, requested = c.Requested, answered = c.Answered, reportFiled = c.ReportDocument is not null, reportDocument = c.ReportDocument }).ToList(),
                progress,
                askedAgain = again.Items.Select(i => new { candidate = i.Candidate, outcome = i.Outcome }).ToList(),
                providerChecks = simulator.Checks.Count,
            };
        }
    }

    internal static object Describe(ReferenceCheckView c) => new
    {
        checkId = c.CheckId,
        candidate = c.Candidate,
        application = c.Application,
        job = c.Job,
        state = c.State,
        requested = c.Requested,
        answered = c.Answered,
        candidateUrl = c.CandidateUrl,
        reportFiled = c.ReportDocument is not null,
        reportDocument = c.ReportDocument,
        updatedAt = c.UpdatedAt,
    };

    private static async Task<object> SnapshotAsync(IReferenceCheckService service, TenantId tenant, string after, CancellationToken cancellationToken)
    {
        var checks = (await service.ListAsync(tenant, Ats.DemoTenantSeed.DemoJob, cancellationToken).ConfigureAwait(false)).Where(c => Candidates.Contains(c.Candidate)).ToList();
        return new
        {
            after,
            checks = checks.Select(c => new { candidate = c.Candidate, state = c.State, requested = c.Requested, answered = c.Answered }).ToList(),
        };
    }
}
