namespace Instrumentation.Collectors;

/// <summary>
/// A periodic job that reads something (a queue length, a table size, a remote API) and sets gauges and
/// counters it created from the injected <see cref="MetricFactory"/>. Register it with
/// <c>AddCollector&lt;T&gt;(interval)</c>; the host runs it on that interval.
/// </summary>
/// <remarks>
/// A collector is a singleton and is never run twice at the same time: a tick that finds the previous
/// run still going is skipped. To report a failure with a message of your own, throw
/// <see cref="CollectorException"/>; any other exception is reported too. Either way the failure is
/// logged and counted in <c>collector_errors_total</c>, and the next tick runs as usual.
/// </remarks>
public interface IMetricsCollector
{
    /// <summary>Collects once, setting this collector's metrics.</summary>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    Task CollectAsync(CancellationToken cancellationToken);
}
