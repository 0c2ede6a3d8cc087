// Last result: 2026-12-05 02:49 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape Contention NativeHistogram --rounds 200`
// on main (exemplar gate without a thread-static read; native Observe's common case in line), 2-core VM (AMD EPYC, .NET 10.0.12),
// quiet: load average 1.54, 1.73, 1.75 at the start. Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | ---: | ---: | --- | ---: | ---: |
// | Observe_Native_CachedChild | 5.52 | 2.89 | 2.87-2.93 | 2.92 | 0 |
// | Observe_Native_WithClassicBuckets | 9.90 | 5.18 | 5.10-5.27 | 5.19 | 0 |
// | Observe_Classic_CachedChild | 4.53 | 2.37 | 2.34-2.41 | 2.38 | 0 |
// | Floor_InterlockedAdd | 1.91 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Previous result: 2026-12-05 00:45 UTC, `run.sh --filter '*NativeHistogramBenchmarks*'` (ShortRun) on branch native-histogram, with the
// zero threshold read from the family directly; 2-core shared VM (AMD EPYC, .NET 10.0.12), load average 20.0 to 23.7 (other
// builds running), the floor itself slowed to 7.6 ns: read the Ratio column, and the run below for the spread.
// | Method                            | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |---------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Observe_Native_BothSigns          | 17.940 ns |  6.286 ns | 0.3446 ns |  2.36 |    0.11 |         - |          NA |
// | Floor_InterlockedAdd              |  7.626 ns |  6.628 ns | 0.3633 ns |  1.00 |    0.06 |         - |          NA |
// | Observe_Native_CachedChild        | 17.853 ns | 43.512 ns | 2.3851 ns |  2.34 |    0.29 |         - |          NA |
// | Observe_Native_WithClassicBuckets | 24.915 ns | 80.703 ns | 4.4236 ns |  3.27 |    0.52 |         - |          NA |
// | Observe_Classic_CachedChild       | 16.164 ns | 20.821 ns | 1.1413 ns |  2.12 |    0.16 |         - |          NA |
//
// Previous result: 2026-12-05 00:15 UTC, same command, load average 17.8 to 22.7.
// The classic row, 2.8x on a quiet machine (HistogramBenchmarks), reads 3.8x in this run.
// | Method                            | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |---------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Observe_Native_BothSigns          | 16.401 ns | 21.793 ns | 1.1946 ns |  3.99 |    0.28 |         - |          NA |
// | Floor_InterlockedAdd              |  4.114 ns |  2.724 ns | 0.1493 ns |  1.00 |    0.04 |         - |          NA |
// | Observe_Native_CachedChild        | 14.318 ns |  4.965 ns | 0.2721 ns |  3.48 |    0.12 |         - |          NA |
// | Observe_Native_WithClassicBuckets | 19.814 ns |  4.893 ns | 0.2682 ns |  4.82 |    0.16 |         - |          NA |
// | Observe_Classic_CachedChild       | 15.541 ns | 57.804 ns | 3.1684 ns |  3.78 |    0.68 |         - |          NA |

using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Instrumentation.Instruments;

namespace Instrumentation.Benchmarks.Instruments;

/// <summary>
/// <c>Observe(v)</c> on a cached native histogram series (schema 3), over the same values as
/// <see cref="HistogramBenchmarks"/> (spread over the 14 default buckets' range, 0 to 20 s, random order), with
/// and without the default classic buckets kept alongside; the classic histogram's row in the same run for
/// comparison. The buckets are warmed up in the setup, so the rows measure the steady state (no growth).
/// </summary>
public class NativeHistogramBenchmarks : FloorBenchmark
{
    private MetricFactory _factory = null!;
    private NativeHistogramChild _native = null!;
    private NativeHistogramChild _nativeWithClassic = null!;
    private NativeHistogramChild _nativeSigned = null!;
    private HistogramChild _classic = null!;
    private double[] _values = null!;
    private double[] _signedValues = null!;
    private int _offset;

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.WithoutExemplars();
        _native = _factory.CreateHistogram("bench_native_seconds", "Native.", new NativeHistogramOptions(), LabelSet.TwoNames).WithLabels("a", "b");
        _nativeWithClassic = _factory.CreateHistogram("bench_native_classic_seconds", "Native with classic buckets.", new NativeHistogramOptions { ClassicBuckets = Buckets.Default }, LabelSet.TwoNames).WithLabels("a", "b");
        _nativeSigned = _factory.CreateHistogram("bench_native_signed", "Native, both signs.", new NativeHistogramOptions(), LabelSet.TwoNames).WithLabels("a", "b");
        _classic = _factory.CreateHistogram("bench_classic_seconds", "Classic.", LabelSet.TwoNames).WithLabels("a", "b");
        _values = ObservationValues.Create(Buckets.Default);
        _signedValues = new double[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            _signedValues[i] = (i & 1) == 0 ? _values[i] : -_values[i];
        }

        foreach (var value in _values)
        {
            _native.Observe(value);
            _nativeWithClassic.Observe(value);
        }

        foreach (var value in _signedValues)
        {
            _nativeSigned.Observe(value);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_native.Schema != NativeHistogramOptions.DefaultSchema)
        {
            throw new InvalidOperationException($"The native series ended at schema {_native.Schema}: the rows measured resolution halving, not the steady state.");
        }

        _factory.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_Native_CachedChild() => Observe(_native, _values);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_Native_WithClassicBuckets() => Observe(_nativeWithClassic, _values);

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Observe_Native_BothSigns() => Observe(_nativeSigned, _signedValues);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Observe_Classic_CachedChild()
    {
        var child = _classic;
        var values = _values;
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            child.Observe(values[(offset + i) & ObservationValues.Mask]);
        }

        _offset = (offset + Ops) & ObservationValues.Mask;
    }

    private void Observe(NativeHistogramChild child, double[] values)
    {
        var offset = _offset;
        for (var i = 0; i < Ops; i++)
        {
            child.Observe(values[(offset + i) & ObservationValues.Mask]);
        }

        _offset = (offset + Ops) & ObservationValues.Mask;
    }
}
