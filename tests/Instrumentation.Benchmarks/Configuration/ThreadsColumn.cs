using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// A column for benchmarks with a <c>Threads</c> parameter whose Mean is wall time per operation over all threads:
/// what the contention columns share, and the throughput of a case relative to the same method at one thread.
/// </summary>
internal abstract class ThreadsColumn : IColumn
{
    protected const string ThreadsParameter = "Threads";

    public string Id => GetType().Name;

    public abstract string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public abstract int PriorityInCategory { get; }

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public abstract string Legend { get; }

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => c.Parameters.Items.Any(p => p.Name == ThreadsParameter));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style);

    public override string ToString() => ColumnName;

    /// <summary>The total throughput of <paramref name="benchmarkCase"/> over that of the same method at one thread, or null before both ran.</summary>
    protected static double? ThroughputVsOneThread(Summary summary, BenchmarkCase benchmarkCase)
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
