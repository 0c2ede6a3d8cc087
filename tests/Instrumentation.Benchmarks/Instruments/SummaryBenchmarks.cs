// Last result: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
// see docs/benchmarks.md for the targets and the verdicts.
// | Method                           | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd             |  5.530 ns | 0.0495 ns | 0.0027 ns |  1.00 |    0.00 |         - |          NA |
// | Observe_CachedChild              | 27.951 ns | 1.7790 ns | 0.0975 ns |  5.05 |    0.02 |         - |          NA |
// | Observe_CachedChild_NoObjectives | 11.924 ns | 0.1029 ns | 0.0056 ns |  2.16 |    0.00 |         - |          NA |
// | OTel_HistogramRecord_0Tags       | 16.103 ns | 0.7200 ns | 0.0395 ns |  2.91 |    0.01 |         - |          NA |
//
// Previous result: 2026-11-22, `run.sh --filter '*SummaryBenchmarks*' '*ScrapeBenchmarks*' (plus the two InRecordedActivity rows)` (ShortRun), 2-core shared VM (AMD EPYC, .NET 10.0.12), noisy:
// read the Ratio column (multiple of the floor row in the same run), not the nanoseconds.
// See docs/benchmarks.md for the targets and the analysis.
// | Method                           | Mean      | Error      | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------------- |----------:|-----------:|----------:|------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd             |  5.585 ns |  0.6985 ns | 0.0383 ns |  1.00 |    0.01 |         - |          NA |
// | Observe_CachedChild              | 34.487 ns | 95.4034 ns | 5.2294 ns |  6.17 |    0.81 |         - |          NA |
// | Observe_CachedChild_NoObjectives | 12.217 ns |  1.9279 ns | 0.1057 ns |  2.19 |    0.02 |         - |          NA |
// | OTel_HistogramRecord_0Tags       | 26.637 ns |  9.3001 ns | 0.5098 ns |  4.77 |    0.08 |         - |          NA |

using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Baselines;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Instrumentation.Instruments;
using OtelHistogram = System.Diagnostics.Metrics.Histogram<double>;

namespace Instrumentation.Benchmarks.Instruments;

/// <summary>
/// <c>Observe(v)</c> on a cached summary child: with the three default objectives (0.5, 0.9, 0.99, a
/// sliding window of 5 age buckets), and with no objectives (sum and count only). Values are spread
/// over the default histogram buckets in random order, so each 256-value batch the window sorts and
/// merges is unordered, as real traffic is.
/// </summary>
/// <remarks>
/// OpenTelemetry has no summary instrument: its baseline row is <c>Histogram.Record</c> with the
/// default 14 bucket bounds and no tags, the nearest thing an application using the SDK would record.
/// The window's cost is amortized: one call in 256 sorts and merges the batch, the others append to
/// the lock-free buffer; the Mean is the average over many batches.
/// </remarks>
public class SummaryBenchmarks : FloorBenchmark
{
    private MetricFactory _factory = null!;
    private SummaryChild _child = null!;
    private SummaryChild _childWithoutObjectives = null!;
    private OpenTelemetryPipeline _openTelemetry = null!;
    private OtelHistogram _otelHistogram = null!;
    private double[] _values = null!;
    private int _offset;

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.Default();
        _child = _factory.CreateSummary("bench_summary_seconds", "Labelled summary.", LabelSet.TwoNames).WithLabels("a", "b");
        _childWithoutObjectives = _factory
            .CreateSummary("bench_summary_plain_seconds", "Labelled summary without objectives.", LabelSet.TwoNames, objectives: [])
            .WithLabels("a", "b");
        _values = ObservationValues.Create(Buckets.Default);

        _openTelemetry = new OpenTelemetryPipeline("Instrumentation.Benchmarks.OpenTelemetry");
        _otelHistogram = _openTelemetry.Meter.CreateHistogram(
            "bench_otel_histogram",
            unit: "s",
            description: null,
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets.Default });
        OpenTelemetryPipeline.VerifyListening(_otelHistogram);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The default child must really have quantiles: a summary without a window would measure the wrong path.
        if (_child.Count > 0 && _child.GetQuantiles() is [var median, ..] && double.IsNaN(median))
        {
            throw new InvalidOperationException("Observe_CachedChild recorded observations but its window reports no quantile.");
        }

        _openTelemetry.Dispose();
        _factory.Dispose();
    }

    /// <summary>The default objectives: 0.5±0.05, 0.9±0.01, 0.99±0.001 over 10 minutes in 5 age buckets.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_CachedChild() => Observe(_child);

    /// <summary>No objectives: sum and count only, no window.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_CachedChild_NoObjectives() => Observe(_childWithoutObjectives);

    /// <summary>OpenTelemetry has no summary; its histogram (14 default bounds, 0 tags) stands in as the baseline.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTel_HistogramRecord_0Tags()
    {
        var histogram = _otelHistogram;
        var values = _values;
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            histogram.Record(values[(offset + i) & ObservationValues.Mask]);
        }

        _offset = (offset + Ops) & ObservationValues.Mask;
    }

    private void Observe(SummaryChild child)
    {
        var values = _values;
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            child.Observe(values[(offset + i) & ObservationValues.Mask]);
        }

        _offset = (offset + Ops) & ObservationValues.Mask;
    }
}
