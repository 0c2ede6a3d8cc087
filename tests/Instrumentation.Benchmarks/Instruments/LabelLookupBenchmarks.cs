// Last result: 2026-12-05 02:49 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape Contention NativeHistogram --rounds 200`
// on main (exemplar gate without a thread-static read; native Observe's common case in line), 2-core VM (AMD EPYC, .NET 10.0.12),
// quiet: load average 1.54, 1.73, 1.75 at the start. Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | ---: | ---: | --- | ---: | ---: |
// | WithLabels_Inc | 20.57 | 10.84 | 10.72-11.04 | 10.96 | 0 |
// | WithLabels_Inc_NoExemplars | 20.36 | 10.76 | 10.65-10.89 | 10.79 | 0 |
// | WithLabels_Inc_DistinctInstances | 26.50 | 13.94 | 13.82-14.10 | 13.96 | 0 |
// | WithLabels_Inc_DistinctInstances_NoExemplars | 26.28 | 13.83 | 13.69-13.99 | 13.85 | 0 |
// | PromNet_WithLabels_Inc_DistinctInstances | 96.14 | 50.72 | 50.01-51.35 | 50.71 | 0 |
// | PromNet_WithLabels_Inc_DistinctInstances_NoExemplars | 95.24 | 50.02 | 49.62-50.70 | 50.16 | 0 |
// | OTel_CounterAdd_3Tags | 43.32 | 22.83 | 22.57-23.13 | 22.90 | 0 |
// | Floor_InterlockedAdd | 1.90 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Previous result: 2026-12-05 00:20 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape --rounds 200` on branch peer-benchmarks,
// 2-core shared VM (AMD EPYC, .NET 10.0.12), load average at start 22.54, 21.27, 22.62 (other builds running: BenchmarkDotNet
// ShortRun figures at this load were not readable). Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | ---: | ---: | --- | ---: | ---: |
// | WithLabels_Inc | 22.18 | 11.68 | 11.43-11.92 | 18.81 | 0 |
// | WithLabels_Inc_NoExemplars | 21.38 | 11.27 | 11.07-11.43 | 16.33 | 0 |
// | WithLabels_Inc_DistinctInstances | 27.26 | 14.40 | 14.12-14.65 | 12.96 | 0 |
// | WithLabels_Inc_DistinctInstances_NoExemplars | 27.03 | 14.27 | 14.05-14.50 | 20.20 | 0 |
// | PromNet_WithLabels_Inc_DistinctInstances | 92.97 | 49.27 | 47.76-51.68 | 61.88 | 0 |
// | PromNet_WithLabels_Inc_DistinctInstances_NoExemplars | 91.91 | 48.59 | 47.14-49.79 | 62.71 | 0 |
// | OTel_CounterAdd_3Tags | 44.20 | 23.36 | 22.95-24.06 | 20.06 | 0 |
// | Floor_InterlockedAdd | 1.90 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Before issue 18: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
// see docs/benchmarks.md for the targets and the verdicts.
// | Method                     | Mean      | Error    | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------- |----------:|---------:|----------:|------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd       |  5.745 ns | 6.804 ns | 0.3729 ns |  1.00 |    0.08 |         - |          NA |
// | WithLabels_Inc             | 20.123 ns | 1.107 ns | 0.0607 ns |  3.51 |    0.19 |         - |          NA |
// | WithLabels_Inc_NoExemplars | 18.569 ns | 1.488 ns | 0.0816 ns |  3.24 |    0.18 |         - |          NA |
// | OTel_CounterAdd_3Tags      | 36.516 ns | 4.227 ns | 0.2317 ns |  6.37 |    0.35 |         - |          NA |
//
// Previous result: 2026-11-22, `run.sh --quick` (ShortRun), 2-core shared VM (AMD EPYC, .NET 10.0.12), noisy:
// read the Ratio column (multiple of the floor row in the same run), not the nanoseconds.
// See docs/benchmarks.md for the targets and the analysis.
// | Method                     | Mean      | Error      | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |--------------------------- |----------:|-----------:|----------:|------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd       |  5.610 ns |   1.769 ns | 0.0970 ns |  1.00 |    0.02 |         - |          NA |
// | WithLabels_Inc             | 21.710 ns |   9.453 ns | 0.5181 ns |  3.87 |    0.10 |         - |          NA |
// | WithLabels_Inc_NoExemplars | 19.252 ns |  41.997 ns | 2.3020 ns |  3.43 |    0.36 |         - |          NA |
// | OTel_CounterAdd_3Tags      | 40.036 ns | 106.984 ns | 5.8641 ns |  7.14 |    0.91 |         - |          NA |

using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Baselines;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Instrumentation.Instruments;
using OtelCounter = System.Diagnostics.Metrics.Counter<double>;
using PromCounter = Prometheus.Counter;

namespace Instrumentation.Benchmarks.Instruments;

/// <summary>
/// <c>counter.WithLabels("a", "b", "c").Inc()</c> with the lookup on every call (the child store's
/// hash and compare, no caching by the caller), against OpenTelemetry's <c>Add</c> with three tags,
/// which likewise finds its series from the tags on every call.
/// </summary>
public class LabelLookupBenchmarks : FloorBenchmark
{
    private readonly KeyValuePair<string, object?> _tag0 = LabelSet.Tag(0);
    private readonly KeyValuePair<string, object?> _tag1 = LabelSet.Tag(1);
    private readonly KeyValuePair<string, object?> _tag2 = LabelSet.Tag(2);

    private ComparedLibraries _libraries = null!;
    private Counter _counter = null!;
    private Counter _counterWithoutExemplars = null!;
    private string[] _distinctValues = null!;
    private OtelCounter _otelCounter = null!;
    private PromCounter _promCounter = null!;
    private PromCounter _promCounterWithoutExemplars = null!;

    [GlobalSetup]
    public void Setup()
    {
        _libraries = new ComparedLibraries();
        _counter = _libraries.Ours.CreateCounter("bench_lookup_total", "Labelled counter.", LabelSet.Names);
        _counterWithoutExemplars = _libraries.OursWithoutExemplars.CreateCounter("bench_lookup_total", "Labelled counter.", LabelSet.Names);

        // Equal to the literals but other instances, as values parsed from a request would be: the
        // store's compare cannot stop at reference equality.
        _distinctValues = [.. LabelSet.Values.Select(value => new string(value.AsSpan()))];
        _counter.WithLabels(LabelSet.Values);
        _counterWithoutExemplars.WithLabels(LabelSet.Values);

        _otelCounter = _libraries.OpenTelemetry.CreateCounter("bench_otel_lookup");

        _promCounter = _libraries.PromNet.Factory.CreateCounter("bench_lookup_total", "Labelled counter.", LabelSet.Names);
        _promCounterWithoutExemplars = _libraries.PromNetWithoutExemplars.Factory.CreateCounter("bench_lookup_total", "Labelled counter.", LabelSet.Names);
        _promCounter.WithLabels(LabelSet.Values);
        _promCounterWithoutExemplars.WithLabels(LabelSet.Values);

        VerifyRecording();
    }

    /// <summary>Each row's lookup reaches the series of the stored literals: two increments through the distinct copies land there.</summary>
    private void VerifyRecording()
    {
        const string Series = "bench_lookup_total{method=\"a\",route=\"b\",status=\"c\"}";
        foreach (var (name, lookupInc, read) in (IEnumerable<(string, Action, Func<double>)>)
        [
            ("WithLabels_Inc_DistinctInstances", () => _counter.WithLabels(_distinctValues).Inc(), () => _counter.WithLabels(LabelSet.Values).Value),
            ("WithLabels_Inc_DistinctInstances_NoExemplars", () => _counterWithoutExemplars.WithLabels(_distinctValues).Inc(), () => _counterWithoutExemplars.WithLabels(LabelSet.Values).Value),
            ("PromNet_WithLabels_Inc_DistinctInstances", () => _promCounter.WithLabels(_distinctValues).Inc(), () => _libraries.PromNet.Samples("bench_lookup_total")[Series]),
            ("PromNet_WithLabels_Inc_DistinctInstances_NoExemplars", () => _promCounterWithoutExemplars.WithLabels(_distinctValues).Inc(), () => _libraries.PromNetWithoutExemplars.Samples("bench_lookup_total")[Series]),
            ("OTel_CounterAdd_3Tags", () => _otelCounter.Add(1, _tag0, _tag1, _tag2), () => _libraries.OpenTelemetry.CollectSingle(_otelCounter.Name).Value),
        ])
        {
            lookupInc();
            lookupInc();
            RecordingCheck.Equal(name, "the series' total", 2, read());
        }

        if (_counter.SeriesCount != 1 || _promCounter.WithLabels(_distinctValues) != _promCounter.WithLabels(LabelSet.Values))
        {
            throw new InvalidOperationException("A lookup with equal label values created a second series.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_counter.SeriesCount != 1 || _counterWithoutExemplars.SeriesCount != 1 || _promCounter.GetAllLabelValues().Count() != 1)
        {
            throw new InvalidOperationException("The lookups created more than one series: the rows did not measure a cache hit.");
        }

        _libraries.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void WithLabels_Inc()
    {
        var counter = _counter;
        for (var i = 0; i < Ops; i++)
        {
            counter.WithLabels("a", "b", "c").Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void WithLabels_Inc_NoExemplars()
    {
        var counter = _counterWithoutExemplars;
        for (var i = 0; i < Ops; i++)
        {
            counter.WithLabels("a", "b", "c").Inc();
        }
    }

    /// <summary>
    /// The same lookup with label values that are equal to, but not the same instances as, the stored
    /// ones: the common case, values built per request. The row the target against OpenTelemetry is judged on.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void WithLabels_Inc_DistinctInstances()
    {
        var counter = _counter;
        var values = _distinctValues;
        for (var i = 0; i < Ops; i++)
        {
            counter.WithLabels(values).Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void WithLabels_Inc_DistinctInstances_NoExemplars()
    {
        var counter = _counterWithoutExemplars;
        var values = _distinctValues;
        for (var i = 0; i < Ops; i++)
        {
            counter.WithLabels(values).Inc();
        }
    }

    /// <summary>prometheus-net's <c>WithLabels(string[])</c> with the same equal copies (its default configuration).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_WithLabels_Inc_DistinctInstances()
    {
        var counter = _promCounter;
        var values = _distinctValues;
        for (var i = 0; i < Ops; i++)
        {
            counter.WithLabels(values).Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_WithLabels_Inc_DistinctInstances_NoExemplars()
    {
        var counter = _promCounterWithoutExemplars;
        var values = _distinctValues;
        for (var i = 0; i < Ops; i++)
        {
            counter.WithLabels(values).Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTel_CounterAdd_3Tags()
    {
        var counter = _otelCounter;
        for (var i = 0; i < Ops; i++)
        {
            counter.Add(1, _tag0, _tag1, _tag2);
        }
    }
}
