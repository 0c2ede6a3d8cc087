namespace Instrumentation.Instruments;

/// <summary>Something that records observations: a histogram or a summary, unlabelled or one series.</summary>
public interface IValueRecorder
{
    /// <summary>Records one observation; NaN is rejected.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    void Observe(double value);

    /// <summary>Starts a timer that observes the elapsed seconds when disposed: <c>using (h.NewTimer()) { ... }</c>.</summary>
    DurationTimer NewTimer();
}
