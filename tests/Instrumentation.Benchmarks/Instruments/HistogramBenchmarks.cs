// Last result: 2026-12-05 02:49 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape Contention NativeHistogram --rounds 200`
// on main (exemplar gate without a thread-static read; native Observe's common case in line), 2-core VM (AMD EPYC, .NET 10.0.12),
// quiet: load average 1.54, 1.73, 1.75 at the start. Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | parameters | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | --- | ---: | ---: | --- | ---: | ---: |
// | Observe_CachedChild | BucketCount=11 | 5.92 | 3.14 | 3.10-3.18 | 3.16 | 0 |
// | Observe_CachedChild_NoExemplars | BucketCount=11 | 5.27 | 2.80 | 2.77-2.84 | 2.82 | 0 |
// | PromNet_Observe_CachedChild | BucketCount=11 | 8.97 | 4.79 | 4.68-5.09 | 4.89 | 0 |
// | PromNet_Observe_CachedChild_NoExemplars | BucketCount=11 | 7.19 | 3.81 | 3.76-3.86 | 3.82 | 0 |
// | OTel_HistogramRecord_0Tags | BucketCount=11 | 37.28 | 19.79 | 19.53-20.10 | 19.86 | 0 |
// | OTel_HistogramRecord_2Tags | BucketCount=11 | 91.71 | 48.57 | 48.02-49.12 | 48.56 | 0 |
// | Floor_InterlockedAdd | BucketCount=11 | 1.90 | 1.00 | 1.00-1.00 | 1.00 | 0 |
// | Observe_CachedChild | BucketCount=14 | 5.51 | 2.91 | 2.86-2.95 | 2.91 | 0 |
// | Observe_CachedChild_NoExemplars | BucketCount=14 | 5.24 | 2.77 | 2.74-2.83 | 2.78 | 0 |
// | PromNet_Observe_CachedChild | BucketCount=14 | 8.32 | 4.42 | 4.34-4.48 | 4.42 | 0 |
// | PromNet_Observe_CachedChild_NoExemplars | BucketCount=14 | 7.27 | 3.84 | 3.79-3.91 | 3.85 | 0 |
// | OTel_HistogramRecord_0Tags | BucketCount=14 | 36.95 | 19.56 | 19.37-19.81 | 19.59 | 0 |
// | OTel_HistogramRecord_2Tags | BucketCount=14 | 94.17 | 49.79 | 49.18-50.49 | 49.81 | 0 |
// | Floor_InterlockedAdd | BucketCount=14 | 1.89 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Previous result: 2026-12-05 00:20 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape --rounds 200` on branch peer-benchmarks,
// 2-core shared VM (AMD EPYC, .NET 10.0.12), load average at start 22.46, 21.21, 22.62 (other builds running: BenchmarkDotNet
// ShortRun figures at this load were not readable). Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | parameters | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | --- | ---: | ---: | --- | ---: | ---: |
// | Observe_CachedChild | BucketCount=11 | 5.34 | 2.84 | 2.77-2.91 | 3.56 | 0 |
// | Observe_CachedChild_NoExemplars | BucketCount=11 | 5.01 | 2.67 | 2.60-2.78 | 6.12 | 0 |
// | PromNet_Observe_CachedChild | BucketCount=11 | 11.97 | 6.35 | 6.19-6.52 | 5.63 | 0 |
// | PromNet_Observe_CachedChild_NoExemplars | BucketCount=11 | 11.69 | 6.18 | 5.97-6.34 | 7.66 | 0 |
// | OTel_HistogramRecord_0Tags | BucketCount=11 | 46.44 | 24.63 | 23.98-25.52 | 25.42 | 0 |
// | OTel_HistogramRecord_2Tags | BucketCount=11 | 96.06 | 51.25 | 50.16-52.96 | 52.02 | 0 |
// | Floor_InterlockedAdd | BucketCount=11 | 1.90 | 1.00 | 1.00-1.00 | 1.00 | 0 |
// | Observe_CachedChild | BucketCount=14 | 6.35 | 3.34 | 3.22-3.44 | 1.28 | 0 |
// | Observe_CachedChild_NoExemplars | BucketCount=14 | 5.65 | 2.99 | 2.92-3.05 | 4.88 | 0 |
// | PromNet_Observe_CachedChild | BucketCount=14 | 10.37 | 5.51 | 5.39-5.67 | 6.11 | 0 |
// | PromNet_Observe_CachedChild_NoExemplars | BucketCount=14 | 8.16 | 4.33 | 4.23-4.77 | 5.48 | 0 |
// | OTel_HistogramRecord_0Tags | BucketCount=14 | 48.47 | 25.81 | 25.15-26.92 | 30.88 | 0 |
// | OTel_HistogramRecord_2Tags | BucketCount=14 | 97.94 | 52.21 | 50.89-54.23 | 62.56 | 0 |
// | Floor_InterlockedAdd | BucketCount=14 | 1.89 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Before issue 18: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
// see docs/benchmarks.md for the targets and the verdicts.
// | Method                          | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |-------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd            |  5.444 ns | 0.5480 ns | 0.0300 ns |  1.00 |    0.01 |         - |          NA |
// | Observe_CachedChild             | 15.472 ns | 0.1068 ns | 0.0059 ns |  2.84 |    0.01 |         - |          NA |
// | Observe_CachedChild_NoExemplars | 14.883 ns | 3.2291 ns | 0.1770 ns |  2.73 |    0.03 |         - |          NA |
// | OTel_HistogramRecord_0Tags      | 15.607 ns | 1.7208 ns | 0.0943 ns |  2.87 |    0.02 |         - |          NA |
// | OTel_HistogramRecord_2Tags      | 44.527 ns | 1.4657 ns | 0.0803 ns |  8.18 |    0.04 |         - |          NA |
//
// Previous result: 2026-12-04 08:46 UTC, main with the counts inline in the series (found through a virtual call),
// `run.sh --filter '*ContentionBenchmarks*' '*HistogramBenchmarks*'` (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 0.5 to 1.2:
// | Method                                 | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Observe_CachedChild_InRecordedActivity | 22.735 ns | 5.1054 ns | 0.2798 ns |  4.14 |    0.05 |         - |          NA |
// | Observe_CachedChild_WithMeterListener  | 53.370 ns | 5.0796 ns | 0.2784 ns |  9.72 |    0.06 |         - |          NA |
// | Floor_InterlockedAdd                   |  5.492 ns | 0.4670 ns | 0.0256 ns |  1.00 |    0.01 |         - |          NA |
// | Observe_CachedChild                    | 15.682 ns | 1.6634 ns | 0.0912 ns |  2.86 |    0.02 |         - |          NA |
// | Observe_CachedChild_NoExemplars        | 14.796 ns | 1.6480 ns | 0.0903 ns |  2.69 |    0.02 |         - |          NA |
// | OTel_HistogramRecord_0Tags             | 15.883 ns | 1.0943 ns | 0.0600 ns |  2.89 |    0.02 |         - |          NA |
// | OTel_HistogramRecord_2Tags             | 44.348 ns | 3.3096 ns | 0.1814 ns |  8.08 |    0.04 |         - |          NA |
//
// Earlier: 2026-11-22 (branch perf3, with Series.Touch() inlined: since reverted, see docs/benchmarks.md), `run.sh --filter '*HistogramBenchmarks*'` (ShortRun),
// 2-core shared VM (AMD EPYC, .NET 10.0.12), load average 0.3 to 1.2:
// | Method                                 | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Observe_CachedChild_InRecordedActivity | 22.524 ns |  7.894 ns | 0.4327 ns |  3.91 |    0.16 |         - |          NA |
// | Observe_CachedChild_WithMeterListener  | 54.746 ns | 76.827 ns | 4.2112 ns |  9.50 |    0.73 |         - |          NA |
// | Floor_InterlockedAdd                   |  5.768 ns |  4.457 ns | 0.2443 ns |  1.00 |    0.05 |         - |          NA |
// | Observe_CachedChild                    | 16.410 ns |  6.942 ns | 0.3805 ns |  2.85 |    0.12 |         - |          NA |
// | Observe_CachedChild_NoExemplars        | 14.822 ns |  5.479 ns | 0.3003 ns |  2.57 |    0.11 |         - |          NA |
// | OTel_HistogramRecord_0Tags             | 16.481 ns | 20.167 ns | 1.1054 ns |  2.86 |    0.20 |         - |          NA |
// | OTel_HistogramRecord_2Tags             | 58.001 ns | 28.919 ns | 1.5852 ns | 10.07 |    0.44 |         - |          NA |
//
// Earlier: 2026-11-22, `run.sh --filter '*CounterBenchmarks*' '*HistogramBenchmarks*'` (ShortRun), 2-core shared VM (AMD EPYC, .NET 10.0.12), noisy:
// read the Ratio column (multiple of the floor row in the same run), not the nanoseconds.
// See docs/benchmarks.md for the targets and the analysis.
// | Method                                 | Mean      | Error      | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------------------- |----------:|-----------:|----------:|------:|--------:|----------:|------------:|
// | Observe_CachedChild_InRecordedActivity | 42.251 ns |  3.5611 ns | 0.1952 ns |  7.65 |    0.07 |         - |          NA |
// | Observe_CachedChild_WithMeterListener  | 49.795 ns |  3.7809 ns | 0.2072 ns |  9.01 |    0.08 |         - |          NA |
// | Floor_InterlockedAdd                   |  5.525 ns |  0.9934 ns | 0.0545 ns |  1.00 |    0.01 |         - |          NA |
// | Observe_CachedChild                    | 15.119 ns |  1.9863 ns | 0.1089 ns |  2.74 |    0.03 |         - |          NA |
// | Observe_CachedChild_NoExemplars        | 13.221 ns |  3.3093 ns | 0.1814 ns |  2.39 |    0.03 |         - |          NA |
// | OTel_HistogramRecord_0Tags             | 18.698 ns | 52.3546 ns | 2.8697 ns |  3.38 |    0.45 |         - |          NA |
// | OTel_HistogramRecord_2Tags             | 45.340 ns |  6.9400 ns | 0.3804 ns |  8.21 |    0.09 |         - |          NA |
//
// After the sampler moved to Environment.TickCount64 (2026-11-22, only this row and the floor re-run, same command as SummaryBenchmarks):
// | Method                                 | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Observe_CachedChild_InRecordedActivity | 21.458 ns | 1.7878 ns | 0.0980 ns |  3.91 |    0.03 |         - |          NA |
// | Floor_InterlockedAdd                   |  5.495 ns | 0.7173 ns | 0.0393 ns |  1.00 |    0.01 |         - |          NA |

using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Baselines;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Instrumentation.Instruments;
using OtelHistogram = System.Diagnostics.Metrics.Histogram<double>;
using PromHistogram = Prometheus.Histogram;

namespace Instrumentation.Benchmarks.Instruments;

/// <summary>
/// <c>Observe(v)</c> on a cached child with the 14 default buckets, values spread over all 15 buckets
/// in random order; against OpenTelemetry's <c>Histogram.Record</c> with the same bucket bounds
/// (given as advice) and 0 or 2 tags.
/// </summary>
public class HistogramBenchmarks : FloorBenchmark
{
    private readonly KeyValuePair<string, object?> _tag0 = LabelSet.Tag(0);
    private readonly KeyValuePair<string, object?> _tag1 = LabelSet.Tag(1);

    private ComparedLibraries _libraries = null!;
    private HistogramChild _child = null!;
    private HistogramChild _childWithoutExemplars = null!;
    private OtelHistogram _otelHistogram = null!;
    private RecordedActivity? _recordedActivity;
    private PromHistogram.Child _promChild = null!;
    private PromHistogram.Child _promChildWithoutExemplars = null!;
    private double[] _values = null!;
    private int _offset;

    /// <summary>
    /// The bucket layout: 11 is client_golang's default (.005 to 10 without the .075/.75/7.5 steps), 14
    /// is ours and prometheus-net's default; every row of a group (ours and both peers) uses the same bounds.
    /// </summary>
    [Params(11, 14)]
    public int BucketCount { get; set; }

    private double[] Bounds => BucketCount switch
    {
        11 => [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10],
        14 => [.. Buckets.Default],
        _ => throw new InvalidOperationException($"No layout with {BucketCount} buckets."),
    };

    [GlobalSetup]
    public void Setup() => SetupCore(listenToOurMeter: false);

    /// <summary>The setup of <see cref="Observe_CachedChild_InRecordedActivity"/>: everything, plus a recorded <c>Activity.Current</c>.</summary>
    [GlobalSetup(Target = nameof(Observe_CachedChild_InRecordedActivity))]
    public void SetupInRecordedActivity()
    {
        SetupCore(listenToOurMeter: false);
        _recordedActivity = new RecordedActivity();
    }

    /// <summary>The setup of <see cref="Observe_CachedChild_WithMeterListener"/>: the OpenTelemetry SDK also listens to our meter.</summary>
    [GlobalSetup(Target = nameof(Observe_CachedChild_WithMeterListener))]
    public void SetupWithMeterListener() => SetupCore(listenToOurMeter: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_recordedActivity is not null && _child.Exemplars.IsEmpty)
        {
            throw new InvalidOperationException("Observe_CachedChild_InRecordedActivity sampled no exemplar: Activity.Current did not reach the benchmark thread.");
        }

        _recordedActivity?.Dispose();
        _libraries.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_CachedChild() => Observe(_child);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_CachedChild_NoExemplars() => Observe(_childWithoutExemplars);

    /// <summary>Exemplars on inside a recorded activity: the clock is read on every call, an exemplar kept every 100 ms.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void Observe_CachedChild_InRecordedActivity() => Observe(_child);

    /// <summary>
    /// A listener (the OpenTelemetry SDK) is enabled on our histogram, so each observation is also
    /// recorded into <c>System.Diagnostics.Metrics</c>: what publishing to OTLP costs on the hot path.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void Observe_CachedChild_WithMeterListener() => Observe(_child);

    /// <summary>prometheus-net's cached child, its default configuration (exemplars from the trace context).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Observe_CachedChild() => Observe(_promChild);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Observe_CachedChild_NoExemplars() => Observe(_promChildWithoutExemplars);

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

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTel_HistogramRecord_2Tags()
    {
        var histogram = _otelHistogram;
        var values = _values;
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            histogram.Record(values[(offset + i) & ObservationValues.Mask], _tag0, _tag1);
        }

        _offset = (offset + Ops) & ObservationValues.Mask;
    }

    private void Observe(PromHistogram.Child child)
    {
        var values = _values;
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            child.Observe(values[(offset + i) & ObservationValues.Mask]);
        }

        _offset = (offset + Ops) & ObservationValues.Mask;
    }

    private void Observe(HistogramChild child)
    {
        var values = _values;
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            child.Observe(values[(offset + i) & ObservationValues.Mask]);
        }

        _offset = (offset + Ops) & ObservationValues.Mask;
    }

    /// <summary>
    /// Every row's instrument files what it is given where it belongs: each bound itself (in its own bucket),
    /// the next double above it and a spread over all buckets, checked as cumulative counts and sum.
    /// </summary>
    private void VerifyRecording(double[] bounds)
    {
        var values = RecordingCheck.CheckValues(bounds, _values);
        var (expected, sum) = RecordingCheck.Expected(bounds, values);
        foreach (var value in values)
        {
            _child.Observe(value);
            _childWithoutExemplars.Observe(value);
            _promChild.Observe(value);
            _promChildWithoutExemplars.Observe(value);
            _otelHistogram.Record(value);
            _otelHistogram.Record(value, _tag0, _tag1);
        }

        foreach (var (name, child) in (IEnumerable<(string, HistogramChild)>)[("Observe_CachedChild", _child), ("Observe_CachedChild_NoExemplars", _childWithoutExemplars)])
        {
            var cumulative = new long[bounds.Length + 1];
            RecordingCheck.Equal(name, "the sum", sum, child.ReadCumulative(cumulative));
            RecordingCheck.Buckets(name, expected, cumulative);
        }

        foreach (var (name, peer) in (IEnumerable<(string, PrometheusNetPeer)>)[("PromNet_Observe_CachedChild", _libraries.PromNet), ("PromNet_Observe_CachedChild_NoExemplars", _libraries.PromNetWithoutExemplars)])
        {
            var samples = peer.Samples("bench_histogram_seconds");
            RecordingCheck.CountAndSum(name, values.Length, sum, PrometheusNetPeer.CountAndSum(samples, "bench_histogram_seconds", "method=\"a\",route=\"b\""));
            RecordingCheck.Buckets(name, expected, PrometheusNetPeer.CumulativeBuckets(samples, "bench_histogram_seconds", "method=\"a\",route=\"b\","));
        }

        var points = _libraries.OpenTelemetry.Collect(_otelHistogram.Name);
        foreach (var (name, tags) in (IEnumerable<(string, int)>)[("OTel_HistogramRecord_0Tags", 0), ("OTel_HistogramRecord_2Tags", 2)])
        {
            var point = points.Single(point => point.Tags.Count == tags);
            RecordingCheck.CountAndSum(name, values.Length, sum, (point.Count, point.Value));
            RecordingCheck.Buckets(name, expected, point.CumulativeBuckets);
        }
    }

    private void SetupCore(bool listenToOurMeter)
    {
        _libraries = new ComparedLibraries(openTelemetryListensToOurs: listenToOurMeter);
        var bounds = Bounds;
        var histogram = _libraries.Ours.CreateHistogram("bench_histogram_seconds", "Labelled histogram.", LabelSet.TwoNames, bounds);
        _child = histogram.WithLabels("a", "b");
        _childWithoutExemplars = _libraries.OursWithoutExemplars.CreateHistogram("bench_histogram_seconds", "Labelled histogram.", LabelSet.TwoNames, bounds).WithLabels("a", "b");
        _values = ObservationValues.Create(bounds);

        var promConfig = new Prometheus.HistogramConfiguration { Buckets = bounds };
        _promChild = _libraries.PromNet.Factory.CreateHistogram("bench_histogram_seconds", "Labelled histogram.", LabelSet.TwoNames, promConfig).WithLabels("a", "b");
        _promChildWithoutExemplars = _libraries.PromNetWithoutExemplars.Factory.CreateHistogram("bench_histogram_seconds", "Labelled histogram.", LabelSet.TwoNames, promConfig).WithLabels("a", "b");

        _otelHistogram = _libraries.OpenTelemetry.CreateHistogram("bench_otel_histogram", bounds);
        VerifyRecording(bounds);

        if (listenToOurMeter != histogram.Instrument.Enabled)
        {
            throw new InvalidOperationException($"Our histogram's System.Diagnostics.Metrics instrument is {(histogram.Instrument.Enabled ? "enabled" : "not enabled")}, which is not what this row is meant to measure.");
        }
    }
}
