using Instrumentation.Collectors;
using Instrumentation.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Tests.Collectors;

public sealed class CollectorCommandLineTests
{
    [Fact]
    public async Task DryRun_PrintsTheMetricsTheCollectorSetAsAnAlignedTable()
    {
        using var output = new StringWriter();

        var exitCode = await CollectorCommandLine.RunOnceAsync<QueueDepthCollector>(["--once", "--dry-run"], Quiet, output);

        exitCode.Should().Be(0);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^METRIC +LABELS +VALUE$");
        lines.Should().Contain(l => l.StartsWith("queue_depth ", StringComparison.Ordinal) && l.Contains("queue=\"fruits\"", StringComparison.Ordinal) && l.EndsWith("  42", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("queue=\"vegetables_and_more\"", StringComparison.Ordinal) && l.EndsWith("  7.5", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("queue_polls_total ", StringComparison.Ordinal) && l.EndsWith("  1", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("collector_errors_total ", StringComparison.Ordinal) && l.Contains("collector=\"QueueDepthCollector\"", StringComparison.Ordinal));

        // Aligned: every row's labels and value columns start where the header's do.
        var labelsColumn = lines[0].IndexOf("LABELS", StringComparison.Ordinal);
        var valueColumn = lines[0].IndexOf("VALUE", StringComparison.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            line.Substring(labelsColumn - 2, 2).Should().Be("  ");
            line.Substring(valueColumn - 2, 2).Should().Be("  ");
            line[valueColumn].Should().NotBe(' ');
        }
    }

    [Fact]
    public async Task DryRun_WithAFailingCollector_ReturnsOneAndStillPrintsTheTable()
    {
        using var output = new StringWriter();

        var exitCode = await CollectorCommandLine.RunOnceAsync<UnreachableQueueCollector>(["--dry-run"], Quiet, output);

        exitCode.Should().Be(1);
        output.ToString().Should().MatchRegex(@"collector_errors_total +collector=""UnreachableQueueCollector"" +1");
    }

    [Fact]
    public async Task UnknownArgument_ReturnsTwoNamingItAndPrintsNothingToOutput()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CollectorCommandLine.RunOnceAsync<QueueDepthCollector>(["--dry-rnu"], Quiet, output, error);

        exitCode.Should().Be(2);
        error.ToString().Should().Contain("Unknown argument '--dry-rnu'").And.Contain("--dry-run");
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Help_PrintsUsage()
    {
        using var output = new StringWriter();

        (await CollectorCommandLine.RunOnceAsync<QueueDepthCollector>(["--help"], Quiet, output)).Should().Be(0);

        output.ToString().Should().Contain("--dry-run").And.Contain("--verbose");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Verbose_TurnsOnDebugLogs(bool verbose)
    {
        var logs = new CapturingLoggerProvider();
        using var output = new StringWriter();
        string[] args = verbose ? ["--dry-run", "--verbose"] : ["--dry-run"];

        await CollectorCommandLine.RunOnceAsync<QueueDepthCollector>(args, b => b.Logging.ClearProviders().AddProvider(logs), output);

        logs.Entries.Any(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Collector QueueDepthCollector ran in", StringComparison.Ordinal))
            .Should().Be(verbose);
    }

    [Fact]
    public async Task WithoutDryRun_StartsTheHostWithoutSchedulingAndRunsExactlyOnce()
    {
        var collector = new CountingCollector();
        var clock = new ManualTimeProvider();
        using var output = new StringWriter();

        var exitCode = await CollectorCommandLine.RunOnceAsync<CountingCollector>(
            ["--once"],
            b =>
            {
                Quiet(b);
                b.Services.AddSingleton<TimeProvider>(clock).AddSingleton(collector);
                b.Services.AddCollector<CountingCollector>(o => o.RunAtStart = true);
                b.Services.AddHostedService(_ => new StartProbe(clock));
            },
            output);

        exitCode.Should().Be(0);
        collector.Runs.Should().Be(1, "run-once mode neither schedules nor runs at start");
        output.ToString().Should().BeEmpty();
    }

    private static void Quiet(HostApplicationBuilder builder) => builder.Logging.ClearProviders();

    /// <summary>Moves the clock by a day while the host is started: a scheduled collector would run then.</summary>
    private sealed class StartProbe(ManualTimeProvider clock) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            clock.Advance(TimeSpan.FromDays(1));
            return Task.CompletedTask;
        }
    }
}
