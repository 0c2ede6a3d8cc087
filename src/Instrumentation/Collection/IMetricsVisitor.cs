namespace Instrumentation.Collection;

/// <summary>
/// Receives one collection of metrics, family by family: the snapshot model every writer and pusher reads.
/// </summary>
/// <remarks>
/// Sources call <see cref="BeginFamily"/>, then one <c>Write*</c> per series of that family's type, then
/// <see cref="EndFamily"/>. Spans passed in are only valid during the call. A visitor is used by one
/// collection at a time.
/// </remarks>
public interface IMetricsVisitor
{
    /// <summary>Starts a family; every series until <see cref="EndFamily"/> belongs to it.</summary>
    void BeginFamily(MetricFamilyDescriptor family);

    /// <summary>One counter series.</summary>
    void WriteCounter(MetricLabels labels, double value, double createdUnixSeconds, Exemplar? exemplar);

    /// <summary>One gauge series.</summary>
    void WriteGauge(MetricLabels labels, double value);

    /// <summary>One histogram series.</summary>
    void WriteHistogram(MetricLabels labels, HistogramPoint point);

    /// <summary>One summary series.</summary>
    void WriteSummary(MetricLabels labels, SummaryPoint point);

    /// <summary>Ends the family started by the last <see cref="BeginFamily"/>.</summary>
    void EndFamily();
}
