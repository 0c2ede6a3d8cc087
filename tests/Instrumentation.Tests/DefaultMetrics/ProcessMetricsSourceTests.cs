using System.Diagnostics;
using Instrumentation.Collection;
using Instrumentation.DefaultMetrics;
using Instrumentation.Tests.TestSupport;
using Xunit.Abstractions;

namespace Instrumentation.Tests.DefaultMetrics;

public sealed class ProcessMetricsSourceTests(ITestOutputHelper output) : IDisposable
{
    private const string Stat =
        "4242 (dotnet (worker) x) S 1 4242 4242 0 -1 4194560 19838 0 0 0 1234 566 0 0 20 0 23 0 98765 3221225472 51200 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0\n";

    private const string Limits = """
        Limit                     Soft Limit           Hard Limit           Units
        Max cpu time              unlimited            unlimited            seconds
        Max open files            65536                524288               files
        Max locked memory         8388608              8388608              bytes

        """;

    private readonly string _root = Directory.CreateTempSubdirectory("fake-proc-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Collect_FromProcFiles_WritesEveryProcessMetric()
    {
        WriteFakeProc(Stat, Limits, openFds: 5);
        var source = new ProcessMetricsSource(enabled: true, _root, pageSize: 4096);

        var recorded = RecordingVisitor.Collect(source);

        var cpu = recorded.Family("process_cpu_seconds");
        cpu.Type.Should().Be(MetricType.Counter);
        var counter = cpu.Series.Should().ContainSingle().Which.Should().BeOfType<RecordedCounter>().Subject;
        counter.Value.Should().Be(18.0);
        counter.CreatedUnixSeconds.Should().Be(1_700_000_000 + 987.65);
        Value(recorded, "process_resident_memory_bytes").Should().Be(51200.0 * 4096);
        Value(recorded, "process_virtual_memory_bytes").Should().Be(3221225472);
        Value(recorded, "process_start_time_seconds").Should().Be(1_700_000_000 + 987.65);
        Value(recorded, "process_threads").Should().Be(23);
        Value(recorded, "process_open_fds").Should().Be(5);
        Value(recorded, "process_max_fds").Should().Be(65536);
    }

    [Fact]
    public void Collect_WithUnlimitedOpenFiles_WritesPlusInfinity()
    {
        WriteFakeProc(Stat, Limits.Replace("65536                524288", "unlimited            unlimited", StringComparison.Ordinal), openFds: 0);

        var recorded = RecordingVisitor.Collect(new ProcessMetricsSource(true, _root, 4096));

        Value(recorded, "process_max_fds").Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void Collect_WithUnreadableFiles_LeavesTheirMetricsOutWithoutThrowing()
    {
        Directory.CreateDirectory(Path.Combine(_root, "self"));
        File.WriteAllText(Path.Combine(_root, "self", "stat"), "garbage");

        var recorded = RecordingVisitor.Collect(new ProcessMetricsSource(true, _root, 4096));

        recorded.Families.Should().BeEmpty();
    }

    [Fact]
    public void Collect_WhenDisabled_WritesNothing()
    {
        RecordingVisitor.Collect(new ProcessMetricsSource(enabled: false, "/proc", 4096)).Families.Should().BeEmpty();
    }

    [Fact]
    public void Collect_WithoutProc_WritesThePortableMetrics()
    {
        var recorded = RecordingVisitor.Collect(new ProcessMetricsSource(true, procRoot: null, 4096));

        recorded.Families.Select(f => f.Name).Should().Equal("process_cpu_seconds", "process_resident_memory_bytes", "process_start_time_seconds");
        Value(recorded, "process_cpu_seconds").Should().BePositive();
        Value(recorded, "process_resident_memory_bytes").Should().BeApproximately(Environment.WorkingSet, Environment.WorkingSet * 0.2);
        Value(recorded, "process_start_time_seconds").Should().BeApproximately(ProcessStartUnixSeconds(), 0.01);
    }

    [Fact]
    public void Collect_OnLinux_MatchesWhatProcSays()
    {
        if (!OperatingSystem.IsLinux())
        {
            // The portable path is covered above; this one compares against the real /proc.
            Environment.GetEnvironmentVariable("CI").Should().NotBe("true", "CI runs on Linux, where this test must run");
            return;
        }

        var source = new ProcessMetricsSource(true, "/proc", Environment.SystemPageSize);

        var recorded = RecordingVisitor.Collect(source);
        var fields = File.ReadAllText("/proc/self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var openFds = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        var limitLine = File.ReadAllLines("/proc/self/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var softLimit = limitLine["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

        Value(recorded, "process_cpu_seconds").Should().BeApproximately((long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0, 1.0);
        Value(recorded, "process_threads").Should().BeApproximately(long.Parse(fields[17], System.Globalization.CultureInfo.InvariantCulture), 10);
        Value(recorded, "process_virtual_memory_bytes").Should().BeApproximately(long.Parse(fields[20], System.Globalization.CultureInfo.InvariantCulture), 256 * 1024 * 1024);
        Value(recorded, "process_resident_memory_bytes").Should().BeApproximately(long.Parse(fields[21], System.Globalization.CultureInfo.InvariantCulture) * (double)Environment.SystemPageSize, 64 * 1024 * 1024);
        Value(recorded, "process_open_fds").Should().BeApproximately(openFds, 5);
        Value(recorded, "process_max_fds").Should().Be(softLimit == "unlimited" ? double.PositiveInfinity : double.Parse(softLimit, System.Globalization.CultureInfo.InvariantCulture));
        Value(recorded, "process_start_time_seconds").Should().BeApproximately(ProcessStartUnixSeconds(), 1.0, "start time from /proc agrees with what Process says");
    }

    [Fact]
    public void Collect_OnLinux_AllocatesLittlePerScrape()
    {
        if (!OperatingSystem.IsLinux())
        {
            Environment.GetEnvironmentVariable("CI").Should().NotBe("true");
            return;
        }

        var source = new ProcessMetricsSource(true, "/proc", Environment.SystemPageSize);
        var visitor = new NullVisitor();
        source.Collect(visitor);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            source.Collect(visitor);
        }

        var perScrape = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        output.WriteLine($"process metrics: {perScrape} bytes allocated per collection");
        perScrape.Should().BeLessThan(2048, "file handles and the directory enumerator are the only allocations");
    }

    private static double Value(RecordingVisitor recorded, string family) => recorded.Family(family).Series.Single() switch
    {
        RecordedCounter counter => counter.Value,
        RecordedGauge gauge => gauge.Value,
        var other => throw new InvalidOperationException($"{family} is a {other.GetType().Name}"),
    };

    private static double ProcessStartUnixSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }

    private void WriteFakeProc(string stat, string limits, int openFds)
    {
        var self = Directory.CreateDirectory(Path.Combine(_root, "self")).FullName;
        File.WriteAllText(Path.Combine(_root, "stat"), "cpu  1 2 3 4\nintr 5\nctxt 6\nbtime 1700000000\nprocesses 7\n");
        File.WriteAllText(Path.Combine(self, "stat"), stat);
        File.WriteAllText(Path.Combine(self, "limits"), limits);
        // One file per open descriptor, as /proc/self/fdinfo has (its entries are files; fd/'s are links).
        var fdinfo = Directory.CreateDirectory(Path.Combine(self, "fdinfo")).FullName;
        for (var i = 0; i < openFds; i++)
        {
            File.WriteAllText(Path.Combine(fdinfo, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "pos:\t0\nflags:\t02\n");
        }
    }

    private sealed class NullVisitor : IMetricsVisitor
    {
        public void BeginFamily(MetricFamilyDescriptor family)
        {
        }

        public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
        {
        }

        public void WriteGauge(MetricLabels labels, double value)
        {
        }

        public void WriteHistogram(MetricLabels labels, HistogramPoint point)
        {
        }

        public void WriteSummary(MetricLabels labels, SummaryPoint point)
        {
        }

        public void EndFamily()
        {
        }
    }
}
