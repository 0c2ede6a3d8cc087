// Last result: 2026-11-22, `run.sh --filter '*ExemplarPrimitives*'` (ShortRun), 2-core shared VM (AMD EPYC, .NET 10.0.12), noisy:
// read the Ratio column (multiple of the floor row in the same run), not the nanoseconds.
// See docs/benchmarks.md for the targets and the analysis.
// | Method                             | Mean       | Error     | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |----------------------------------- |-----------:|----------:|----------:|------:|--------:|----------:|------------:|
// | ActivityCurrent_NoExecutionContext |  0.8277 ns | 0.1341 ns | 0.0073 ns |  0.14 |    0.01 |         - |          NA |
// | ActivityCurrent_InRecordedActivity |  3.6309 ns | 1.8442 ns | 0.1011 ns |  0.63 |    0.05 |         - |          NA |
// | Stopwatch_GetTimestamp             | 24.7937 ns | 5.0925 ns | 0.2791 ns |  4.32 |    0.34 |         - |          NA |
// | Environment_TickCount64            |  4.6287 ns | 0.5048 ns | 0.0277 ns |  0.81 |    0.06 |         - |          NA |
// | Floor_InterlockedAdd               |  5.7677 ns | 9.9720 ns | 0.5466 ns |  1.01 |    0.11 |         - |          NA |

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;

namespace Instrumentation.Benchmarks.Instruments;

/// <summary>
/// The building blocks of exemplar sampling, priced against the floor: reading
/// <see cref="Activity.Current"/> with and without a recorded activity on the thread, and the two
/// clocks a rate limit could use. Explains the cost of the "in a recorded Activity" rows of
/// <see cref="CounterBenchmarks"/> and <see cref="HistogramBenchmarks"/>. Not in the quick suite.
/// </summary>
public class ExemplarPrimitivesBenchmarks : FloorBenchmark
{
    private RecordedActivity? _recordedActivity;
    private long _sink;

    /// <summary>The setup of <see cref="ActivityCurrent_InRecordedActivity"/>: a recorded <c>Activity.Current</c>.</summary>
    [GlobalSetup(Target = nameof(ActivityCurrent_InRecordedActivity))]
    public void SetupInRecordedActivity() => _recordedActivity = new RecordedActivity();

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_recordedActivity is not null && Activity.Current is null)
        {
            throw new InvalidOperationException("Activity.Current did not reach the benchmark thread; ActivityCurrent_InRecordedActivity measured the empty case.");
        }

        _recordedActivity?.Dispose();
    }

    /// <summary><c>Activity.Current</c> and <c>Recorded</c> with nothing on the thread's execution context.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long ActivityCurrent_NoExecutionContext() => ReadActivity();

    /// <summary><c>Activity.Current</c> and <c>Recorded</c> inside a recorded activity (an async-local map lookup).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public long ActivityCurrent_InRecordedActivity() => ReadActivity();

    [Benchmark(OperationsPerInvoke = Ops)]
    public long Stopwatch_GetTimestamp()
    {
        long sum = 0;
        for (var i = 0; i < Ops; i++)
        {
            sum += Stopwatch.GetTimestamp();
        }

        return _sink = sum;
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public long Environment_TickCount64()
    {
        long sum = 0;
        for (var i = 0; i < Ops; i++)
        {
            sum += Environment.TickCount64;
        }

        return _sink = sum;
    }

    private long ReadActivity()
    {
        long recorded = 0;
        for (var i = 0; i < Ops; i++)
        {
            if (Activity.Current is { Recorded: true })
            {
                recorded++;
            }
        }

        return _sink = recorded;
    }
}
