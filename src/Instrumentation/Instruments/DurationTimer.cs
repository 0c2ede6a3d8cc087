using System.Diagnostics;

namespace Instrumentation.Instruments;

/// <summary>
/// Measures the time from its creation to <see cref="Dispose"/> and records it, in seconds, into a
/// histogram or summary. A struct holding a reference and a timestamp: it allocates nothing.
/// </summary>
public readonly struct DurationTimer : IDisposable, IEquatable<DurationTimer>
{
    private readonly IValueRecorder? _recorder;
    private readonly long _startTimestamp;

    internal DurationTimer(IValueRecorder recorder)
    {
        _recorder = recorder;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>The time since the timer started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>Records the elapsed seconds and returns them as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ObserveDuration()
    {
        var elapsed = Elapsed;
        _recorder?.Observe(elapsed.TotalSeconds);
        return elapsed;
    }

    /// <summary>Records the elapsed seconds.</summary>
    public void Dispose() => ObserveDuration();

    /// <inheritdoc />
    public bool Equals(DurationTimer other) => ReferenceEquals(_recorder, other._recorder) && _startTimestamp == other._startTimestamp;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DurationTimer other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_recorder, _startTimestamp);

    /// <summary>Equality by recorder and start time.</summary>
    public static bool operator ==(DurationTimer left, DurationTimer right) => left.Equals(right);

    /// <summary>Inequality by recorder and start time.</summary>
    public static bool operator !=(DurationTimer left, DurationTimer right) => !left.Equals(right);
}
