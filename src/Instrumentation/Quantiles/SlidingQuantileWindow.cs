using System.Diagnostics;

namespace Instrumentation.Quantiles;

/// <summary>
/// SlidingQuantileWindow estimates quantiles over the observations of the last <c>maxAge</c>, one per labelled
/// summary series. Time is cut into <c>ageBuckets</c> intervals of <c>maxAge / ageBuckets</c>, each with its own
/// <see cref="MergingDigest"/> in a ring; as in Prometheus client_golang, an observation counts for between
/// <c>maxAge · (ageBuckets − 1) / ageBuckets</c> and <c>maxAge</c>, and a window with nothing newer reports NaN.
/// </summary>
/// <remarks>
/// <see cref="Observe"/> is lock free and allocation free: it appends to an <see cref="ObservationBuffer"/>; the
/// caller that finds the buffer full, and <see cref="Query"/>, take the lock, sort the batch and merge it into the
/// digest of the interval in which the batch's first value arrived. A batch that started in an interval that has
/// already left the window is discarded whole, so on a series observed more slowly than one batch per interval
/// and not queried meanwhile, recent values may be lost with it; a regular scrape keeps batches short.
/// All methods are thread safe. Memory is allocated in the constructor only.
/// </remarks>
internal sealed class SlidingQuantileWindow
{
    /// <summary>
    /// The t-digest δ of each age bucket: about the largest for which a default window (three objectives, five
    /// age buckets) stays within 16 KB. In smooth tails the rank error falls as 1/δ², so the budget goes here.
    /// </summary>
    public const double Compression = 128;

    /// <summary>The default number of age buckets, as in Prometheus client_golang.</summary>
    public const int DefaultAgeBuckets = 5;

    /// <summary>The default window length, as in Prometheus client_golang.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly QuantileObjective[] _objectives;
    private readonly TimeProvider _timeProvider;
    private readonly ObservationBuffer _buffer;
    private readonly MergingDigest[] _buckets;
    private readonly long[] _bucketIntervals;
    private readonly MergingDigest[] _live;
    private readonly MergingDigest _scratch;
    private readonly long _origin;
    private readonly long _intervalTimestampTicks;

    /// <summary>
    /// Creates an empty window. <paramref name="objectives"/> must be sorted and valid and the window arguments
    /// in range; otherwise it throws <see cref="ArgumentException"/>. The summary validates them first with
    /// <see cref="QuantileObjectives"/>, whose messages name the metric.
    /// The window dates observations with <see cref="TimeProvider.GetTimestamp"/>.
    /// </summary>
    public SlidingQuantileWindow(ReadOnlySpan<QuantileObjective> objectives, TimeSpan maxAge, int ageBuckets, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ageBuckets, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ageBuckets, QuantileObjectives.MaxAgeBuckets);
        for (int i = 0; i < objectives.Length; i++)
        {
            if (!(objectives[i].Quantile >= 0 && objectives[i].Quantile <= 1) || (i > 0 && objectives[i].Quantile <= objectives[i - 1].Quantile))
            {
                throw new ArgumentException("Objectives must be validated and sorted by QuantileObjectives.Validate first.", nameof(objectives));
            }
        }

        _objectives = objectives.ToArray();
        _timeProvider = timeProvider;
        _buffer = new ObservationBuffer(timeProvider);
        _buckets = new MergingDigest[ageBuckets];
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new MergingDigest(Compression);
        }

        _bucketIntervals = new long[ageBuckets];
        _bucketIntervals.AsSpan().Fill(long.MinValue);
        _live = new MergingDigest[ageBuckets];
        _scratch = new MergingDigest(Compression);
        _origin = timeProvider.GetTimestamp();
        double ticks = maxAge.TotalSeconds * timeProvider.TimestampFrequency / ageBuckets;
        _intervalTimestampTicks = ticks >= long.MaxValue ? long.MaxValue : Math.Max(1, (long)ticks);
    }

    /// <summary>The total weight of the digests still in the window: flushed observations only (see <see cref="Query"/>).</summary>
    internal long Count
    {
        get
        {
            lock (_gate)
            {
                long current = CurrentInterval();
                double total = 0;
                for (int i = 0; i < _buckets.Length; i++)
                {
                    if (IsLive(_bucketIntervals[i], current))
                    {
                        total += _buckets[i].TotalWeight;
                    }
                }

                return (long)total;
            }
        }
    }

    /// <summary>The approximate heap size of the window and everything it owns, computed from array lengths.</summary>
    internal int EstimatedBytes
    {
        get
        {
            int bytes = MemoryEstimate.Object(fieldBytes: 80)
                + MemoryEstimate.Object(fieldBytes: 32) // the lock
                + MemoryEstimate.Array(_objectives)
                + MemoryEstimate.Array(_buckets)
                + MemoryEstimate.Array(_bucketIntervals)
                + MemoryEstimate.Array(_live)
                + _buffer.EstimatedBytes
                + _scratch.EstimatedBytes;
            foreach (var bucket in _buckets)
            {
                bytes += bucket.EstimatedBytes;
            }

            return bytes;
        }
    }

    /// <summary>
    /// Observe records <paramref name="value"/>, which must not be NaN (the summary rejects it). Thread safe;
    /// lock free and allocation free except once per <see cref="ObservationBuffer.Capacity"/> calls, when the
    /// caller that finds the buffer full merges it.
    /// </summary>
    public void Observe(double value)
    {
        Debug.Assert(!double.IsNaN(value), "The summary rejects NaN before it reaches the window.");
        while (!_buffer.TryAdd(value))
        {
            FlushFullBuffer();
        }
    }

    /// <summary>
    /// Query writes the estimate of each objective's quantile into <paramref name="results"/>, in objective
    /// order, or NaN for every objective when the window holds no observation. It first merges the pending
    /// batch and drops age buckets that left the window. Thread safe; allocation free. Throws
    /// <see cref="ArgumentException"/> when <paramref name="results"/> is shorter than the objectives.
    /// </summary>
    public void Query(Span<double> results)
    {
        if (results.Length < _objectives.Length)
        {
            throw new ArgumentException($"Needs room for {_objectives.Length} results.", nameof(results));
        }

        lock (_gate)
        {
            long current = FlushLocked();
            int live = 0;
            for (int i = 0; i < _buckets.Length; i++)
            {
                if (!IsLive(_bucketIntervals[i], current))
                {
                    _buckets[i].Clear();
                    _bucketIntervals[i] = long.MinValue;
                }
                else if (_buckets[i].TotalWeight > 0)
                {
                    _live[live++] = _buckets[i];
                }
            }

            MergingDigest digest;
            if (live == 1)
            {
                digest = _live[0];
            }
            else
            {
                _scratch.MergeFrom(_live.AsSpan(0, live));
                digest = _scratch;
            }

            for (int i = 0; i < _objectives.Length; i++)
            {
                results[i] = digest.Quantile(_objectives[i].Quantile);
            }
        }
    }

    private void FlushFullBuffer()
    {
        lock (_gate)
        {
            // Another caller may have merged the batch while this one waited for the lock.
            if (_buffer.IsFull)
            {
                FlushLocked();
            }
        }
    }

    // Merges the pending batch into the digest of its start interval and returns the current interval.
    private long FlushLocked()
    {
        var batch = _buffer.Close(out long startTimestamp);

        // Read after Close, which waited for the batch's first writer, so the batch cannot start in the future.
        long current = CurrentInterval();
        if (!batch.IsEmpty)
        {
            long interval = Math.Min(IntervalOf(startTimestamp), current);
            if (IsLive(interval, current))
            {
                int index = (int)(interval % _buckets.Length);
                if (_bucketIntervals[index] != interval)
                {
                    // The ring slot still holds an interval that has left the window.
                    _buckets[index].Clear();
                    _bucketIntervals[index] = interval;
                }

                batch.Sort();
                _buckets[index].AddSorted(batch, _scratch);
            }
        }

        _buffer.Reopen();
        return current;
    }

    private bool IsLive(long interval, long current) => interval > current - _buckets.Length;

    private long CurrentInterval() => IntervalOf(_timeProvider.GetTimestamp());

    private long IntervalOf(long timestamp) => Math.Max(0, timestamp - _origin) / _intervalTimestampTicks;
}
