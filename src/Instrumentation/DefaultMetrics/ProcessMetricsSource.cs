using System.Diagnostics;
using Instrumentation.Collection;
using Instrumentation.Hosting;
using Microsoft.Extensions.Options;

namespace Instrumentation.DefaultMetrics;

/// <summary>
/// The process metrics of the Prometheus clients (<c>process_cpu_seconds_total</c>,
/// <c>process_resident_memory_bytes</c>, <c>process_virtual_memory_bytes</c>, <c>process_open_fds</c>,
/// <c>process_max_fds</c>, <c>process_start_time_seconds</c>, <c>process_threads</c>), read at scrape time.
/// </summary>
/// <remarks>
/// On Linux they come from <c>/proc/self/stat</c>, <c>/proc/self/limits</c> and <c>/proc/self/fd</c>, read
/// into stack buffers. Elsewhere only CPU time (<see cref="Environment.CpuUsage"/>), resident memory
/// (<see cref="Environment.WorkingSet"/>) and start time are written. A file that cannot be read leaves
/// its metrics out of that scrape instead of failing it.
/// </remarks>
internal sealed class ProcessMetricsSource : IMetricsSource
{
    // USER_HZ, the unit of /proc's tick counts, is 100 on every Linux architecture .NET runs on; the
    // Prometheus Go client (procfs) assumes it too.
    private const double TicksPerSecond = 100;
    private const int BufferSize = 4096;

    private static readonly MetricFamilyDescriptor CpuSeconds = new("process_cpu_seconds", "Total user and system CPU time spent in seconds.", "seconds", MetricType.Counter);
    private static readonly MetricFamilyDescriptor ResidentMemory = new("process_resident_memory_bytes", "Resident memory size in bytes.", "bytes", MetricType.Gauge);
    private static readonly MetricFamilyDescriptor VirtualMemory = new("process_virtual_memory_bytes", "Virtual memory size in bytes.", "bytes", MetricType.Gauge);
    private static readonly MetricFamilyDescriptor OpenFds = new("process_open_fds", "Number of open file descriptors.", string.Empty, MetricType.Gauge);
    private static readonly MetricFamilyDescriptor MaxFds = new("process_max_fds", "Maximum number of open file descriptors.", string.Empty, MetricType.Gauge);
    private static readonly MetricFamilyDescriptor StartTime = new("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", "seconds", MetricType.Gauge);
    private static readonly MetricFamilyDescriptor Threads = new("process_threads", "Number of OS threads in the process.", string.Empty, MetricType.Gauge);

    private readonly bool _enabled;
    private readonly string? _statPath;
    private readonly string? _limitsPath;
    private readonly string? _fdPath;
    private readonly long _bootUnixSeconds = -1;
    private readonly long _pageSize;
    private readonly double _portableStartTime = double.NaN;

    public ProcessMetricsSource(IOptions<MetricsOptions> options)
        : this(options.Value.DefaultMetrics.Process, OperatingSystem.IsLinux() ? "/proc" : null, Environment.SystemPageSize)
    {
    }

    /// <summary>Reads <c>{procRoot}/stat</c> and <c>{procRoot}/self/*</c>, or the portable values when <paramref name="procRoot"/> is null.</summary>
    internal ProcessMetricsSource(bool enabled, string? procRoot, long pageSize)
    {
        _enabled = enabled;
        _pageSize = pageSize;
        if (!enabled)
        {
            return;
        }

        if (procRoot is null)
        {
            using var process = Process.GetCurrentProcess();
            _portableStartTime = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
            return;
        }

        _statPath = Path.Combine(procRoot, "self", "stat");
        _limitsPath = Path.Combine(procRoot, "self", "limits");
        // One entry per open descriptor, as in fd/, but regular files rather than symbolic links: .NET's directory
        // enumerator stats every link it meets (to tell a link to a directory), which was a third of a small scrape.
        _fdPath = Path.Combine(procRoot, "self", "fdinfo");
        try
        {
            // Boot time does not change: read once. /proc/stat is too long for the stack buffer.
            var stat = File.ReadAllBytes(Path.Combine(procRoot, "stat"));
            if (ProcFiles.TryParseBootTime(stat, out var boot))
            {
                _bootUnixSeconds = boot;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Collect(IMetricsVisitor visitor)
    {
        if (!_enabled)
        {
            return;
        }

        if (_statPath is null)
        {
            CollectPortable(visitor);
            return;
        }

        Span<byte> buffer = stackalloc byte[BufferSize];
        var read = ProcFiles.Read(_statPath, buffer);
        if (read > 0 && ProcFiles.TryParseStat(buffer[..read], out var stat))
        {
            var startTime = _bootUnixSeconds >= 0 ? _bootUnixSeconds + (stat.StartTicks / TicksPerSecond) : double.NaN;
            WriteCounter(visitor, CpuSeconds, (stat.UserTicks + stat.SystemTicks) / TicksPerSecond, startTime);
            WriteGauge(visitor, ResidentMemory, stat.ResidentPages * _pageSize);
            WriteGauge(visitor, VirtualMemory, stat.VirtualBytes);
            if (!double.IsNaN(startTime))
            {
                WriteGauge(visitor, StartTime, startTime);
            }

            WriteGauge(visitor, Threads, stat.Threads);
        }

        var openFds = ProcFiles.CountEntries(_fdPath!);
        if (openFds >= 0)
        {
            WriteGauge(visitor, OpenFds, openFds);
        }

        read = ProcFiles.Read(_limitsPath!, buffer);
        if (read > 0 && ProcFiles.TryParseMaxOpenFiles(buffer[..read], out var maxFds))
        {
            WriteGauge(visitor, MaxFds, maxFds);
        }
    }

    private void CollectPortable(IMetricsVisitor visitor)
    {
        WriteCounter(visitor, CpuSeconds, Environment.CpuUsage.TotalTime.TotalSeconds, _portableStartTime);
        WriteGauge(visitor, ResidentMemory, Environment.WorkingSet);
        WriteGauge(visitor, StartTime, _portableStartTime);
    }

    private static void WriteCounter(IMetricsVisitor visitor, MetricFamilyDescriptor family, double value, double createdUnixSeconds)
    {
        visitor.BeginFamily(family);
        visitor.WriteCounter(default, value, createdUnixSeconds, null);
        visitor.EndFamily();
    }

    private static void WriteGauge(IMetricsVisitor visitor, MetricFamilyDescriptor family, double value)
    {
        visitor.BeginFamily(family);
        visitor.WriteGauge(default, value);
        visitor.EndFamily();
    }
}
