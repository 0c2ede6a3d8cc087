namespace Instrumentation.Instruments;

/// <summary>A monotonically increasing total: an unlabelled counter or one labelled series of it.</summary>
public interface ICounter
{
    /// <summary>The current total.</summary>
    double Value { get; }

    /// <summary>Adds one.</summary>
    void Inc();

    /// <summary>Adds <paramref name="increment"/>, which must be finite and not negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The increment is negative, NaN or infinite.</exception>
    void Inc(double increment);
}
