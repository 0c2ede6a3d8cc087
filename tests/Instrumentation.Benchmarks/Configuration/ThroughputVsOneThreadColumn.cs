using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// For a benchmark with a <c>Threads</c> parameter whose Mean is wall time per operation over all
/// threads: its total throughput divided by the same method's throughput at <c>Threads = 1</c>.
/// 2.00x means two threads did twice the work of one per unit of time; below 1.00x, adding a thread
/// made the total slower.
/// </summary>
internal sealed class ThroughputVsOneThreadColumn : ThreadsColumn
{
    public override string ColumnName => "Throughput vs 1 thread";

    public override int PriorityInCategory => 0;

    public override string Legend => "Total throughput at this thread count / the same benchmark's throughput at 1 thread";

    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        ThroughputVsOneThread(summary, benchmarkCase) is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "?";
}
