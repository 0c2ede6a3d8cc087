namespace Instrumentation.Collection;

/// <summary>
/// Implemented by visitors that account for what a collection leaves out: a source that cannot pass a series
/// on (it would make the exposition invalid) tells the visitor it collects into, when that visitor implements
/// this interface, instead of dropping the series silently.
/// </summary>
internal interface IDroppedSeriesReceiver
{
    /// <summary>Records that <paramref name="series"/> series of <paramref name="metric"/> were left out for <paramref name="reason"/>.</summary>
    /// <param name="metric">The family name the series would have had.</param>
    /// <param name="reason">Why they were left out.</param>
    /// <param name="series">How many series (at least 0: a family left out with no series still counts as seen).</param>
    /// <param name="detail">What a reader of the log needs to find the cause, such as the meter name; never a label value.</param>
    void SeriesDropped(string metric, DropReason reason, int series, string detail);
}
