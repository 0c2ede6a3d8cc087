namespace Instrumentation.TestSupport;

/// <summary>
/// A clock that moves only when a test moves it, and counts how often it is read. Thread safe.
/// Timestamps are <see cref="TimeSpan"/> ticks since the clock was created.
/// </summary>
public sealed partial class ManualTimeProvider : TimeProvider
{
    private readonly long _startTicks;
    private long _utcTicks;
    private long _reads;

    /// <summary>2023-11-14T22:13:20.123Z, which writes as 1700000000.123.</summary>
    public static readonly DateTimeOffset Reference = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    /// <summary>Creates a clock standing at <see cref="Reference"/>.</summary>
    public ManualTimeProvider()
        : this(Reference)
    {
    }

    /// <summary>Creates a clock standing at <paramref name="utcNow"/>.</summary>
    public ManualTimeProvider(DateTimeOffset utcNow)
    {
        _startTicks = utcNow.UtcTicks;
        SetUtcNow(utcNow);
    }

    /// <summary>How far the clock has moved since it was created.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _utcTicks) - _startTicks);

    /// <summary>How many times <see cref="GetTimestamp"/> or <see cref="GetUtcNow"/> was called.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        Interlocked.Increment(ref _reads);
        return Interlocked.Read(ref _utcTicks) - _startTicks;
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        Interlocked.Increment(ref _reads);
        return new DateTimeOffset(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
    }

    /// <summary>The current time; setting it moves the clock.</summary>
    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
        set => SetUtcNow(value);
    }

    /// <summary>Moves the clock to <paramref name="utcNow"/>.</summary>
    public void SetUtcNow(DateTimeOffset utcNow) => Interlocked.Exchange(ref _utcTicks, utcNow.UtcTicks);

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing the timers that fall due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        if (!HasTimers)
        {
            Interlocked.Add(ref _utcTicks, by.Ticks);
            return;
        }

        AdvanceFiringTimers(Now + by);
    }
}
