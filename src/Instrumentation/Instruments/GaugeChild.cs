using System.Diagnostics;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>One series of a <see cref="Gauge"/>: a double stored as its bits, set with a plain volatile write.</summary>
public sealed class GaugeChild : Series, IGauge
{
    private long _bits;
    private GaugeCallback? _callback;

    internal GaugeChild(Gauge family, string[] labelValues)
        : base(family, labelValues)
    {
    }

    /// <inheritdoc />
    /// <remarks>
    /// With a callback, this runs it within the factory's <see cref="MetricFactoryOptions.CallbackTimeout"/>
    /// and reads <see cref="double.NaN"/> when it throws or does not return in time.
    /// </remarks>
    public double Value => TryCollect(ICollectionDeadline.None, out var value) ? value : double.NaN;

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
        Volatile.Write(ref _callback, callback is null ? null : new GaugeCallback(callback));
        if (callback is null)
        {
            // Nothing left to fail: a series that was failing no longer holds its metric in the failing state.
            MarkCallbackHealthy();
        }

        Touch();
    }

    /// <summary>
    /// Reads the value for a collection. False when the callback threw, or did not return within the
    /// factory's callback timeout or by the collection's <paramref name="deadline"/> (a
    /// <see cref="Stopwatch"/> timestamp, or <see cref="ICollectionDeadline.None"/>): the
    /// series is then left out of the collection, and the failure is counted (and logged when the metric was healthy).
    /// </summary>
    internal bool TryCollect(long deadline, out double value)
    {
        var callback = Volatile.Read(ref _callback);
        if (callback is null)
        {
            value = AtomicDouble.Read(ref _bits);
            return true;
        }

        var timeout = Family.Factory.Options.CallbackTimeout;
        var allowed = timeout;
        if (deadline != ICollectionDeadline.None)
        {
            // The time the log names: less than the timeout when the collection's deadline is nearer.
            var untilDeadline = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            allowed = untilDeadline <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(untilDeadline.Ticks, timeout.Ticks));
        }

        if (callback.TryRead(timeout, deadline, out value, out var error))
        {
            MarkCallbackHealthy();
            return true;
        }

        var first = Interlocked.Exchange(ref EnsureSide().CallbackFailing, 1) == 0 && ((Gauge)Family).SeriesStartedFailing();
        if (error is null)
        {
            Family.Factory.SelfMetrics.ReportCallbackTimeout(Family.Name, allowed, first);
        }
        else
        {
            Family.Factory.SelfMetrics.ReportCallbackError(Family.Name, error, first);
        }

        return false;
    }

    /// <summary>A series read through a callback is live for as long as it has one.</summary>
    private protected override bool IsPinned => Volatile.Read(ref _callback) is not null;

    /// <inheritdoc />
    public InProgressScope TrackInProgress()
    {
        Inc();
        return new InProgressScope(this);
    }

    private void MarkCallbackHealthy()
    {
        if (Side is { } side && Volatile.Read(ref side.CallbackFailing) == 1 && Interlocked.Exchange(ref side.CallbackFailing, 0) == 1 && ((Gauge)Family).SeriesRecovered())
        {
            Family.Factory.SelfMetrics.ReportCallbackRecovered(Family.Name);
        }
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
