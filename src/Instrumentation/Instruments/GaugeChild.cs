namespace Instrumentation.Instruments;

/// <summary>One series of a <see cref="Gauge"/>: a double stored as its bits, set with a plain volatile write.</summary>
public sealed class GaugeChild : Series, IGauge
{
    private long _bits;
    private Func<double>? _callback;

    internal GaugeChild(Gauge family, string[] labelValues)
        : base(family, labelValues)
    {
    }

    /// <inheritdoc />
    public double Value
    {
        get
        {
            var callback = Volatile.Read(ref _callback);
            if (callback is null)
            {
                return AtomicDouble.Read(ref _bits);
            }

            try
            {
                return callback();
            }
#pragma warning disable CA1031 // A failing callback must not break the whole scrape; the series reads NaN instead.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Family.Factory.SelfMetrics.ReportCallbackError(Family.Name, ex);
                return double.NaN;
            }
        }
    }

    /// <inheritdoc />
    public void Set(double value)
    {
        AtomicDouble.Write(ref _bits, value);
        Touch();
    }

    /// <inheritdoc />
    public void Inc()
    {
        AtomicDouble.Add(ref _bits, 1);
        Touch();
    }

    /// <inheritdoc />
    public void Inc(double amount)
    {
        ThrowIfNaN(amount);
        AtomicDouble.Add(ref _bits, amount);
        Touch();
    }

    /// <inheritdoc />
    public void Dec()
    {
        AtomicDouble.Add(ref _bits, -1);
        Touch();
    }

    /// <inheritdoc />
    public void Dec(double amount)
    {
        ThrowIfNaN(amount);
        AtomicDouble.Add(ref _bits, -amount);
        Touch();
    }

    /// <inheritdoc />
    public void SetToCurrentTimeUnix() => Set(Family.Factory.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);

    /// <inheritdoc />
    public void SetCallback(Func<double>? callback)
    {
        Volatile.Write(ref _callback, callback);
        Touch();
    }

    /// <summary>A series read through a callback is live for as long as it has one.</summary>
    private protected override bool IsPinned => Volatile.Read(ref _callback) is not null;

    /// <inheritdoc />
    public InProgressScope TrackInProgress()
    {
        Inc();
        return new InProgressScope(this);
    }

    private void ThrowIfNaN(double amount)
    {
        if (double.IsNaN(amount))
        {
            throw new ArgumentOutOfRangeException(
                nameof(amount),
                amount,
                $"Gauge '{Family.Name}': cannot add NaN; it would make the value NaN for good. Use Set(double.NaN) if that is what you mean.");
        }
    }
}
