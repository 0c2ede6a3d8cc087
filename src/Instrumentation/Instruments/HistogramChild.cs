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
/// The counts of a family with up to <see cref="HistogramCountSlots.MaxInline"/> of them (finite
/// buckets plus +Inf) sit inside the series object, in the smallest size class that holds them; the
/// virtual call that finds them costs less than the separate array (header, length, pointer) it saves.
/// </remarks>
public abstract class HistogramChild : Series, IValueRecorder
{
    private long _sumBits;

    private protected HistogramChild(Histogram family, string[] labelValues)
        : base(family, labelValues)
    {
    }

    internal ReadOnlySpan<Exemplar?> Exemplars => BucketExemplars;

    /// <summary>The bucket counts: at least one per finite bucket plus +Inf, maybe a few unused beyond.</summary>
    private protected abstract Span<long> CountSlots { get; }

    /// <inheritdoc />
    public void Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite("Histogram", value);
        }

        // The family is always a Histogram (the constructor takes one).
        var histogram = Unsafe.As<Histogram>(Family);
        var bucket = BucketSearch.Find(histogram.SearchBounds, value);

        // Sum first, count second; collection reads the counts first, so a scraped _sum always holds
        // every observation its _count does (it may hold a few in flight beyond them, never fewer).
        AtomicDouble.Add(ref _sumBits, value);
        Interlocked.Increment(ref CountSlots[bucket]);
        Touch();

        if (histogram.SampleExemplars && ActivityGate.Current is { Recorded: true } activity)
        {
            SampleBucketExemplar(activity, bucket, histogram.CountLength, value);
        }

        var instrument = histogram.Instrument;
        if (instrument.Enabled)
        {
            instrument.Record(value, Tags);
        }
    }

    /// <inheritdoc />
    public DurationTimer NewTimer() => new(this);

    /// <summary>Creates a series for <paramref name="family"/>, its counts inline when they fit.</summary>
    internal static HistogramChild Create(Histogram family, string[] labelValues) =>
        family.CountLength switch
        {
            <= 4 => new InlineHistogramChild<HistogramCountSlots.Four>(family, labelValues),
            <= 8 => new InlineHistogramChild<HistogramCountSlots.Eight>(family, labelValues),
            <= 12 => new InlineHistogramChild<HistogramCountSlots.Twelve>(family, labelValues),
            <= HistogramCountSlots.MaxInline => new InlineHistogramChild<HistogramCountSlots.Sixteen>(family, labelValues),
            _ => new ArrayHistogramChild(family, labelValues),
        };

    /// <summary>Fills <paramref name="cumulative"/> (one entry per bucket plus +Inf) and returns the sum.</summary>
    internal double ReadCumulative(Span<long> cumulative)
    {
        var counts = CountSlots;
        long running = 0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            running += Volatile.Read(ref counts[i]);
            cumulative[i] = running;
        }

        return AtomicDouble.Read(ref _sumBits);
    }
}
