using System.Buffers;
using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// Passes families on to another visitor, dropping any family whose name, or a series name it would
/// write (<c>_total</c>, <c>_bucket</c>, <c>_created</c>, ...), was already claimed by an earlier family
/// of the same scrape: when two sources export the same metric, the first one wins and nothing is
/// exposed twice.
/// </summary>
/// <remarks>
/// Claims are kept between scrapes and marked with the scrape number, so a steady set of families
/// costs no allocation per scrape; names not seen for a while are pruned. Not thread-safe.
/// </remarks>
internal sealed class FamilyDeduplicator : IMetricsVisitor
{
    private const int StackNameLimit = 256;
    private static readonly string[] CounterSuffixes = ["", "_total", "_created"];
    private static readonly string[] GaugeSuffixes = [""];
    private static readonly string[] HistogramSuffixes = ["", "_bucket", "_sum", "_count", "_created"];
    private static readonly string[] SummarySuffixes = ["", "_sum", "_count", "_created"];

    private readonly Dictionary<string, long> _claimedInScrape = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _claims;
    private IMetricsVisitor? _target;
    private long _scrape;
    private int _claimedThisScrape;
    private bool _skipping;

    public FamilyDeduplicator()
    {
        _claims = _claimedInScrape.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of families dropped in the current scrape.</summary>
    public int DroppedFamilies { get; private set; }

    /// <summary>Starts a scrape whose families go to <paramref name="target"/>.</summary>
    public void Begin(IMetricsVisitor target)
    {
        PruneStaleClaims();
        _target = target;
        _scrape++;
        _claimedThisScrape = 0;
        _skipping = false;
        DroppedFamilies = 0;
    }

    public void BeginFamily(MetricFamilyDescriptor family)
    {
        ArgumentNullException.ThrowIfNull(family);
        _skipping = !TryClaim(family);
        if (_skipping)
        {
            DroppedFamilies++;
            return;
        }

        Target.BeginFamily(family);
    }

    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar)
    {
        if (!_skipping)
        {
            Target.WriteCounter(labels, value, createdUnixSeconds, exemplar);
        }
    }

    public void WriteGauge(MetricLabels labels, double value)
    {
        if (!_skipping)
        {
            Target.WriteGauge(labels, value);
        }
    }

    public void WriteHistogram(MetricLabels labels, HistogramPoint point)
    {
        if (!_skipping)
        {
            Target.WriteHistogram(labels, point);
        }
    }

    public void WriteSummary(MetricLabels labels, SummaryPoint point)
    {
        if (!_skipping)
        {
            Target.WriteSummary(labels, point);
        }
    }

    public void EndFamily()
    {
        if (_skipping)
        {
            _skipping = false;
            return;
        }

        Target.EndFamily();
    }

    private IMetricsVisitor Target => _target ?? throw new InvalidOperationException("Begin(target) must be called before a scrape.");

    private static string[] SuffixesOf(MetricType type) => type switch
    {
        MetricType.Counter => CounterSuffixes,
        MetricType.Gauge => GaugeSuffixes,
        MetricType.Histogram => HistogramSuffixes,
        _ => SummarySuffixes,
    };

    private bool TryClaim(MetricFamilyDescriptor family)
    {
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
                if (_claims.TryGetValue(buffer[..(family.Name.Length + suffix.Length)], out var scrape) && scrape == _scrape)
                {
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
