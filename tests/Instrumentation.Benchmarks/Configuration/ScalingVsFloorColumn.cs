using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// For a benchmark with a <c>Threads</c> parameter: how well it scales compared with the class's baseline
/// (the floor, each thread on its own cell) in the same run: its <see cref="ThroughputVsOneThreadColumn"/>
/// figure divided by the baseline's. 1.00 scales as well as the hardware allowed this run; the issue's
/// target for one shared counter at 2 threads is 0.80.
/// </summary>
internal sealed class ScalingVsFloorColumn : IColumn
{
    private const string ThreadsParameter = "Threads";

    public string Id => nameof(ScalingVsFloorColumn);

    public string ColumnName => "Scaling vs floor";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Throughput vs 1 thread of this row / the same figure of the baseline row (same run)";

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => c.Parameters.Items.Any(p => p.Name == ThreadsParameter));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var threads = benchmarkCase.Parameters[ThreadsParameter];
        var floor = summary.BenchmarksCases.FirstOrDefault(c => c.Descriptor.Baseline && c.Job.Equals(benchmarkCase.Job) && Equals(c.Parameters[ThreadsParameter], threads));
        var row = Scaling(summary, benchmarkCase);
        var baseline = floor is null ? null : Scaling(summary, floor);
        return row is > 0 && baseline is > 0 ? (row.Value / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) : "?";
    }

    public override string ToString() => ColumnName;

    private static double? Scaling(Summary summary, BenchmarkCase benchmarkCase)
    {
        var single = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Equals(benchmarkCase.Descriptor)
            && c.Job.Equals(benchmarkCase.Job)
            && Equals(c.Parameters[ThreadsParameter], 1));
        var thisMean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var singleMean = single is null ? null : summary[single]?.ResultStatistics?.Mean;
        return thisMean is > 0 && singleMean is > 0 ? singleMean.Value / thisMean.Value : null;
    }
}
