namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>, and counts how often it is read.
/// Thread safe. Timestamps are in <see cref="TimeSpan"/> ticks.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _ticks;
    private long _reads;

    /// <summary>How many times <see cref="GetTimestamp"/> or <see cref="GetUtcNow"/> was called.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        Interlocked.Increment(ref _reads);
        return Interlocked.Read(ref _ticks);
    }

    public override DateTimeOffset GetUtcNow()
    {
        Interlocked.Increment(ref _reads);
        return Epoch.AddTicks(Interlocked.Read(ref _ticks));
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
    }
}
