// Last result: 2026-12-05 05:37 UTC, `run.sh --quick --in-process --filter '*TimedBenchmarks*'` (ShortRun), 2-core VM (AMD
// EPYC, .NET 10), load average about 1.5, after [Counted] stopped reading the clock (MethodInstruments.Start):
// | Method                      | Mean       | Ratio | Allocated |
// |---------------------------- |-----------:|------:|----------:|
// | Floor_InterlockedAdd        |  1.8966 ns |  1.00 |         - |
// | Sync_Bare                   |  0.2913 ns |  0.15 |         - |
// | Sync_Timed                  | 72.4732 ns | 38.21 |         - |
// | Sync_Counted                |  8.5766 ns |  4.52 |         - |   (33.5687 ns, 17.57, in the same build before)
// | CompletedTask_Timed         | 72.7867 ns | 38.38 |         - |
// | CompletedTaskOfT_Timed      | 72.9933 ns | 38.49 |         - |
// | CompletedValueTaskOfT_Timed | 74.0686 ns | 39.05 |         - |
// A [Timed] call is two Stopwatch.GetTimestamp() reads (24.0 ns each on this VM: ExemplarPrimitivesBenchmarks, same
// hour) and a histogram Observe. Its ratio went from 14.6x to 38x the floor since 2026-12-04 while its time went from
// 80 to 72 ns: the floor itself dropped from 5.5 to 1.9 ns on this VM, a clock read did not.
//
// Earlier result: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
// see docs/benchmarks.md for the targets and the verdicts.
// | Method                      | Mean       | Error      | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |---------------------------- |-----------:|-----------:|----------:|------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd        |  5.4666 ns |  0.7074 ns | 0.0388 ns |  1.00 |    0.01 |         - |          NA |
// | Sync_Bare                   |  0.2697 ns |  0.0632 ns | 0.0035 ns |  0.05 |    0.00 |         - |          NA |
// | Sync_Timed                  | 79.9149 ns |  4.6190 ns | 0.2532 ns | 14.62 |    0.10 |         - |          NA |
// | Sync_Counted                | 37.2834 ns |  3.9580 ns | 0.2169 ns |  6.82 |    0.05 |         - |          NA |
// | CompletedTask_Bare          |  0.3074 ns |  0.1232 ns | 0.0068 ns |  0.06 |    0.00 |         - |          NA |
// | CompletedTask_Timed         | 80.4199 ns |  2.5570 ns | 0.1402 ns | 14.71 |    0.09 |         - |          NA |
// | CompletedTaskOfT_Bare       |  0.5491 ns |  0.0392 ns | 0.0022 ns |  0.10 |    0.00 |         - |          NA |
// | CompletedTaskOfT_Timed      | 80.6934 ns |  1.9175 ns | 0.1051 ns | 14.76 |    0.09 |         - |          NA |
// | CompletedValueTaskOfT_Bare  |  0.3271 ns |  0.0022 ns | 0.0001 ns |  0.06 |    0.00 |         - |          NA |
// | CompletedValueTaskOfT_Timed | 85.4621 ns | 20.3809 ns | 1.1171 ns | 15.63 |    0.20 |         - |          NA |
//
// Previous result: 2026-11-22, `run.sh --filter '*Timed*'` (ShortRun), twice, 2-core shared VM (AMD EPYC, .NET 10.0.12), noisy:
// read the Ratio column (multiple of the floor row in the same run), not the nanoseconds. The decorator's whole
// overhead is a decorated row's Ratio minus its _Bare row's. See docs/benchmarks.md (TimedBenchmarks).
// First run (loaded: floor 11.1 ns against the usual 5.5 ns, so the ratios are compressed):
// | Method                      | Mean        | Error       | StdDev     | Ratio | RatioSD | Allocated | Alloc Ratio |
// |---------------------------- |------------:|------------:|-----------:|------:|--------:|----------:|------------:|
// | Sync_TimedCountedInProgress | 169.1889 ns | 199.8902 ns | 10.9567 ns | 15.67 |    3.20 |         - |          NA |
// | CompletedTaskOfT_Counted    |  61.2280 ns | 239.3338 ns | 13.1187 ns |  5.67 |    1.54 |         - |          NA |
// | Floor_InterlockedAdd        |  11.1474 ns |  42.3450 ns |  2.3211 ns |  1.03 |    0.28 |         - |          NA |
// | Sync_Bare                   |   0.3995 ns |   0.8543 ns |  0.0468 ns |  0.04 |    0.01 |         - |          NA |
// | Sync_Timed                  |  78.0919 ns |  12.7389 ns |  0.6983 ns |  7.23 |    1.42 |         - |          NA |
// | Sync_Counted                |  35.2754 ns |   3.2051 ns |  0.1757 ns |  3.27 |    0.64 |         - |          NA |
// | CompletedTask_Bare          |   0.3331 ns |   0.2446 ns |  0.0134 ns |  0.03 |    0.01 |         - |          NA |
// | CompletedTask_Timed         |  90.1950 ns |  43.1611 ns |  2.3658 ns |  8.35 |    1.65 |         - |          NA |
// | CompletedTaskOfT_Bare       |   0.4078 ns |   0.1952 ns |  0.0107 ns |  0.04 |    0.01 |         - |          NA |
// | CompletedTaskOfT_Timed      |  77.8587 ns |   3.5132 ns |  0.1926 ns |  7.21 |    1.42 |         - |          NA |
// | CompletedValueTaskOfT_Bare  |   0.5543 ns |   0.0335 ns |  0.0018 ns |  0.05 |    0.01 |         - |          NA |
// | CompletedValueTaskOfT_Timed |  80.2134 ns |   3.3412 ns |  0.1831 ns |  7.43 |    1.46 |         - |          NA |
//
// Second run (floor 5.9 ns):
// | Method                      | Mean        | Error      | StdDev    | Ratio | RatioSD | Allocated | Alloc Ratio |
// |---------------------------- |------------:|-----------:|----------:|------:|--------:|----------:|------------:|
// | Sync_TimedCountedInProgress | 101.5833 ns | 84.2862 ns | 4.6200 ns | 17.20 |    0.94 |         - |          NA |
// | CompletedTaskOfT_Counted    |  37.0278 ns |  6.1739 ns | 0.3384 ns |  6.27 |    0.24 |         - |          NA |
// | Floor_InterlockedAdd        |   5.9119 ns |  4.5729 ns | 0.2507 ns |  1.00 |    0.05 |         - |          NA |
// | Sync_Bare                   |   0.3196 ns |  0.1466 ns | 0.0080 ns |  0.05 |    0.00 |         - |          NA |
// | Sync_Timed                  |  89.4113 ns | 35.8543 ns | 1.9653 ns | 15.14 |    0.64 |         - |          NA |
// | Sync_Counted                |  41.0322 ns | 36.4011 ns | 1.9953 ns |  6.95 |    0.39 |         - |          NA |
// | CompletedTask_Bare          |   0.3574 ns |  0.2112 ns | 0.0116 ns |  0.06 |    0.00 |         - |          NA |
// | CompletedTask_Timed         |  78.8109 ns | 38.8043 ns | 2.1270 ns | 13.35 |    0.59 |         - |          NA |
// | CompletedTaskOfT_Bare       |   0.3944 ns |  0.1838 ns | 0.0101 ns |  0.07 |    0.00 |         - |          NA |
// | CompletedTaskOfT_Timed      |  81.1878 ns | 37.8810 ns | 2.0764 ns | 13.75 |    0.60 |         - |          NA |
// | CompletedValueTaskOfT_Bare  |   0.5654 ns |  0.1868 ns | 0.0102 ns |  0.10 |    0.00 |         - |          NA |
// | CompletedValueTaskOfT_Timed |  81.4316 ns | 22.6042 ns | 1.2390 ns | 13.79 |    0.55 |         - |          NA |

using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;

namespace Instrumentation.Benchmarks.Decorators;

/// <summary>
/// A service call through the decorator the source generator writes for <c>[Timed]</c> (and
/// <c>[Counted]</c>), against the same call on the undecorated service, for a synchronous method and
/// for methods returning an already-completed <see cref="Task"/>, <see cref="Task{TResult}"/> and
/// <see cref="ValueTask{TResult}"/>. The decorator's whole overhead is a decorated row's Ratio minus
/// its <c>_Bare</c> row's Ratio.
/// </summary>
/// <remarks>
/// The decorators record into a default factory (exemplars on), as a service registered with
/// <c>AddInstrumented...()</c> does. Both the bare and the decorated service are called through
/// <see cref="IQuoteService"/>, as a consumer that got either from the container would.
/// </remarks>
public class TimedBenchmarks : FloorBenchmark
{
    private MetricFactory _factory = null!;
    private IQuoteService _bare = null!;
    private IQuoteService _timed = null!;
    private IQuoteService _counted = null!;
    private IQuoteService _fullyInstrumented = null!;
    private long _sum;

    [GlobalSetup]
    public void Setup()
    {
        _factory = Factories.Default();
        _bare = new TimedQuoteService();
        _timed = new TimedQuoteService_InstrumentedDecorator(new TimedQuoteService(), _factory);
        _counted = new CountedQuoteService_InstrumentedDecorator(new CountedQuoteService(), _factory);
        _fullyInstrumented = new FullyInstrumentedQuoteService_InstrumentedDecorator(new FullyInstrumentedQuoteService(), _factory);

        // A decorator that fails to create its instruments forwards calls unrecorded: its rows would measure a bare forward.
        if (_factory.Find(TimedAttribute.DefaultServiceName) is null
            || _factory.Find(CountedAttribute.DefaultServiceName) is null
            || _factory.Find(TrackInProgressAttribute.DefaultServiceName) is null)
        {
            throw new InvalidOperationException("A decorator created no instruments, so its rows would measure a bare forward.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _factory.Dispose();

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Sync_Bare() => CallSync(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Sync_Timed() => CallSync(_timed);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Sync_Counted() => CallSync(_counted);

    /// <summary>[Timed], [Counted] and [TrackInProgress] together on one method.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void Sync_TimedCountedInProgress() => CallSync(_fullyInstrumented);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTask_Bare() => CallTask(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTask_Timed() => CallTask(_timed);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTaskOfT_Bare() => CallTaskOfT(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedTaskOfT_Timed() => CallTaskOfT(_timed);

    [Benchmark(OperationsPerInvoke = Ops)]
    public void CompletedTaskOfT_Counted() => CallTaskOfT(_counted);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedValueTaskOfT_Bare() => CallValueTaskOfT(_bare);

    [Benchmark(OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void CompletedValueTaskOfT_Timed() => CallValueTaskOfT(_timed);

    private void CallSync(IQuoteService service)
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            sum += service.Quote(i);
        }

        _sum += sum;
    }

    private static void CallTask(IQuoteService service)
    {
        for (var i = 0; i < Ops; i++)
        {
            service.Reserve(i).GetAwaiter().GetResult();
        }
    }

    private void CallTaskOfT(IQuoteService service)
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            sum += service.QuoteAsync(i).GetAwaiter().GetResult();
        }

        _sum += sum;
    }

    private void CallValueTaskOfT(IQuoteService service)
    {
        var sum = 0L;
        for (var i = 0; i < Ops; i++)
        {
            var quote = service.QuoteValueAsync(i);
            if (!quote.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("QuoteValueAsync is meant to complete synchronously.");
            }

            sum += quote.Result;
        }

        _sum += sum;
    }
}
