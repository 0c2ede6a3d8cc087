using Instrumentation.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Tests.Collectors;

public sealed class CollectorSchedulerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Start_ByDefault_FirstRunComesOneIntervalLater()
    {
        var collector = new CountingCollector();
        await using var harness = new SchedulerHarness(s => s.AddSingleton(collector).AddCollector<CountingCollector>(Minute));
        await harness.StartAsync();

        collector.Runs.Should().Be(0);
        harness.Clock.Advance(TimeSpan.FromSeconds(59));
        collector.Runs.Should().Be(0);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        collector.Runs.Should().Be(1);
    }

    [Fact]
    public async Task Start_WithRunAtStart_RunsAtOnceThenEveryInterval()
    {
        var collector = new CountingCollector();
        await using var harness = new SchedulerHarness(s => s.AddSingleton(collector).AddCollector<CountingCollector>(o =>
        {
            o.Interval = Minute;
            o.RunAtStart = true;
        }));
        await harness.StartAsync();

        collector.Runs.Should().Be(1);
        harness.Clock.Advance(Minute);
        collector.Runs.Should().Be(2);
    }

    [Fact]
    public async Task Clock_MovingSeveralIntervals_RunsOncePerInterval()
    {
        var collector = new CountingCollector();
        await using var harness = new SchedulerHarness(s => s.AddSingleton(collector).AddCollector<CountingCollector>("30s"));
        await harness.StartAsync();

        harness.Clock.Advance(TimeSpan.FromMinutes(5));

        collector.Runs.Should().Be(10);
    }

    [Fact]
    public async Task DefaultInterval_IsFiveMinutes()
    {
        var collector = new CountingCollector();
        await using var harness = new SchedulerHarness(s => s.AddSingleton(collector).AddCollector<CountingCollector>());
        await harness.StartAsync();

        harness.Clock.Advance(TimeSpan.FromMinutes(4.9));
        collector.Runs.Should().Be(0);
        harness.Clock.Advance(TimeSpan.FromMinutes(0.1));
        collector.Runs.Should().Be(1);
    }

    [Fact]
    public async Task CollectorException_IsLoggedWithItsMessageCountedAndTheOthersKeepRunning()
    {
        var healthy = new CountingCollector();
        await using var harness = new SchedulerHarness(s => s
            .AddCollector<UnreachableQueueCollector>(Minute)
            .AddSingleton(healthy).AddCollector<CountingCollector>(Minute));
        await harness.StartAsync();

        harness.Clock.Advance(Minute * 3);

        healthy.Runs.Should().Be(3);
        harness.Metrics.GetValue("collector_errors_total", "UnreachableQueueCollector").Should().Be(3);
        harness.Metrics.GetValue("collector_errors_total", "CountingCollector").Should().Be(0);
        var error = harness.Logs.Entries.Where(e => e.Level == LogLevel.Error).Should().HaveCount(3).And.Subject.First();
        error.Message.Should().Be("Collector UnreachableQueueCollector failed: queue service at 10.0.0.7 unreachable");
        error.Exception.Should().BeNull("an expected failure is reported by its message, without a stack trace");
    }

    [Fact]
    public async Task UnexpectedException_IsLoggedWithTheExceptionAndCounted()
    {
        await using var harness = new SchedulerHarness(s => s.AddCollector<CrashingCollector>(Minute));
        await harness.StartAsync();

        harness.Clock.Advance(Minute);
        (await harness.Runner("CrashingCollector").Current).Should().BeFalse();

        harness.Metrics.GetValue("collector_errors", "CrashingCollector").Should().Be(1);
        var error = harness.Logs.Entries.Single(e => e.Level == LogLevel.Error);
        error.Message.Should().Be("Collector CrashingCollector failed: index out of whack");
        error.Exception.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task Overrun_SkipsTheTickCountsItAndLogsAtDebug()
    {
        var collector = new BlockingCollector();
        await using var harness = new SchedulerHarness(s => s.AddSingleton(collector).AddCollector<BlockingCollector>(Minute));
        await harness.StartAsync();

        harness.Clock.Advance(Minute);
        harness.Clock.Advance(Minute);
        harness.Clock.Advance(Minute);

        collector.Started.Should().Be(1);
        harness.Metrics.GetValue("collector_skipped_total", "BlockingCollector").Should().Be(2);
        harness.Logs.Entries.Where(e => e.Level == LogLevel.Debug && e.Message.Contains("still running", StringComparison.Ordinal))
            .Should().HaveCount(2);

        collector.Release();
        (await harness.Runner("BlockingCollector").Current).Should().BeTrue();
        harness.Clock.Advance(Minute);
        collector.Started.Should().Be(2);
    }

    [Fact]
    public async Task SuccessfulRun_SetsLastSuccessTimestampAndDuration()
    {
        var collector = new CountingCollector();
        await using var harness = new SchedulerHarness(s => s.AddSingleton(collector).AddCollector<CountingCollector>(o =>
        {
            o.Interval = Minute;
            o.Name = "queue";
        }));
        collector.OnRun = () => harness.Clock.Advance(TimeSpan.FromSeconds(2.5));
        await harness.StartAsync();

        harness.Clock.Advance(Minute);

        var end = harness.Clock.Now.ToUnixTimeMilliseconds() / 1000.0;
        harness.Metrics.GetValue("collector_last_success_timestamp_seconds", "queue").Should().Be(end);
        harness.Metrics.GetValue("collector_duration_seconds", "queue").Should().Be(2.5);
    }

    [Fact]
    public async Task FailedRun_SetsDurationButNotLastSuccess()
    {
        await using var harness = new SchedulerHarness(s => s.AddCollector<UnreachableQueueCollector>(Minute));
        await harness.StartAsync();

        harness.Clock.Advance(Minute);

        harness.Metrics.GetValue("collector_last_success_timestamp_seconds", "UnreachableQueueCollector").Should().Be(0);
        harness.Metrics.GetValue("collector_duration_seconds", "UnreachableQueueCollector").Should().Be(0);
        harness.Metrics.ExpositionOf(global::Instrumentation.Exposition.ExpositionFormat.PrometheusText, "collector_duration_seconds")
            .Should().Contain("collector_duration_seconds{collector=\"UnreachableQueueCollector\"} 0");
    }

    [Fact]
    public async Task Stop_CancelsARunningCollectorAndWaitsForIt()
    {
        var collector = new BlockingCollector();
        var harness = new SchedulerHarness(s => s.AddSingleton(collector).AddCollector<BlockingCollector>(Minute));
        await harness.StartAsync();
        harness.Clock.Advance(Minute);
        var run = harness.Runner("BlockingCollector").Current;
        run.IsCompleted.Should().BeFalse();

        await harness.Scheduler.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        run.IsCompleted.Should().BeTrue();
        (await run).Should().BeFalse();
        harness.Metrics.GetValue("collector_errors", "BlockingCollector").Should().Be(0, "a cancelled run at shutdown is not a failure");
        harness.Clock.ActiveTimers.Should().Be(0);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Stop_AfterDispose_DoesNothing()
    {
        var harness = new SchedulerHarness(s => s.AddCollector<CountingCollector>(Minute));
        await harness.StartAsync();
        await harness.Scheduler.StopAsync(CancellationToken.None);
        await ((IAsyncDisposable)harness.Scheduler).DisposeAsync();

        var stopAgain = () => harness.Scheduler.StopAsync(CancellationToken.None);

        await stopAgain.Should().NotThrowAsync("WebApplicationFactory stops a host that the app's Run() already stopped and disposed");
        harness.Clock.ActiveTimers.Should().Be(0);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Start_WithoutAddMetrics_FailsNamingIt()
    {
        var services = new ServiceCollection();
        services.AddCollector<CountingCollector>();
        await using var provider = services.BuildServiceProvider();
        var scheduler = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single();

        var start = () => scheduler.StartAsync(CancellationToken.None);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("builder.AddMetrics()");
    }

    [Fact]
    public async Task SameTypeTwiceUnderTwoNames_RunsBothWithTheirOwnLabels()
    {
        await using var harness = new SchedulerHarness(s => s
            .AddCollector<OtherCountingCollector>(o => o.Interval = Minute)
            .AddCollector<OtherCountingCollector>(o =>
            {
                o.Interval = TimeSpan.FromSeconds(30);
                o.Name = "fast";
            }));
        await harness.StartAsync();

        harness.Clock.Advance(Minute);

        harness.Services.GetRequiredService<OtherCountingCollector>().Runs.Should().Be(3);
        harness.Metrics.GetValue("collector_duration_seconds", "fast").Should().Be(0);
        harness.Metrics.GetValue("collector_duration_seconds", "OtherCountingCollector").Should().Be(0);
    }
}
