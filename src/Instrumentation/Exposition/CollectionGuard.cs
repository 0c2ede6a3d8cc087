using System.Buffers;
using Instrumentation.Collection;
using Instrumentation.Registry;

namespace Instrumentation.Exposition;

/// <summary>
/// Stands between the sources of one collection and the visitor that writes it, and passes on only what
/// every exposition format can carry: a family whose name, or a series name it would write (<c>_total</c>,
/// <c>_bucket</c>, <c>_created</c>, ...), was already claimed by an earlier family of the collection is left
/// out (the first source wins), and so is a series with an invalid label set or a value its type forbids.
/// </summary>
/// <remarks>
/// <para>
/// Nothing is left out silently: each drop, and each drop a source reports through
/// <see cref="IDroppedSeriesReceiver"/>, is counted in the reporting factory's
/// <c>metrics_series_dropped_total{metric,reason}</c> and logged once per metric and reason (see
/// docs/limits.md). Without a reporting factory the drops are still made, but not counted.
/// </para>
/// <para>
/// It is also what sources see as the collection's <see cref="ICollectionDeadline"/>: a scrape with a timeout
/// passes its deadline through it to the gauge callbacks.
/// </para>
/// <para>
/// Claims are kept between collections and marked with the collection number, so a steady set of families
/// costs no allocation per collection; names not seen for a while are pruned. Not thread-safe.
/// </para>
/// </remarks>
internal sealed class CollectionGuard : IMetricsVisitor, IDroppedSeriesReceiver, ICollectionDeadline
{
    private const int StackNameLimit = 256;
    private static readonly string[] CounterSuffixes = ["", "_total", "_created"];
    private static readonly string[] GaugeSuffixes = [""];
    private static readonly string[] HistogramSuffixes = ["", "_bucket", "_sum", "_count", "_created"];
    private static readonly string[] SummarySuffixes = ["", "_sum", "_count", "_created"];

    private readonly Dictionary<string, long> _claimedInScrape = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _claims;
    private IMetricsVisitor? _target;
    private SelfMetrics? _reporter;
    private MetricFamilyDescriptor? _family;
    private long _scrape;
    private int _claimedThisScrape;

    // The family being left out whole (and why), and the series of a passed family left out one by one.
    private DropReason? _familyDrop;
    private string _familyDropDetail = string.Empty;
    private int _familySeries;
    private int _invalidValues;
    private int _invalidLabels;

    public CollectionGuard()
    {
        _claims = _claimedInScrape.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <inheritdoc />
    public long DeadlineTimestamp { get; private set; } = ICollectionDeadline.None;

    /// <summary>
    /// Starts a collection whose families go to <paramref name="target"/>; drops are counted and logged through
    /// <paramref name="reporter"/>, and sources that wait (gauge callbacks) wait no later than <paramref name="deadlineTimestamp"/>.
    /// </summary>
    public void Begin(IMetricsVisitor target, SelfMetrics? reporter, long deadlineTimestamp = ICollectionDeadline.None)
    {
        DeadlineTimestamp = deadlineTimestamp;
        PruneStaleClaims();
        _target = target;
        _reporter = reporter;
        _family = null;
        _scrape++;
        _claimedThisScrape = 0;
    }

    public void BeginFamily(MetricFamilyDescriptor family)
    {
        ArgumentNullException.ThrowIfNull(family);
        _family = family;
        _familySeries = 0;
        _invalidValues = 0;
        _invalidLabels = 0;
        _familyDrop = null;
        if (!SeriesRules.IsValidFamilyName(family.Name, family.Type))
        {
            _familyDrop = DropReason.InvalidName;
            _familyDropDetail = "a metric name must match [a-zA-Z_:][a-zA-Z0-9_:]*, and neither it nor its series names may start with '__'";
            return;
        }

        if (TryClaim(family, out var takenName) is false)
        {
            _familyDrop = DropReason.NameCollision;
            _familyDropDetail = $"an earlier family of the collection already writes '{takenName}'; the first source wins";
            return;
        }

        Target.BeginFamily(family);
    }

    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        if (Admit(labels) && Check(SeriesRules.IsValidCounterValue(value)))
        {
            Target.WriteCounter(labels, value, createdUnixSeconds, exemplar);
        }
    }

    public void WriteGauge(MetricLabels labels, double value)
    {
        if (Admit(labels))
        {
            Target.WriteGauge(labels, value);
        }
    }

    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        if (Admit(labels) && Check(SeriesRules.IsValidHistogram(point)))
        {
            Target.WriteHistogram(labels, point);
        }
    }

    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        if (Admit(labels) && Check(SeriesRules.IsValidSummary(point)))
        {
            Target.WriteSummary(labels, point);
        }
    }

    public void EndFamily()
    {
        var family = _family ?? throw new InvalidOperationException("EndFamily() was called without a matching BeginFamily().");
        _family = null;
        if (_familyDrop is { } reason)
        {
            SeriesDropped(family.Name, reason, _familySeries, _familyDropDetail);
            return;
        }

        Target.EndFamily();
        if (_invalidValues > 0)
        {
            SeriesDropped(family.Name, DropReason.InvalidValue, _invalidValues, InvalidValueDetail(family.Type));
        }

        if (_invalidLabels > 0)
        {
            SeriesDropped(family.Name, DropReason.InvalidLabels, _invalidLabels, "a label name is invalid, starts with '__', repeats, or is reserved by the type (le, quantile)");
        }
    }

    /// <inheritdoc />
    public void SeriesDropped(string metric, DropReason reason, int series, string detail) =>
        _reporter?.ReportDroppedSeries(metric, reason, series, detail);

    private IMetricsVisitor Target => _target ?? throw new InvalidOperationException("Begin(target) must be called before a collection.");

    private static string InvalidValueDetail(MetricType type) => type switch
    {
        MetricType.Counter => "a counter value was negative or NaN",
        MetricType.Histogram => "bucket bounds were not ascending, counts were missing or not cumulative, or native buckets lay more than 2^31 indexes apart",
        _ => "quantiles were not ascending within [0, 1] or the count was negative",
    };

    private static string[] SuffixesOf(MetricType type) => type switch
    {
        MetricType.Counter => CounterSuffixes,
        MetricType.Gauge => GaugeSuffixes,
        MetricType.Histogram => HistogramSuffixes,
        _ => SummarySuffixes,
    };

    /// <summary>True when the series may pass on as far as its family and labels go; counts what does not.</summary>
    private bool Admit(MetricLabels labels)
    {
        var family = _family ?? throw new InvalidOperationException("A series was written outside BeginFamily()/EndFamily().");
        _familySeries++;
        if (_familyDrop is not null)
        {
            return false;
        }

        if (!SeriesRules.IsValidLabelSet(labels, family.Type))
        {
            _invalidLabels++;
            return false;
        }

        return true;
    }

    private bool Check(bool valid)
    {
        if (!valid)
        {
            _invalidValues++;
        }

        return valid;
    }

    private bool TryClaim(MetricFamilyDescriptor family, out string takenName)
    {
        takenName = string.Empty;
        var suffixes = SuffixesOf(family.Type);
        var length = family.Name.Length + "_created".Length;
        char[]? rented = null;
        var buffer = length <= StackNameLimit ? stackalloc char[StackNameLimit] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            family.Name.CopyTo(buffer);
            foreach (var suffix in suffixes)
            {
                suffix.CopyTo(buffer[family.Name.Length..]);
                if (_claims.TryGetValue(buffer[..(family.Name.Length + suffix.Length)], out var claimed, out var scrape) && scrape == _scrape)
                {
                    takenName = claimed;
                    return false;
                }
            }

            foreach (var suffix in suffixes)
            {
                suffix.CopyTo(buffer[family.Name.Length..]);
                _claims[buffer[..(family.Name.Length + suffix.Length)]] = _scrape;
                _claimedThisScrape++;
            }

            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private void PruneStaleClaims()
    {
        if (_claimedInScrape.Count <= (2 * _claimedThisScrape) + 1024)
        {
            return;
        }

        foreach (var (name, scrape) in _claimedInScrape)
        {
            if (scrape != _scrape)
            {
                _claimedInScrape.Remove(name);
            }
        }
    }
}
