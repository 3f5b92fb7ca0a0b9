using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Recruiting.Boards;
using Recruiting.Connectors.Boards;

namespace Recruiting.IntegrationTests.Boards;

public sealed class BoardSchedulerTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Fact]
    public async Task Tick_SchedulesEachAccountInsideTheNextWindow_ThenRunsItWhenDue()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        var scheduler = f.Provider.GetRequiredService<BoardScheduler>();

        // 18:00 in Tokyo: inside the third window, so the next slot is tomorrow's 07:00-10:59 or later today.
        (await scheduler.TickAsync()).Should().BeEmpty("a new account is scheduled, not run");
        var due = (await f.StateAsync())!.NextDueAt!.Value;
        due.Should().BeAfter(f.Time.GetUtcNow());
        var local = TimeZoneInfo.ConvertTime(due, Tokyo);
        var inWindow = (local.TimeOfDay >= new TimeSpan(7, 0, 0) && local.TimeOfDay < new TimeSpan(11, 0, 0))
            || (local.TimeOfDay >= new TimeSpan(15, 0, 0) && local.TimeOfDay < new TimeSpan(19, 0, 0));
        inWindow.Should().BeTrue($"{local} is in a window");

        f.Time.SetUtcNow(due.AddSeconds(-1));
        (await scheduler.TickAsync()).Should().BeEmpty();
        f.Time.SetUtcNow(due);
        var runs = await scheduler.TickAsync();

        runs.Should().ContainSingle().Which.Status.Should().Be(BoardRunStatus.Completed);
        f.Host.Intakes.Should().HaveCount(f.Importable("acct001"));
        (await f.StateAsync())!.NextDueAt.Should().BeAfter(due);
        (await scheduler.TickAsync()).Should().BeEmpty("the next slot is in the next window");
    }

    [Fact]
    public async Task ADay_HasThreeRunsPerAccount_EveryDay()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        var scheduler = f.Provider.GetRequiredService<BoardScheduler>();
        await scheduler.TickAsync();
        var start = f.Time.GetUtcNow();
        var runs = 0;
        while (f.Time.GetUtcNow() < start.AddDays(2))
        {
            f.Time.Advance(TimeSpan.FromMinutes(10));
            runs += (await scheduler.TickAsync()).Count;
        }

        runs.Should().Be(6);
        f.Simulator.Stats.Logins.Should().Be(6);
    }

    [Fact]
    public async Task TwoSchedulers_OnOneStore_RunADueAccountOnce()
    {
        await using var f = await BoardImportFixture.CreateAsync();
        var scheduler = f.Provider.GetRequiredService<BoardScheduler>();
        await scheduler.TickAsync();
        f.Time.SetUtcNow((await f.StateAsync())!.NextDueAt!.Value);
        var store = f.Provider.GetRequiredService<IBoardRunnerStore>();
        // Another process took the lease for this account (it is running it now).
        await store.TryAcquireLeaseAsync(BoardImportFixture.Tenant, BoardImportFixture.Board, "default", "process-2", f.Time.GetUtcNow(), TimeSpan.FromMinutes(30));

        var runs = await scheduler.TickAsync();

        runs.Should().ContainSingle().Which.SkipReason.Should().Be(BoardRunSkipReason.AlreadyRunning);
        f.Simulator.Stats.Logins.Should().Be(0);
    }

    [Fact]
    public async Task TheHostedService_TicksOnTheTimeProvider()
    {
        await using var f = await BoardImportFixture.CreateAsync(schedule: o => o.PollInterval = TimeSpan.FromMinutes(5));
        var service = f.Provider.GetRequiredService<BoardSchedulerService>();
        f.Provider.GetServices<IHostedService>().Should().Contain(service);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await Until(() => service.Ticks >= 1);
            (await f.StateAsync())!.NextDueAt.Should().NotBeNull();
            f.Time.Advance(TimeSpan.FromMinutes(5));
            await Until(() => service.Ticks >= 2);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the condition should hold soon");
            await Task.Yield();
        }
    }
}
