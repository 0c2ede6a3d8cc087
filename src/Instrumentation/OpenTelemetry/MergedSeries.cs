using System.Diagnostics;
using Instrumentation.Collection;
using Instrumentation.Instruments;
using OurExemplar = Instrumentation.Collection.Exemplar;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// The sum of the points of one stream that share their labels after a <see cref="TagValueRewrite"/>: counter
/// and gauge values added, histogram buckets, counts and sums added, the earliest start time and the latest
/// exemplar (per bucket for histograms) kept.
/// </summary>
internal sealed class MergedSeries
{
    private readonly string[] _names;
    private readonly string[] _values;
    private double[] _bounds = [];
    private long[] _cumulativeCounts = [];
    private OurExemplar?[] _bucketExemplars = [];
    private bool _hasBucketExemplars;
    private NativeSum? _native;

    public MergedSeries(string key, MetricLabels labels)
    {
        Key = key;
        _names = labels.Names.ToArray();
        _values = labels.Values.ToArray();
    }

    /// <summary>The labels as a string, to spot a series repeated by another stream of the family.</summary>
    public string Key { get; }

    public MetricLabels Labels => new(_names, _values);

    /// <summary>The added counter or gauge values.</summary>
    public double Value { get; private set; }

    /// <summary>The earliest start of the merged points, in Unix seconds.</summary>
    public double CreatedUnixSeconds { get; private set; } = double.PositiveInfinity;

    /// <summary>The latest exemplar of the merged counter points.</summary>
    public OurExemplar? Exemplar { get; private set; }

    public void AddCounter(double value, double createdUnixSeconds, OurExemplar? exemplar)
    {
        Value += value;
        CreatedUnixSeconds = Math.Min(CreatedUnixSeconds, createdUnixSeconds);
        if (exemplar is not null && (Exemplar is null || exemplar.TimestampUnixSeconds >= Exemplar.TimestampUnixSeconds))
        {
            Exemplar = exemplar;
        }
    }

    public void AddGauge(double value) => Value += value;

    /// <summary>Adds a histogram point; every point of one stream has the same bounds, fixed when the stream was created.</summary>
    public void AddHistogram(in HistogramPoint point)
    {
        if (_cumulativeCounts.Length == 0)
        {
            _bounds = point.UpperBounds.ToArray();
            _cumulativeCounts = new long[point.CumulativeCounts.Length];
            _bucketExemplars = new OurExemplar?[point.CumulativeCounts.Length];
        }

        Debug.Assert(point.UpperBounds.SequenceEqual(_bounds), "The points of one stream share their bounds.");
        for (var i = 0; i < _cumulativeCounts.Length; i++)
        {
            _cumulativeCounts[i] += point.CumulativeCounts[i];
        }

        if (point.Native.IsPresent)
        {
            (_native ??= new NativeSum(point.Native.Schema)).Add(point.Native);
        }

        Value += point.Sum;
        CreatedUnixSeconds = Math.Min(CreatedUnixSeconds, point.CreatedUnixSeconds);
        for (var i = 0; i < point.Exemplars.Length; i++)
        {
            if (point.Exemplars[i] is { } exemplar
                && (_bucketExemplars[i] is null || exemplar.TimestampUnixSeconds >= _bucketExemplars[i]!.TimestampUnixSeconds))
            {
                _bucketExemplars[i] = exemplar;
                _hasBucketExemplars = true;
            }
        }
    }

    /// <summary>The added histogram: <see cref="Value"/> is its sum.</summary>
    public HistogramPoint ToHistogramPoint() =>
        _native is null
            ? new(_bounds, _cumulativeCounts, Value, CreatedUnixSeconds, _hasBucketExemplars ? _bucketExemplars : [])
            : new(_bounds, _cumulativeCounts, Value, CreatedUnixSeconds, _hasBucketExemplars ? _bucketExemplars : [], _native.ToBuckets());

    /// <summary>
    /// Native buckets added up: at the coarsest schema among the points (a finer point's buckets are merged in
    /// pairs, which is exact: each bucket lies inside one bucket a schema coarser).
    /// </summary>
    private sealed class NativeSum(int schema)
    {
        private readonly SortedDictionary<int, long> _positive = [];
        private readonly SortedDictionary<int, long> _negative = [];
        private int _schema = schema;
        private long _zeroCount;
        private double _zeroThreshold;
        private int[] _indexes = [];
        private long[] _counts = [];

        public void Add(NativeHistogramBuckets native)
        {
            if (native.Schema < _schema)
            {
                Coarsen(_positive, _schema - native.Schema);
                Coarsen(_negative, _schema - native.Schema);
                _schema = native.Schema;
            }

            var steps = native.Schema - _schema;
            AddSide(_positive, native.PositiveIndexes, native.PositiveCounts, steps);
            AddSide(_negative, native.NegativeIndexes, native.NegativeCounts, steps);
            _zeroCount += native.ZeroCount;
            _zeroThreshold = Math.Max(_zeroThreshold, native.ZeroThreshold);
        }

        public NativeHistogramBuckets ToBuckets()
        {
            _indexes = [.. _positive.Keys, .. _negative.Keys];
            _counts = [.. _positive.Values, .. _negative.Values];
            var positive = _positive.Count;
            return new NativeHistogramBuckets(
                _schema,
                _zeroThreshold,
                _zeroCount,
                _indexes.AsSpan(0, positive),
                _counts.AsSpan(0, positive),
                _indexes.AsSpan(positive),
                _counts.AsSpan(positive));
        }

        private static void AddSide(SortedDictionary<int, long> sum, ReadOnlySpan<int> indexes, ReadOnlySpan<long> counts, int steps)
        {
            for (var i = 0; i < indexes.Length; i++)
            {
                var index = NativeBucketIndex.Reduce(indexes[i], steps);
                sum[index] = sum.GetValueOrDefault(index) + counts[i];
            }
        }

        private static void Coarsen(SortedDictionary<int, long> sum, int steps)
        {
            var fine = sum.ToArray();
            sum.Clear();
            foreach (var (index, count) in fine)
            {
                var coarse = NativeBucketIndex.Reduce(index, steps);
                sum[coarse] = sum.GetValueOrDefault(coarse) + count;
            }
        }
    }
}
