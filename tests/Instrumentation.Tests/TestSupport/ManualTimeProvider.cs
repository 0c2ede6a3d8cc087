namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock only moves when a test moves it. Thread-safe.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _utcTicks;

    /// <summary>Creates a clock standing at <paramref name="utcNow"/>.</summary>
    public ManualTimeProvider(DateTimeOffset utcNow) => SetUtcNow(utcNow);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="utcNow"/>.</summary>
    public void SetUtcNow(DateTimeOffset utcNow) => Interlocked.Exchange(ref _utcTicks, utcNow.UtcTicks);

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => Interlocked.Add(ref _utcTicks, delta.Ticks);
}
