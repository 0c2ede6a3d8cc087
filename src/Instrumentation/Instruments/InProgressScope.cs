namespace Instrumentation.Instruments;

/// <summary>
/// Lowers a gauge by one when disposed; returned by <see cref="IGauge.TrackInProgress"/>, which raised it.
/// A struct, so <c>using (gauge.TrackInProgress())</c> allocates nothing.
/// </summary>
public readonly struct InProgressScope : IDisposable, IEquatable<InProgressScope>
{
    private readonly GaugeChild? _gauge;

    internal InProgressScope(GaugeChild gauge) => _gauge = gauge;

    /// <summary>Lowers the gauge by one.</summary>
    public void Dispose() => _gauge?.Dec();

    /// <inheritdoc />
    public bool Equals(InProgressScope other) => ReferenceEquals(_gauge, other._gauge);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InProgressScope other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _gauge?.GetHashCode() ?? 0;

    /// <summary>Equality by the gauge the scope lowers.</summary>
    public static bool operator ==(InProgressScope left, InProgressScope right) => left.Equals(right);

    /// <summary>Inequality by the gauge the scope lowers.</summary>
    public static bool operator !=(InProgressScope left, InProgressScope right) => !left.Equals(right);
}
