namespace Fruit.Traffic;

/// <summary>Counts of the requests a <see cref="TrafficGenerator"/> sent. Thread-safe.</summary>
public sealed class TrafficStats
{
    private long _sent;
    private long _succeeded;
    private long _failed;

    /// <summary>Requests started.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests answered with a success status, or the 404 asked for on purpose.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Requests that failed: an unexpected status or no answer.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    internal void OnSent() => Interlocked.Increment(ref _sent);

    internal void OnSucceeded() => Interlocked.Increment(ref _succeeded);

    internal void OnFailed() => Interlocked.Increment(ref _failed);
}
