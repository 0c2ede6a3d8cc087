using BenchmarkDotNet.Attributes;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>
/// The base of every benchmark class: the floor row every other row is a multiple of, and the number
/// of operations each benchmark performs per invocation.
/// </summary>
/// <remarks>
/// The floor is <c>Interlocked.Add(ref long, 1)</c> on a field nobody else touches: the cheapest
/// thread-safe increment the hardware offers, and what a cached counter's <c>Inc()</c> should cost.
/// Every benchmark loops <see cref="Ops"/> times and declares <c>OperationsPerInvoke = Ops</c>, so the
/// Mean column is per operation and the loop and call overhead of the harness is spread thin.
/// Derived classes must stay public and unsealed: BenchmarkDotNet generates a subclass of each.
/// </remarks>
public abstract class FloorBenchmark
{
    /// <summary>Operations per benchmark invocation.</summary>
    public const int Ops = 64;

    private long _floorCell;

    /// <summary>The floor: 64 uncontended <c>Interlocked.Add(ref long, 1)</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Ops)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Floor_InterlockedAdd()
    {
        for (var i = 0; i < Ops; i++)
        {
            Interlocked.Add(ref _floorCell, 1);
        }
    }
}
