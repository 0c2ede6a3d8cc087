using System.Diagnostics;
using System.Runtime.CompilerServices;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// One series of a <see cref="Histogram"/>: a count per bucket and a sum. The count is not stored:
/// it is the total of the bucket counts read in the same pass, so <c>le="+Inf"</c> always equals
/// <c>_count</c>, even while other threads observe.
/// </summary>
/// <remarks>
/// The bucket bounds are read from the family on each observation rather than copied into every
/// series: one more dependent load (of a line every series shares) for 8 bytes less per series.
/// </remarks>
public sealed class HistogramChild : Series, IValueRecorder
{
    private readonly long[] _counts;
    private long _sumBits;

    internal HistogramChild(Histogram family, string[] labelValues)
        : base(family, labelValues)
    {
        _counts = new long[family.UpperBounds.Length + 1];
    }

    internal ReadOnlySpan<Exemplar?> Exemplars => Side is { } side ? Volatile.Read(ref side.Exemplars) : default;

    /// <inheritdoc />
    public void Observe(double value)
    {
        if (double.IsNaN(value))
        {
            ThrowNaN();
        }

        // The family is always a Histogram (the constructor takes one).
        var histogram = Unsafe.As<Histogram>(Family);
        var bounds = histogram.UpperBounds;
        var bucket = 0;
        while (bucket < bounds.Length && value > bounds[bucket])
        {
            bucket++;
        }

        // Sum first, count second; collection reads the counts first, so a scraped _sum always holds
        // every observation its _count does (it may hold a few in flight beyond them, never fewer).
        AtomicDouble.Add(ref _sumBits, value);
        Interlocked.Increment(ref _counts[bucket]);
        Touch();

        if (histogram.SampleExemplars && Activity.Current is { Recorded: true } activity)
        {
            SampleExemplar(activity, bucket, value);
        }

        var instrument = histogram.Instrument;
        if (instrument.Enabled)
        {
            instrument.Record(value, Tags);
        }
    }

    /// <inheritdoc />
    public DurationTimer NewTimer() => new(this);

    /// <summary>Fills <paramref name="cumulative"/> (one entry per bucket plus +Inf) and returns the sum.</summary>
    internal double ReadCumulative(Span<long> cumulative)
    {
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return AtomicDouble.Read(ref _sumBits);
    }

    private void SampleExemplar(Activity activity, int bucket, double value)
    {
        var side = EnsureSide();
        var sampled = ExemplarSampler.TrySample(activity, value, ref side.NextExemplarTick, Family.Factory.TimeProvider, Environment.TickCount64);
        if (sampled is null)
        {
            return;
        }

        var slots = Volatile.Read(ref side.Exemplars);
        if (slots is null)
        {
            Interlocked.CompareExchange(ref side.Exemplars, new Exemplar?[_counts.Length], null);
            slots = side.Exemplars!;
        }

        Volatile.Write(ref slots[bucket], sampled);
    }

    private void ThrowNaN() =>
        throw new ArgumentOutOfRangeException(
            "value",
            double.NaN,
            $"Histogram '{Family.Name}': cannot observe NaN; it would make the sum NaN for good.");
}
