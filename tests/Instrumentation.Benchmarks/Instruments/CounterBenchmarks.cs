// Last result: 2026-12-05 02:49 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape Contention NativeHistogram --rounds 200`
// on main (exemplar gate without a thread-static read; native Observe's common case in line), 2-core VM (AMD EPYC, .NET 10.0.12),
// quiet: load average 1.54, 1.73, 1.75 at the start. Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | ---: | ---: | --- | ---: | ---: |
// | Inc_Unlabelled | 2.47 | 1.30 | 1.28-1.32 | 1.31 | 0 |
// | Inc_Unlabelled_NoExemplars | 2.45 | 1.30 | 1.28-1.32 | 1.30 | 0 |
// | Inc_CachedChild | 2.51 | 1.33 | 1.31-1.34 | 1.33 | 0 |
// | Inc_CachedChild_NoExemplars | 2.59 | 1.37 | 1.35-1.39 | 1.37 | 0 |
// | IncFractional_CachedChild | 4.34 | 2.31 | 2.26-2.33 | 2.30 | 0 |
// | IncFractional_CachedChild_NoExemplars | 4.35 | 2.30 | 2.27-2.33 | 2.30 | 0 |
// | PromNet_Inc_Unlabelled | 4.36 | 2.32 | 2.28-2.35 | 2.32 | 0 |
// | PromNet_Inc_Unlabelled_NoExemplars | 4.35 | 2.31 | 2.27-2.34 | 2.30 | 0 |
// | PromNet_Inc_CachedChild | 4.38 | 2.32 | 2.28-2.35 | 2.32 | 0 |
// | PromNet_Inc_CachedChild_NoExemplars | 4.35 | 2.30 | 2.28-2.33 | 2.30 | 0 |
// | OTel_CounterAdd_0Tags | 8.97 | 4.76 | 4.67-4.81 | 4.76 | 0 |
// | OTel_CounterAdd_3Tags | 43.06 | 22.81 | 22.54-23.27 | 22.97 | 0 |
// | Floor_InterlockedAdd | 1.89 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Previous result: 2026-12-05 00:20 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape --rounds 200` on branch peer-benchmarks,
// 2-core shared VM (AMD EPYC, .NET 10.0.12), load average at start 22.93, 21.28, 22.65 (other builds running: BenchmarkDotNet
// ShortRun figures at this load were not readable). Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | ---: | ---: | --- | ---: | ---: |
// | Inc_Unlabelled | 2.87 | 1.54 | 1.51-1.61 | 1.52 | 0 |
// | Inc_Unlabelled_NoExemplars | 2.48 | 1.33 | 1.30-1.38 | 0.96 | 0 |
// | Inc_CachedChild | 2.65 | 1.43 | 1.39-1.51 | 1.44 | 0 |
// | Inc_CachedChild_NoExemplars | 2.58 | 1.39 | 1.35-1.46 | 1.05 | 0 |
// | IncFractional_CachedChild | 4.34 | 2.35 | 2.28-2.46 | 2.74 | 0 |
// | IncFractional_CachedChild_NoExemplars | 4.33 | 2.35 | 2.28-2.46 | 2.16 | 0 |
// | PromNet_Inc_Unlabelled | 4.44 | 2.37 | 2.32-2.47 | 1.68 | 0 |
// | PromNet_Inc_Unlabelled_NoExemplars | 4.35 | 2.35 | 2.29-2.46 | 1.99 | 0 |
// | PromNet_Inc_CachedChild | 4.35 | 2.36 | 2.29-2.48 | 2.30 | 0 |
// | PromNet_Inc_CachedChild_NoExemplars | 4.34 | 2.36 | 2.29-2.53 | 2.35 | 0 |
// | OTel_CounterAdd_0Tags | 9.44 | 5.07 | 4.91-5.25 | 4.58 | 0 |
// | OTel_CounterAdd_3Tags | 44.08 | 23.77 | 22.99-24.54 | 27.12 | 0 |
// | Floor_InterlockedAdd | 1.86 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Before issue 18: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
// see docs/benchmarks.md for the targets and the verdicts.
// | Method                                | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |-------------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd                  |  5.507 ns | 0.4449 ns | 0.0244 ns |  1.00 |    0.01 |         - |          NA |
// | Inc_Unlabelled                        |  6.924 ns | 2.3129 ns | 0.1268 ns |  1.26 |    0.02 |         - |          NA |
// | Inc_Unlabelled_NoExemplars            |  6.098 ns | 0.4460 ns | 0.0244 ns |  1.11 |    0.01 |         - |          NA |
// | Inc_CachedChild                       |  6.989 ns | 0.4317 ns | 0.0237 ns |  1.27 |    0.01 |         - |          NA |
// | Inc_CachedChild_NoExemplars           |  5.828 ns | 0.1665 ns | 0.0091 ns |  1.06 |    0.00 |         - |          NA |
// | IncFractional_CachedChild             |  7.289 ns | 0.6921 ns | 0.0379 ns |  1.32 |    0.01 |         - |          NA |
// | IncFractional_CachedChild_NoExemplars |  6.082 ns | 0.0124 ns | 0.0007 ns |  1.10 |    0.00 |         - |          NA |
// | OTel_CounterAdd_0Tags                 | 12.295 ns | 9.4935 ns | 0.5204 ns |  2.23 |    0.08 |         - |          NA |
// | OTel_CounterAdd_3Tags                 | 40.104 ns | 1.0504 ns | 0.0576 ns |  7.28 |    0.03 |         - |          NA |
//
// Previous result: 2026-11-22, `run.sh --filter '*CounterBenchmarks*' '*HistogramBenchmarks*'` (ShortRun), 2-core shared VM (AMD EPYC, .NET 10.0.12), noisy:
// read the Ratio column (multiple of the floor row in the same run), not the nanoseconds.
// See docs/benchmarks.md for the targets and the analysis.
// | Method                                | Mean      | Error      | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |-------------------------------------- |----------:|-----------:|----------:|------:|--------:|----------:|------------:|
// | Inc_CachedChild_InRecordedActivity    | 32.945 ns |  4.1756 ns | 0.2289 ns |  5.81 |    0.21 |         - |          NA |
// | Floor_InterlockedAdd                  |  5.678 ns |  4.2824 ns | 0.2347 ns |  1.00 |    0.05 |         - |          NA |
// | Inc_Unlabelled                        |  6.797 ns |  3.0899 ns | 0.1694 ns |  1.20 |    0.05 |         - |          NA |
// | Inc_Unlabelled_NoExemplars            |  5.509 ns |  0.3154 ns | 0.0173 ns |  0.97 |    0.03 |         - |          NA |
// | Inc_CachedChild                       |  6.708 ns |  0.4168 ns | 0.0228 ns |  1.18 |    0.04 |         - |          NA |
// | Inc_CachedChild_NoExemplars           |  5.596 ns |  1.2592 ns | 0.0690 ns |  0.99 |    0.04 |         - |          NA |
// | IncFractional_CachedChild             |  7.683 ns | 11.9025 ns | 0.6524 ns |  1.35 |    0.11 |         - |          NA |
// | IncFractional_CachedChild_NoExemplars |  6.485 ns |  0.8416 ns | 0.0461 ns |  1.14 |    0.04 |         - |          NA |
// | OTel_CounterAdd_0Tags                 | 11.909 ns |  4.0454 ns | 0.2217 ns |  2.10 |    0.08 |         - |          NA |
// | OTel_CounterAdd_3Tags                 | 40.142 ns | 43.7020 ns | 2.3955 ns |  7.08 |    0.44 |         - |          NA |
//
// After the sampler moved to Environment.TickCount64 (2026-11-22, only this row and the floor re-run, same command as SummaryBenchmarks):
// | Method                             | Mean      | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |----------------------------------- |----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | Inc_CachedChild_InRecordedActivity | 12.048 ns | 8.1759 ns | 0.4482 ns |  2.17 |    0.07 |         - |          NA |
// | Floor_InterlockedAdd               |  5.546 ns | 0.1587 ns | 0.0087 ns |  1.00 |    0.00 |         - |          NA |

using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Baselines;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Instrumentation.Instruments;
using OtelCounter = System.Diagnostics.Metrics.Counter<double>;
using PromCounter = Prometheus.Counter;

namespace Instrumentation.Benchmarks.Instruments;

/// <summary>
/// Counter increments: the unlabelled counter, a cached labelled child, a fractional increment, each
/// with exemplars on (the default) and off; and the OpenTelemetry SDK baseline with 0 and 3 tags.
/// </summary>
public class CounterBenchmarks : FloorBenchmark
{
    private readonly KeyValuePair<string, object?> _tag0 = LabelSet.Tag(0);
    private readonly KeyValuePair<string, object?> _tag1 = LabelSet.Tag(1);
    private readonly KeyValuePair<string, object?> _tag2 = LabelSet.Tag(2);

    private ComparedLibraries _libraries = null!;
    private Counter _unlabelled = null!;
    private Counter _unlabelledWithoutExemplars = null!;
    private CounterChild _child = null!;
    private CounterChild _childWithoutExemplars = null!;
    private OtelCounter _otelCounter = null!;
    private RecordedActivity? _recordedActivity;
    private PromCounter _promUnlabelled = null!;
    private PromCounter _promUnlabelledWithoutExemplars = null!;
    private PromCounter.Child _promChild = null!;
    private PromCounter.Child _promChildWithoutExemplars = null!;

    [GlobalSetup]
    public void Setup()
    {
        _libraries = new ComparedLibraries();
        var (ours, oursWithoutExemplars) = (_libraries.Ours, _libraries.OursWithoutExemplars);
        _unlabelled = ours.CreateCounter("bench_unlabelled_total", "Unlabelled counter.");
        _unlabelledWithoutExemplars = oursWithoutExemplars.CreateCounter("bench_unlabelled_total", "Unlabelled counter.");
        _child = ours.CreateCounter("bench_labelled_total", "Labelled counter.", LabelSet.Names).WithLabels(LabelSet.Values);
        _childWithoutExemplars = oursWithoutExemplars.CreateCounter("bench_labelled_total", "Labelled counter.", LabelSet.Names).WithLabels(LabelSet.Values);
        _otelCounter = _libraries.OpenTelemetry.CreateCounter("bench_otel_counter");

        var (promNet, promNetWithoutExemplars) = (_libraries.PromNet.Factory, _libraries.PromNetWithoutExemplars.Factory);
        _promUnlabelled = promNet.CreateCounter("bench_unlabelled_total", "Unlabelled counter.");
        _promUnlabelledWithoutExemplars = promNetWithoutExemplars.CreateCounter("bench_unlabelled_total", "Unlabelled counter.");
        _promChild = promNet.CreateCounter("bench_labelled_total", "Labelled counter.", LabelSet.Names).WithLabels(LabelSet.Values);
        _promChildWithoutExemplars = promNetWithoutExemplars.CreateCounter("bench_labelled_total", "Labelled counter.", LabelSet.Names).WithLabels(LabelSet.Values);

        VerifyRecording();
    }

    /// <summary>Every row's instrument counts what it is given: 3 whole increments and one of 2.5, read back through each library's own output.</summary>
    private void VerifyRecording()
    {
        var (peer, peerWithoutExemplars) = (_libraries.PromNet, _libraries.PromNetWithoutExemplars);
        foreach (var (name, inc, incBy, read) in (IEnumerable<(string, Action, Action<double>, Func<double>)>)
        [
            ("Inc_Unlabelled", _unlabelled.Inc, _unlabelled.Inc, () => _unlabelled.Value),
            ("Inc_Unlabelled_NoExemplars", _unlabelledWithoutExemplars.Inc, _unlabelledWithoutExemplars.Inc, () => _unlabelledWithoutExemplars.Value),
            ("Inc_CachedChild", _child.Inc, _child.Inc, () => _child.Value),
            ("Inc_CachedChild_NoExemplars", _childWithoutExemplars.Inc, _childWithoutExemplars.Inc, () => _childWithoutExemplars.Value),
            ("PromNet_Inc_Unlabelled", () => _promUnlabelled.Inc(), by => _promUnlabelled.Inc(by), () => peer.Samples("bench_unlabelled_total", "bench_labelled_total")["bench_unlabelled_total"]),
            ("PromNet_Inc_Unlabelled_NoExemplars", () => _promUnlabelledWithoutExemplars.Inc(), by => _promUnlabelledWithoutExemplars.Inc(by), () => peerWithoutExemplars.Samples("bench_unlabelled_total", "bench_labelled_total")["bench_unlabelled_total"]),
            ("PromNet_Inc_CachedChild", () => _promChild.Inc(), by => _promChild.Inc(by), () => peer.Samples("bench_unlabelled_total", "bench_labelled_total")["bench_labelled_total{method=\"a\",route=\"b\",status=\"c\"}"]),
            ("PromNet_Inc_CachedChild_NoExemplars", () => _promChildWithoutExemplars.Inc(), by => _promChildWithoutExemplars.Inc(by), () => peerWithoutExemplars.Samples("bench_unlabelled_total", "bench_labelled_total")["bench_labelled_total{method=\"a\",route=\"b\",status=\"c\"}"]),
        ])
        {
            inc();
            inc();
            inc();
            incBy(2.5);
            RecordingCheck.Equal(name, "the total", 5.5, read());
        }

        _otelCounter.Add(1);
        _otelCounter.Add(2.5);
        _otelCounter.Add(1, _tag0, _tag1, _tag2);
        _otelCounter.Add(1, _tag0, _tag1, _tag2);
        var points = _libraries.OpenTelemetry.Collect(_otelCounter.Name);
        RecordingCheck.Equal("OTel_CounterAdd_0Tags", "the total", 3.5, points.Single(point => point.Tags.Count == 0).Value);
        RecordingCheck.Equal("OTel_CounterAdd_3Tags", "the total", 2, points.Single(point => point.Tags.Count == 3).Value);
    }

    /// <summary>The setup of <see cref="Inc_CachedChild_InRecordedActivity"/>: everything, plus a recorded <c>Activity.Current</c>.</summary>
    [GlobalSetup(Target = nameof(Inc_CachedChild_InRecordedActivity))]
    public void SetupInRecordedActivity()
    {
        Setup();
        _recordedActivity = new RecordedActivity();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_recordedActivity is not null && _child.Exemplar is null)
        {
            throw new InvalidOperationException("Inc_CachedChild_InRecordedActivity sampled no exemplar: Activity.Current did not reach the benchmark thread, so the row measured the untraced path.");
        }


        _recordedActivity?.Dispose();
        _libraries.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Inc_Unlabelled()
    {
        var counter = _unlabelled;
        for (var i = 0; i < Ops; i++)
        {
            counter.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Inc_Unlabelled_NoExemplars()
    {
        var counter = _unlabelledWithoutExemplars;
        for (var i = 0; i < Ops; i++)
        {
            counter.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Inc_CachedChild()
    {
        var child = _child;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Inc_CachedChild_NoExemplars()
    {
        var child = _childWithoutExemplars;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc();
        }
    }

    /// <summary>Exemplars on inside a recorded activity: the sampler reads the clock on every call and takes an exemplar every 100 ms.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void Inc_CachedChild_InRecordedActivity()
    {
        var child = _child;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void IncFractional_CachedChild()
    {
        var child = _child;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc(2.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void IncFractional_CachedChild_NoExemplars()
    {
        var child = _childWithoutExemplars;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc(2.5);
        }
    }

    /// <summary>prometheus-net's unlabelled counter (its default configuration: exemplars from the trace context).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Inc_Unlabelled()
    {
        var counter = _promUnlabelled;
        for (var i = 0; i < Ops; i++)
        {
            counter.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Inc_Unlabelled_NoExemplars()
    {
        var counter = _promUnlabelledWithoutExemplars;
        for (var i = 0; i < Ops; i++)
        {
            counter.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Inc_CachedChild()
    {
        var child = _promChild;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Inc_CachedChild_NoExemplars()
    {
        var child = _promChildWithoutExemplars;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc();
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void PromNet_IncFractional_CachedChild()
    {
        var child = _promChild;
        for (var i = 0; i < Ops; i++)
        {
            child.Inc(2.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTel_CounterAdd_0Tags()
    {
        var counter = _otelCounter;
        for (var i = 0; i < Ops; i++)
        {
            counter.Add(1);
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
