using Instrumentation.Collection;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>A metrics source that counts how often it is collected, and can hold a collection until released.</summary>
public sealed class CountingMetricsSource : IMetricsSource, IDisposable
{
    private readonly ManualResetEventSlim _release = new(initialState: true);
    private readonly SemaphoreSlim _entered = new(0);
    private int _collections;

    public int Collections => Volatile.Read(ref _collections);

    /// <summary>Makes the next collections wait in <see cref="Collect"/> until <see cref="Release"/>.</summary>
    public void Hold() => _release.Reset();

    public void Release() => _release.Set();

    /// <summary>Waits until a collection has started.</summary>
    public Task<bool> WaitForCollectionAsync(TimeSpan timeout) => _entered.WaitAsync(timeout);

    public void Collect(IMetricsVisitor visitor)
    {
        Interlocked.Increment(ref _collections);
        _entered.Release();
        _release.Wait(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        _release.Dispose();
        _entered.Dispose();
    }
}
