using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// For a benchmark with a <c>Threads</c> parameter: how well it scales compared with the class's baseline
/// (the floor, each thread on its own cell) in the same run: its <see cref="ThroughputVsOneThreadColumn"/>
/// figure divided by the baseline's. 1.00 scales as well as the hardware allowed this run; the issue's
/// target for one shared counter at 2 threads is 0.80.
/// </summary>
internal sealed class ScalingVsFloorColumn : ThreadsColumn
{
    public override string ColumnName => "Scaling vs floor";

    public override int PriorityInCategory => 1;

    public override string Legend => "Throughput vs 1 thread of this row / the same figure of the baseline row (same run)";

    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var threads = benchmarkCase.Parameters[ThreadsParameter];
        var floor = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.Baseline && c.Job.Equals(benchmarkCase.Job) && Equals(c.Parameters[ThreadsParameter], threads));
        var row = ThroughputVsOneThread(summary, benchmarkCase);
        var baseline = floor is null ? null : ThroughputVsOneThread(summary, floor);
        return row is > 0 && baseline is > 0 ? (row.Value / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) : "?";
    }
}
