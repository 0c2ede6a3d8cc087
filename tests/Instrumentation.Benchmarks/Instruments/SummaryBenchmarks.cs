// Last result: 2026-12-05 00:20 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape --rounds 200` on branch peer-benchmarks,
// 2-core shared VM (AMD EPYC, .NET 10.0.12), load average at start 21.44, 21.19, 22.53 (other builds running: BenchmarkDotNet
// ShortRun figures at this load were not readable). Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | ---: | ---: | --- | ---: | ---: |
// | Observe_CachedChild | 49.22 | 25.77 | 24.00-26.89 | 31.49 | 0 |
// | Observe_CachedChild_NoObjectives | 4.44 | 2.34 | 2.30-2.40 | 2.84 | 0 |
// | PromNet_Observe_CachedChild | 29.17 | 15.09 | 9.16-851.71 | 343.11 | 0 |
// | PromNet_Observe_CachedChild_NoObjectives | 507.50 | 260.11 | 9.48-294.67 | 252.33 | 0 |
// | OTel_HistogramRecord_0Tags | 20.38 | 10.73 | 10.30-11.09 | 11.62 | 0 |
// | Floor_InterlockedAdd | 1.90 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Before issue 18: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
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

using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Baselines;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Instrumentation.Instruments;
using OtelHistogram = System.Diagnostics.Metrics.Histogram<double>;
using PromSummary = Prometheus.Summary;

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
    private ComparedLibraries _libraries = null!;
    private SummaryChild _child = null!;
    private SummaryChild _childWithoutObjectives = null!;
    private OtelHistogram _otelHistogram = null!;
    private double[] _values = null!;
    private PromSummary.Child _promChild = null!;
    private PromSummary.Child _promChildWithoutObjectives = null!;
    private int _offset;

    [GlobalSetup]
    public void Setup()
    {
        _libraries = new ComparedLibraries();
        _child = _libraries.Ours.CreateSummary("bench_summary_seconds", "Labelled summary.", LabelSet.TwoNames).WithLabels("a", "b");
        _childWithoutObjectives = _libraries.Ours
            .CreateSummary("bench_summary_plain_seconds", "Labelled summary without objectives.", LabelSet.TwoNames, objectives: [])
            .WithLabels("a", "b");
        _values = ObservationValues.Create(Buckets.Default);

        _otelHistogram = _libraries.OpenTelemetry.CreateHistogram("bench_otel_histogram", Buckets.Default);

        // prometheus-net's summary has no objectives by default: give it ours (and our window: 10 minutes, 5 age buckets).
        var promNet = _libraries.PromNet.Factory;
        _promChild = promNet.CreateSummary("bench_summary_seconds", "Labelled summary.", LabelSet.TwoNames, new Prometheus.SummaryConfiguration
        {
            Objectives = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)],
            MaxAge = TimeSpan.FromMinutes(10),
            AgeBuckets = 5,
        }).WithLabels("a", "b");
        _promChildWithoutObjectives = promNet.CreateSummary("bench_summary_plain_seconds", "Labelled summary without objectives.", LabelSet.TwoNames).WithLabels("a", "b");
        VerifyRecording();
    }

    /// <summary>Each row's instrument counts and sums what it is given, and the rows with objectives report a plausible median.</summary>
    private void VerifyRecording()
    {
        var values = _values.AsSpan(0, 1000).ToArray();
        var sum = values.Sum();
        Array.Sort(values);
        var median = values[values.Length / 2];
        foreach (var value in values)
        {
            _child.Observe(value);
            _childWithoutObjectives.Observe(value);
            _promChild.Observe(value);
            _promChildWithoutObjectives.Observe(value);
            _otelHistogram.Record(value);
        }

        foreach (var (name, child) in (IEnumerable<(string, SummaryChild)>)[("Observe_CachedChild", _child), ("Observe_CachedChild_NoObjectives", _childWithoutObjectives)])
        {
            RecordingCheck.Equal(name, "the count", values.Length, child.Count);
            RecordingCheck.Equal(name, "the sum", sum, child.Sum);
        }

        CheckMedian("Observe_CachedChild", median, values, _child.GetQuantiles()[0]);
        var samples = _libraries.PromNet.Samples("bench_summary_seconds", "bench_summary_plain_seconds");
        foreach (var (name, metric) in (IEnumerable<(string, string)>)[("PromNet_Observe_CachedChild", "bench_summary_seconds"), ("PromNet_Observe_CachedChild_NoObjectives", "bench_summary_plain_seconds")])
        {
            RecordingCheck.CountAndSum(name, values.Length, sum, PrometheusNetPeer.CountAndSum(samples, metric, "method=\"a\",route=\"b\""));
        }

        CheckMedian("PromNet_Observe_CachedChild", median, values, samples["bench_summary_seconds{method=\"a\",route=\"b\",quantile=\"0.5\"}"]);
        var point = _libraries.OpenTelemetry.CollectSingle(_otelHistogram.Name);
        RecordingCheck.CountAndSum("OTel_HistogramRecord_0Tags", values.Length, sum, (point.Count, point.Value));
    }

    /// <summary>The reported median must be a value whose rank is within the 0.5 objective's error (±5 %) of the middle.</summary>
    private static void CheckMedian(string row, double expected, double[] sorted, double reported)
    {
        var rank = Array.BinarySearch(sorted, reported);
        rank = rank < 0 ? ~rank : rank;
        if (Math.Abs(rank - (sorted.Length / 2)) > sorted.Length * 0.05)
        {
            throw new InvalidOperationException($"{row}: the median is {reported} (rank {rank} of {sorted.Length}), expected about {expected}; the row would not measure a working summary.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // The default child must really have quantiles: a summary without a window would measure the wrong path.
        if (_child.Count > 0 && _child.GetQuantiles() is [var median, ..] && double.IsNaN(median))
        {
            throw new InvalidOperationException("Observe_CachedChild recorded observations but its window reports no quantile.");
        }

        _libraries.Dispose();
    }

    /// <summary>The default objectives: 0.5±0.05, 0.9±0.01, 0.99±0.001 over 10 minutes in 5 age buckets.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_CachedChild() => Observe(_child);

    /// <summary>No objectives: sum and count only, no window.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_CachedChild_NoObjectives() => Observe(_childWithoutObjectives);

    /// <summary>prometheus-net's summary with the same objectives and window (its default configuration otherwise).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Observe_CachedChild() => Observe(_promChild);

    /// <summary>prometheus-net's summary without objectives: sum and count only.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Observe_CachedChild_NoObjectives() => Observe(_promChildWithoutObjectives);

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

    private void Observe(PromSummary.Child child)
    {
        var values = _values;
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            child.Observe(values[(offset + i) & ObservationValues.Mask]);
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
