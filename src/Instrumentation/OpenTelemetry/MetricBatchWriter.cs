using System.Diagnostics;
using System.Runtime.CompilerServices;
using Instrumentation.Collection;
using Instrumentation.Instruments;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OurExemplar = Instrumentation.Collection.Exemplar;
using PromMetricType = Instrumentation.Collection.MetricType;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Reads a batch of OpenTelemetry metrics into an <see cref="IMetricsVisitor"/>: one family per Prometheus
/// name, in name order, with every point of every stream that converts to that name inside it.
/// </summary>
/// <remarks>
/// Streams from different meters can convert to the same name. They share the family when they are of the
/// same kind (the first stream's help and unit are used), and then every series of the family carries
/// <c>otel_scope_name</c> with its meter's name, so series of different meters stay apart. With scope labels on,
/// every series carries all of its meter's <see cref="ScopeLabels"/>, shared family or not; with a
/// <see cref="TargetInfo"/>, the batch gets a <c>target_info</c> family too. A stream of another
/// kind is left out, and so is a series whose labels repeat one already written (tags or names that differ only
/// before conversion), because a Prometheus scrape cannot hold either; so is a stream of a kind we cannot show,
/// and an exponential histogram no native histogram can hold (a scale below -4). Each is reported to the visitor when it is an
/// <see cref="IDroppedSeriesReceiver"/>. Not thread-safe: it reuses its buffers, so one collection at a time.
/// </remarks>
internal sealed class MetricBatchWriter
{
    private static readonly object FactoryMetric = new();
    private static readonly object ForeignMetric = new();

    private readonly ConditionalWeakTable<Metric, ForeignMetricMapping?> _mappings = [];
    private readonly ConditionalWeakTable<Metric, object> _factoryMetrics = [];
    private readonly List<Entry> _entries = [];
    private readonly SeriesKeySet _seriesInFamily = new();
    private readonly SeriesLabelBuffer _labels = new();
    private readonly TagValueRewrites? _rewrites;
    private readonly List<TagValueRewrite> _matchingRewrites = [];
    private readonly bool _scopeLabels;
    private readonly MergedSeriesSet _merged = new();
    private double[] _bounds = new double[16];
    private long[] _cumulativeCounts = new long[17];
    private OurExemplar?[] _bucketExemplars = new OurExemplar?[17];
    private int[] _nativeIndexes = new int[64];
    private long[] _nativeCounts = new long[64];

    /// <param name="rewrites">Tag values to rewrite at collection time; series that coincide afterwards are added up.</param>
    /// <param name="scopeLabels">Whether every series carries its meter's <see cref="ScopeLabels"/>, as the OpenTelemetry Prometheus exporter writes.</param>
    public MetricBatchWriter(TagValueRewrites? rewrites = null, bool scopeLabels = false)
    {
        _rewrites = rewrites;
        _scopeLabels = scopeLabels;
    }

    /// <summary>Writes <paramref name="batch"/>, and <paramref name="targetInfo"/> (when given) at its place in name order.</summary>
    public void Write(in Batch<Metric> batch, IMetricsVisitor visitor, TargetInfo? targetInfo = null)
    {
        _entries.Clear();
        foreach (var metric in batch)
        {
            if (IsFromAFactory(metric))
            {
                continue;
            }

            var mapping = _mappings.GetValue(metric, ForeignMetricMapping.Create);
            if (mapping is not null)
            {
                _entries.Add(new Entry(mapping, metric, _entries.Count));
            }
            else
            {
                ReportUnsupported(metric, visitor);
            }
        }

        _entries.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Mapping.Descriptor.Name, b.Mapping.Descriptor.Name);
            return byName != 0 ? byName : a.Order.CompareTo(b.Order);
        });

        var start = 0;
        var targetInfoPending = targetInfo is not null;
        while (start < _entries.Count)
        {
            var name = _entries[start].Mapping.Descriptor.Name;
            var end = start + 1;
            while (end < _entries.Count && _entries[end].Mapping.Descriptor.Name == name)
            {
                end++;
            }

            var order = targetInfoPending ? string.CompareOrdinal(name, TargetInfo.FamilyName) : -1;
            if (order >= 0)
            {
                targetInfo!.Write(visitor);
                targetInfoPending = false;
            }

            if (order == 0)
            {
                ReportShadowedByTargetInfo(start, end, visitor);
            }
            else
            {
                WriteFamily(start, end, visitor);
            }

            start = end;
        }

        if (targetInfoPending)
        {
            targetInfo!.Write(visitor);
        }

        _entries.Clear();
    }

    /// <summary>
    /// Whether the metric is an instrument of a <see cref="MetricFactory"/>, which exposes it itself: an application's
    /// provider this writer reads may listen to our meter for its own exporters (cached per metric, so a steady
    /// collection allocates nothing here).
    /// </summary>
    private bool IsFromAFactory(Metric metric) =>
        ReferenceEquals(_factoryMetrics.GetValue(metric, static m => MetricFactory.HasOwnerTag(m.MeterTags) ? FactoryMetric : ForeignMetric), FactoryMetric);

    private static double ToUnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static OurExemplar? ToExemplar(in global::OpenTelemetry.Metrics.Exemplar exemplar, bool isLong)
    {
        // Without a trace to point at (a measurement outside any activity), an exemplar says nothing.
        if (exemplar.TraceId == default)
        {
            return null;
        }

        var value = isLong ? exemplar.LongValue : exemplar.DoubleValue;
        return new OurExemplar(exemplar.TraceId.ToHexString(), exemplar.SpanId.ToHexString(), value, ToUnixSeconds(exemplar.Timestamp));
    }

    private static int CountPoints(Metric metric)
    {
        var points = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points++;
        }

        return points;
    }

    private static void ReportUnsupported(Metric metric, IMetricsVisitor visitor)
    {
        if (visitor is IDroppedSeriesReceiver receiver)
        {
            receiver.SeriesDropped(
                metric.Name,
                DropReason.UnsupportedType,
                CountPoints(metric),
                $"instrument '{metric.Name}' of meter '{metric.MeterName}' is aggregated as {metric.MetricType}, which the text formats cannot show");
        }
    }

    // The resource's target_info is written in place of instruments that convert to that name.
    private void ReportShadowedByTargetInfo(int start, int end, IMetricsVisitor visitor)
    {
        if (visitor is not IDroppedSeriesReceiver receiver)
        {
            return;
        }

        for (var i = start; i < end; i++)
        {
            var metric = _entries[i].Metric;
            receiver.SeriesDropped(
                TargetInfo.FamilyName,
                DropReason.NameCollision,
                CountPoints(metric),
                $"instrument '{metric.Name}' of meter '{metric.MeterName}' converts to '{TargetInfo.FamilyName}', which holds the resource's attributes while Metrics:TargetInfo is on; rename the instrument");
        }
    }

    private void WriteFamily(int start, int end, IMetricsVisitor visitor)
    {
        var descriptor = _entries[start].Mapping.Descriptor;
        var scoped = SpansSeveralMeters(start, end, descriptor.Type);
        var receiver = visitor as IDroppedSeriesReceiver;
        var duplicates = 0;
        _seriesInFamily.Clear();

        visitor.BeginFamily(descriptor);
        for (var i = start; i < end; i++)
        {
            var entry = _entries[i];
            var scope = _scopeLabels ? entry.Mapping.Scope : scoped ? entry.Mapping.ScopeName : null;
            if (entry.Mapping.Type != descriptor.Type)
            {
                receiver?.SeriesDropped(
                    descriptor.Name,
                    DropReason.TypeConflict,
                    CountPoints(entry.Metric),
                    $"instrument '{entry.Metric.Name}' of meter '{entry.Metric.MeterName}' converts to a {entry.Mapping.Type.ToString().ToLowerInvariant()}, but the family is a {descriptor.Type.ToString().ToLowerInvariant()}");
                continue;
            }

            if (_rewrites is not null && _rewrites.CollectFor(entry.Metric.MeterName, _matchingRewrites))
            {
                duplicates += WriteMerged(entry.Mapping, entry.Metric, scope, visitor);
                continue;
            }

            foreach (ref readonly var point in entry.Metric.GetMetricPoints())
            {
                var labels = _labels.Build(point.Tags, scope: scope);
                if (!_seriesInFamily.Add(labels))
                {
                    duplicates++;
                    continue;
                }

                WritePoint(entry.Mapping, point, labels, visitor);
            }
        }

        visitor.EndFamily();
        if (duplicates > 0)
        {
            receiver?.SeriesDropped(
                descriptor.Name,
                DropReason.DuplicateLabels,
                duplicates,
                "series whose tags, or instrument names, differ only in characters Prometheus names cannot hold (such as 'a.b' and 'a_b') convert to the same labels; the first is kept");
        }
    }

    /// <summary>True when the streams of one kind in [start, end) come from more than one meter.</summary>
    private bool SpansSeveralMeters(int start, int end, PromMetricType type)
    {
        string? meter = null;
        for (var i = start; i < end; i++)
        {
            var entry = _entries[i];
            if (entry.Mapping.Type != type)
            {
                continue;
            }

            if (meter is null)
            {
                meter = entry.Metric.MeterName;
            }
            else if (!string.Equals(meter, entry.Metric.MeterName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void WritePoint(ForeignMetricMapping mapping, in MetricPoint point, MetricLabels labels, IMetricsVisitor visitor)
    {
        switch (mapping.Type)
        {
            case PromMetricType.Counter:
                {
                    var value = mapping.IsLong ? point.GetSumLong() : point.GetSumDouble();
                    visitor.WriteCounter(labels, value, ToUnixSeconds(point.StartTime), LatestExemplar(point, mapping.IsLong));
                    break;
                }

            case PromMetricType.Gauge:
                visitor.WriteGauge(labels, GaugeValue(mapping, point));
                break;

            case PromMetricType.Histogram when mapping.IsExponential:
                if (TryReadExponential(point, out var native, out var problem))
                {
                    visitor.WriteHistogram(labels, native);
                }
                else
                {
                    ReportUnreadable(mapping, visitor, problem);
                }

                break;

            case PromMetricType.Histogram:
                visitor.WriteHistogram(labels, ReadHistogram(point));
                break;

            default:
                throw new UnreachableException($"ForeignMetricMapping produced unsupported type {mapping.Type}.");
        }
    }

    private static void ReportUnreadable(ForeignMetricMapping mapping, IMetricsVisitor visitor, ExponentialProblem problem) =>
        (visitor as IDroppedSeriesReceiver)?.SeriesDropped(
            mapping.Descriptor.Name,
            problem.Reason,
            1,
            problem.Detail);

    private static double GaugeValue(ForeignMetricMapping mapping, in MetricPoint point) => (mapping.IsSum, mapping.IsLong) switch
    {
        (true, true) => point.GetSumLong(),
        (true, false) => point.GetSumDouble(),
        (false, true) => point.GetGaugeLastValueLong(),
        (false, false) => point.GetGaugeLastValueDouble(),
    };

    // Points of a stream with rewritten tag values: added up by their labels afterwards, then written once each.
    // Returns how many merged series repeated labels already written in the family (left out).
    private int WriteMerged(ForeignMetricMapping mapping, Metric metric, ScopeLabels? scope, IMetricsVisitor visitor)
    {
        var duplicates = 0;
        _merged.Clear();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = _labels.Build(point.Tags, _matchingRewrites, scope);
            var series = _merged.GetOrAdd(_labels.SeriesKey(), labels);
            switch (mapping.Type)
            {
                case PromMetricType.Counter:
                    series.AddCounter(mapping.IsLong ? point.GetSumLong() : point.GetSumDouble(), ToUnixSeconds(point.StartTime), LatestExemplar(point, mapping.IsLong));
                    break;
                case PromMetricType.Gauge:
                    series.AddGauge(GaugeValue(mapping, point));
                    break;
                case PromMetricType.Histogram when mapping.IsExponential:
                    if (TryReadExponential(point, out var native, out var problem))
                    {
                        series.AddHistogram(native);
                    }
                    else
                    {
                        ReportUnreadable(mapping, visitor, problem);
                    }

                    break;
                case PromMetricType.Histogram:
                    series.AddHistogram(ReadHistogram(point));
                    break;
                default:
                    throw new UnreachableException($"ForeignMetricMapping produced unsupported type {mapping.Type}.");
            }
        }

        foreach (var series in _merged.Series)
        {
            if (!_seriesInFamily.Add(series.Key))
            {
                duplicates++;
                continue;
            }

            switch (mapping.Type)
            {
                case PromMetricType.Counter:
                    visitor.WriteCounter(series.Labels, series.Value, series.CreatedUnixSeconds, series.Exemplar);
                    break;
                case PromMetricType.Gauge:
                    visitor.WriteGauge(series.Labels, series.Value);
                    break;
                default:
                    visitor.WriteHistogram(series.Labels, series.ToHistogramPoint());
                    break;
            }
        }

        _merged.Clear();
        return duplicates;
    }

    /// <summary>The point as our histogram model, in this writer's buffers: valid until the next call.</summary>
    private HistogramPoint ReadHistogram(in MetricPoint point)
    {
        // The SDK gives per-bucket counts, ending with the +Inf bucket; Prometheus wants running totals.
        var finite = 0;
        long cumulative = 0;
        foreach (var bucket in point.GetHistogramBuckets())
        {
            cumulative += bucket.BucketCount;
            if (double.IsPositiveInfinity(bucket.ExplicitBound))
            {
                continue;
            }

            EnsureBucketCapacity(finite + 1);
            _bounds[finite] = bucket.ExplicitBound;
            _cumulativeCounts[finite] = cumulative;
            finite++;
        }

        // A histogram configured without buckets enumerates none: all it has is the count.
        _cumulativeCounts[finite] = finite == 0 && cumulative == 0 ? point.GetHistogramCount() : cumulative;

        var exemplars = BucketExemplars(point, finite);
        return new HistogramPoint(
            _bounds.AsSpan(0, finite),
            _cumulativeCounts.AsSpan(0, finite + 1),
            point.GetHistogramSum(),
            ToUnixSeconds(point.StartTime),
            exemplars);
    }

    /// <summary>
    /// The point of a base-2 exponential histogram as a native histogram, in this writer's buffers: OpenTelemetry's
    /// bucket <c>offset + k</c> holds <c>(base^(offset+k), base^(offset+k+1)]</c>, which is Prometheus' bucket
    /// <c>offset + k + 1</c>. A scale above 8 (OpenTelemetry allows 20) is brought down to schema 8, merging buckets;
    /// one below -4 cannot be shown, nor a point whose buckets do not add up to its count.
    /// </summary>
    private bool TryReadExponential(in MetricPoint point, out HistogramPoint histogram, out ExponentialProblem problem)
    {
        histogram = default;
        var data = point.GetExponentialHistogramData();
        if (data.Scale < NativeHistogramBuckets.MinSchema)
        {
            problem = new(DropReason.UnsupportedType, $"exponential histogram scale {data.Scale} is coarser than a native histogram can be (schema -4 at least); configure the view with a higher MaxScale or more MaxSize");
            return false;
        }

        var steps = Math.Max(0, data.Scale - NativeHistogramBuckets.MaxSchema);
        // The SDK's public API has positive buckets only (it keeps negative ones to itself): a point with negative
        // observations fails the count check below rather than being shown without them.
        var positive = AppendBuckets(data.PositiveBuckets, steps, 0);
        var total = data.ZeroCount;
        foreach (var count in _nativeCounts.AsSpan(0, positive))
        {
            total += count;
        }

        var pointCount = point.GetHistogramCount();
        if (total != pointCount)
        {
            problem = new(DropReason.InvalidValue, $"exponential histogram buckets hold {total} observations but its count is {pointCount}");
            return false;
        }

        EnsureBucketCapacity(1);
        _cumulativeCounts[0] = pointCount;
        histogram = new HistogramPoint(
            [],
            _cumulativeCounts.AsSpan(0, 1),
            point.GetHistogramSum(),
            ToUnixSeconds(point.StartTime),
            BucketExemplars(point, 0),
            new NativeHistogramBuckets(
                data.Scale - steps,
                0,
                data.ZeroCount,
                _nativeIndexes.AsSpan(0, positive),
                _nativeCounts.AsSpan(0, positive),
                [],
                []));
        problem = default;
        return true;
    }

    /// <summary>Appends the non-empty buckets from position <paramref name="start"/>, <paramref name="steps"/> schemas coarser; returns how many.</summary>
    private int AppendBuckets(ExponentialHistogramBuckets buckets, int steps, int start)
    {
        var written = start;
        var otelIndex = buckets.Offset;
        foreach (var count in buckets)
        {
            if (count != 0)
            {
                var index = NativeBucketIndex.Reduce(otelIndex + 1, steps);
                if (written > start && _nativeIndexes[written - 1] == index)
                {
                    _nativeCounts[written - 1] += count;
                }
                else
                {
                    if (written == _nativeIndexes.Length)
                    {
                        Array.Resize(ref _nativeIndexes, written * 2);
                        Array.Resize(ref _nativeCounts, written * 2);
                    }

                    _nativeIndexes[written] = index;
                    _nativeCounts[written] = count;
                    written++;
                }
            }

            otelIndex++;
        }

        return written - start;
    }

    private ReadOnlySpan<OurExemplar?> BucketExemplars(in MetricPoint point, int finiteBuckets)
    {
        if (!point.TryGetExemplars(out var collected))
        {
            return [];
        }

        var slots = _bucketExemplars.AsSpan(0, finiteBuckets + 1);
        slots.Clear();
        var any = false;
        foreach (ref readonly var candidate in collected)
        {
            // Histogram measurements reach the reservoir as doubles, whatever the instrument's type.
            if (ToExemplar(candidate, isLong: false) is not { } exemplar)
            {
                continue;
            }

            var bucket = BucketOf(exemplar.Value, finiteBuckets);
            if (slots[bucket] is null || slots[bucket]!.TimestampUnixSeconds <= exemplar.TimestampUnixSeconds)
            {
                slots[bucket] = exemplar;
                any = true;
            }
        }

        return any ? slots : [];
    }

    // Buckets are (previous bound, bound], as in Prometheus' le.
    private int BucketOf(double value, int finiteBuckets)
    {
        for (var i = 0; i < finiteBuckets; i++)
        {
            if (value <= _bounds[i])
            {
                return i;
            }
        }

        return finiteBuckets;
    }

    private static OurExemplar? LatestExemplar(in MetricPoint point, bool isLong)
    {
        if (!point.TryGetExemplars(out var collected))
        {
            return null;
        }

        OurExemplar? latest = null;
        foreach (ref readonly var candidate in collected)
        {
            if (ToExemplar(candidate, isLong) is { } exemplar
                && (latest is null || exemplar.TimestampUnixSeconds >= latest.TimestampUnixSeconds))
            {
                latest = exemplar;
            }
        }

        return latest;
    }

    private void EnsureBucketCapacity(int finiteBuckets)
    {
        if (finiteBuckets < _bounds.Length)
        {
            return;
        }

        var size = Math.Max(finiteBuckets, _bounds.Length * 2);
        Array.Resize(ref _bounds, size);
        Array.Resize(ref _cumulativeCounts, size + 1);
        Array.Resize(ref _bucketExemplars, size + 1);
    }

    private readonly record struct Entry(ForeignMetricMapping Mapping, Metric Metric, int Order);

    /// <summary>Why an exponential histogram point cannot be shown, for the drop counter and its log line.</summary>
    private readonly record struct ExponentialProblem(DropReason Reason, string Detail);
}
