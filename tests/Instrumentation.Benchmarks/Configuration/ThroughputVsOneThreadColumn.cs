using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// For a benchmark with a <c>Threads</c> parameter whose Mean is wall time per operation over all
/// threads: its total throughput divided by the same method's throughput at <c>Threads = 1</c>.
/// 2.00x means two threads did twice the work of one per unit of time; below 1.00x, adding a thread
/// made the total slower.
/// </summary>
internal sealed class ThroughputVsOneThreadColumn : IColumn
{
    private const string ThreadsParameter = "Threads";

    public string Id => nameof(ThroughputVsOneThreadColumn);

    public string ColumnName => "Throughput vs 1 thread";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Total throughput at this thread count / the same benchmark's throughput at 1 thread";

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => c.Parameters.Items.Any(p => p.Name == ThreadsParameter));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var single = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Equals(benchmarkCase.Descriptor)
            && c.Job.Equals(benchmarkCase.Job)
            && Equals(c.Parameters[ThreadsParameter], 1));
        var thisMean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var singleMean = single is null ? null : summary[single]?.ResultStatistics?.Mean;
        if (thisMean is not > 0 || singleMean is not > 0)
        {
            return "?";
        }

        return (singleMean.Value / thisMean.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x";
    }

    public override string ToString() => ColumnName;
}
