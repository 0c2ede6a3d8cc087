using Instrumentation.Collection;

namespace Instrumentation.Exposition;

/// <summary>
/// Passes one collection on to another visitor unchanged and tells its sources the collection's deadline
/// (<see cref="ICollectionDeadline"/>): what <see cref="MetricsScraper"/> hands its sources when the scrape has a
/// timeout. Reused from scrape to scrape; not thread-safe (the scraper collects one scrape at a time).
/// </summary>
internal sealed class DeadlineVisitor : IMetricsVisitor, ICollectionDeadline
{
    private IMetricsVisitor? _target;

    /// <inheritdoc />
    public long DeadlineTimestamp { get; private set; } = ICollectionDeadline.None;

    /// <summary>Starts a collection whose families go to <paramref name="target"/> and that ends by <paramref name="deadlineTimestamp"/>.</summary>
    public void Begin(IMetricsVisitor target, long deadlineTimestamp)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        DeadlineTimestamp = deadlineTimestamp;
    }

    /// <inheritdoc />
    public void BeginFamily(MetricFamilyDescriptor family) => Target.BeginFamily(family);

    /// <inheritdoc />
    public void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar) =>
        Target.WriteCounter(labels, value, createdUnixSeconds, exemplar);

    /// <inheritdoc />
    public void WriteGauge(MetricLabels labels, double value) => Target.WriteGauge(labels, value);

    /// <inheritdoc />
    public void WriteHistogram(MetricLabels labels, HistogramPoint point) => Target.WriteHistogram(labels, point);

    /// <inheritdoc />
    public void WriteSummary(MetricLabels labels, SummaryPoint point) => Target.WriteSummary(labels, point);

    /// <inheritdoc />
    public void EndFamily() => Target.EndFamily();

    private IMetricsVisitor Target => _target ?? throw new InvalidOperationException("Begin(target, deadline) must be called before a collection.");
}
