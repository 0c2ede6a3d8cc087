namespace Instrumentation.Instruments;

/// <summary>A value that goes up and down: an unlabelled gauge or one labelled series of it.</summary>
public interface IGauge
{
    /// <summary>The current value (read from the callback when one is set).</summary>
    double Value { get; }

    /// <summary>Sets the value.</summary>
    void Set(double value);

    /// <summary>Adds one.</summary>
    void Inc();

    /// <summary>Adds <paramref name="amount"/>; NaN is rejected.</summary>
    void Inc(double amount);

    /// <summary>Subtracts one.</summary>
    void Dec();

    /// <summary>Subtracts <paramref name="amount"/>; NaN is rejected.</summary>
    void Dec(double amount);

    /// <summary>Sets the value to the current time in seconds since the Unix epoch.</summary>
    void SetToCurrentTimeUnix();

    /// <summary>Reads the value from <paramref name="callback"/> at every collection instead of the stored value; null removes it.</summary>
    void SetCallback(Func<double>? callback);

    /// <summary>Adds one now and subtracts it when the returned scope is disposed, whatever happens in between.</summary>
    InProgressScope TrackInProgress();
}
