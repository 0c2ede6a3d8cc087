using System.Buffers;
using System.Runtime.CompilerServices;
using Instrumentation.Collection;

namespace Instrumentation.Instruments;

/// <summary>
/// One series of a <see cref="NativeHistogram"/>: exponential buckets whose resolution it lowers by itself when
/// they grow too many, a zero bucket, a sum, and the classic buckets when the family keeps some alongside.
/// Thread-safe; <see cref="Observe"/> is lock free and allocation free once the buckets cover the values seen.
/// </summary>
/// <remarks>
/// An observation outside the buckets allocated so far (the first one, a new lowest or highest value) takes the
/// series' gate to widen them, or to halve their resolution past <see cref="NativeHistogramOptions.MaxBucketCount"/>;
/// so does a collection, while it copies the counts. Observations inside the buckets never wait: see
/// <see cref="NativeBucketCounts"/> for how a widening loses no racing observation and counts none twice.
/// </remarks>
public sealed class NativeHistogramChild : Series, IValueRecorder
{
    private const int StackLimit = 64;

    private readonly long[]? _classicCounts;
    private NativeBucketCounts _buckets;
    private long _zeroCount;
    private long _sumBits;
    private int _gate;

    internal NativeHistogramChild(NativeHistogram family, string[] labelValues)
        : base(family, labelValues)
    {
        _buckets = NativeBucketCounts.Empty(family.Options.Schema);
        if (family.ClassicBounds.Length > 0)
        {
            _classicCounts = new long[family.ClassicBounds.Length + 1];
        }
    }

    /// <summary>The current resolution of this series: the family's schema, or lower once it had to halve it.</summary>
    public int Schema => Volatile.Read(ref _buckets).Schema;

    /// <summary>Records one observation: negative values in the negative buckets, values within the zero threshold in the zero bucket.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or an infinity (nothing is recorded).</exception>
    public void Observe(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite("Histogram", value);
        }

        var family = Unsafe.As<NativeHistogram>(Family);

        // Only the common case in line, a positive value in a series without classic buckets: with the rest out of
        // line the JIT inlines all of this path, even where it inlines Observe into its caller.
        var classicBucket = 0;
        if (_classicCounts is null && value > family.ZeroThreshold)
        {
            // Sum first, then the bucket. Collection reads in the opposite order, so the sum it reads holds every
            // observation the buckets it read held.
            AtomicDouble.Add(ref _sumBits, value);
            var buckets = Volatile.Read(ref _buckets);
            var slot = NativeBucketIndex.Of(value, buckets.Schema) - buckets.PositiveOffset;
            var counts = buckets.Positive;

            // A count of buckets that a widening froze meanwhile reads back below zero: observe again into the new ones.
            if ((uint)slot >= (uint)counts.Length || Interlocked.Increment(ref counts[slot]) <= 0)
            {
                ObserveOutsideBuckets(value, family.Options.MaxBucketCount);
            }
        }
        else
        {
            classicBucket = CountBeyondTheCommonCase(value);
        }

        Touch();

        if (family.SampleExemplars && ActivityGate.Current is { Recorded: true } activity)
        {
            SampleBucketExemplar(activity, classicBucket, family.ClassicBounds.Length + 1, value);
        }

        var instrument = family.Instrument;
        if (instrument.Enabled)
        {
            instrument.Record(value, Tags);
        }
    }

    /// <inheritdoc />
    public DurationTimer NewTimer() => new(this);

    /// <summary>Reads this series into one <see cref="HistogramPoint"/> for <paramref name="visitor"/>.</summary>
    internal void Collect(IMetricsVisitor visitor, MetricLabels labels)
    {
        var family = Unsafe.As<NativeHistogram>(Family);
        int[]? rentedIndexes = null;
        long[]? rentedCounts = null;
        try
        {
            EnterGate();
            int positiveCount;
            int negativeCount;
            long zeroCount;
            int schema;
            Span<int> indexes;
            Span<long> counts;
            try
            {
                var buckets = _buckets;
                schema = buckets.Schema;
                var capacity = buckets.Positive.Length + buckets.Negative.Length;
                rentedIndexes = ArrayPool<int>.Shared.Rent(capacity);
                rentedCounts = ArrayPool<long>.Shared.Rent(capacity);
                indexes = rentedIndexes.AsSpan(0, capacity);
                counts = rentedCounts.AsSpan(0, capacity);
                positiveCount = NativeBucketCounts.ReadSide(buckets.Positive, buckets.PositiveOffset, indexes, counts);
                negativeCount = NativeBucketCounts.ReadSide(buckets.Negative, buckets.NegativeOffset, indexes[positiveCount..], counts[positiveCount..]);
                zeroCount = Volatile.Read(ref _zeroCount);
            }
            finally
            {
                ExitGate();
            }

            var total = zeroCount;
            foreach (var count in counts[..(positiveCount + negativeCount)])
            {
                total += count;
            }

            var bounds = family.ClassicBounds;
            var length = bounds.Length + 1;
            long[]? rentedCumulative = null;
            var cumulative = length <= StackLimit ? stackalloc long[length] : (rentedCumulative = ArrayPool<long>.Shared.Rent(length)).AsSpan(0, length);
            ReadClassic(cumulative, total);
            var sum = AtomicDouble.Read(ref _sumBits);
            var native = new NativeHistogramBuckets(
                schema,
                family.Options.ZeroThreshold,
                zeroCount,
                indexes[..positiveCount],
                counts[..positiveCount],
                indexes.Slice(positiveCount, negativeCount),
                counts.Slice(positiveCount, negativeCount));
            visitor.WriteHistogram(labels, new HistogramPoint(bounds, cumulative, sum, CreatedUnixSeconds, BucketExemplars, native));
            if (rentedCumulative is not null)
            {
                ArrayPool<long>.Shared.Return(rentedCumulative);
            }
        }
        finally
        {
            if (rentedIndexes is not null)
            {
                ArrayPool<int>.Shared.Return(rentedIndexes);
            }

            if (rentedCounts is not null)
            {
                ArrayPool<long>.Shared.Return(rentedCounts);
            }
        }
    }

    /// <summary>
    /// Fills the classic cumulative counts, capped at <paramref name="nativeTotal"/>: they are read after the native
    /// buckets, so they may hold a few observations in flight that the native buckets do not yet; those show in the
    /// next collection, and every collection's views agree on the count.
    /// </summary>
    private void ReadClassic(Span<long> cumulative, long nativeTotal)
    {
        if (_classicCounts is not { } classic)
        {
            cumulative[0] = nativeTotal;
            return;
        }

        long running = 0;
        for (var i = 0; i < classic.Length - 1; i++)
        {
            running += Volatile.Read(ref classic[i]);
            cumulative[i] = Math.Min(running, nativeTotal);
        }

        cumulative[^1] = nativeTotal;
    }

    /// <summary>
    /// Counts (sum included) an observation in a series that keeps classic buckets, or one at or below the zero
    /// threshold; returns its classic bucket (0 without).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int CountBeyondTheCommonCase(double value)
    {
        var family = Unsafe.As<NativeHistogram>(Family);

        // Sum first; then the classic bucket, then the native one. Collection reads in the opposite order (native,
        // classic, sum), so each view it reads holds every observation the previous one held.
        AtomicDouble.Add(ref _sumBits, value);
        var classicBucket = 0;
        if (_classicCounts is { } classic)
        {
            classicBucket = BucketSearch.Find(family.ClassicSearchBounds, value);
            Interlocked.Increment(ref classic[classicBucket]);
        }

        if (Math.Abs(value) <= family.ZeroThreshold)
        {
            Interlocked.Increment(ref _zeroCount);
        }
        else if (!Volatile.Read(ref _buckets).TryIncrement(value))
        {
            ObserveOutsideBuckets(value, family.Options.MaxBucketCount);
        }

        return classicBucket;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ObserveOutsideBuckets(double value, int maxBucketCount)
    {
        EnterGate();
        try
        {
            // Another observation may have grown the buckets (or frozen the ones this one tried) meanwhile.
            var buckets = _buckets;
            while (!buckets.TryIncrement(value))
            {
                buckets = buckets.Grow(value, maxBucketCount);
                Volatile.Write(ref _buckets, buckets);
            }
        }
        finally
        {
            ExitGate();
        }
    }

    private void EnterGate()
    {
        if (Interlocked.CompareExchange(ref _gate, 1, 0) == 0)
        {
            return;
        }

        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce();
        }
        while (Interlocked.CompareExchange(ref _gate, 1, 0) != 0);
    }

    private void ExitGate() => Volatile.Write(ref _gate, 0);
}
