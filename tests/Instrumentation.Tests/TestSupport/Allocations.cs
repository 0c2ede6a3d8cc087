namespace Instrumentation.Tests.TestSupport;

/// <summary>Counts the bytes the current thread allocates: a deterministic check that a hot path allocates nothing.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="iterations"/> times to warm it up (JIT, lazy
    /// caches), then as many times again, and returns the bytes this thread allocated in the second pass.
    /// </summary>
    public static long Measure(Action action, int iterations = 1_000)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
