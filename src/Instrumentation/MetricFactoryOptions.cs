using Microsoft.Extensions.Logging;

namespace Instrumentation;

/// <summary>Settings of a <see cref="MetricFactory"/>.</summary>
public sealed class MetricFactoryOptions
{
    /// <summary>The default meter name under which instruments are published to <c>System.Diagnostics.Metrics</c>.</summary>
    public const string DefaultMeterName = "Instrumentation";

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that publishes this factory's
    /// instruments (what <c>dotnet-counters monitor --counters</c> selects). Default <c>Instrumentation</c>.
    /// </summary>
    public string MeterName { get; set; } = DefaultMeterName;

    /// <summary>
    /// Whether counters and histogram buckets keep an exemplar (trace and span id of the recorded
    /// <see cref="System.Diagnostics.Activity.Current"/>), shown in OpenMetrics output. Default true.
    /// </summary>
    public bool Exemplars { get; set; } = true;

    /// <summary>The clock for creation times, <c>SetToCurrentTimeUnix</c> and summary windows; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The cardinality limit of a metric created without its own: 2000 series, as in OpenTelemetry.</summary>
    public const int DefaultCardinalityLimit = 2000;

    /// <summary>
    /// The most label combinations one metric keeps as their own series, unless its
    /// <see cref="SeriesLimits"/> say otherwise; further combinations share one overflow series
    /// labelled <c>otel_metric_overflow="true"</c>. At least 1. Default 2000.
    /// </summary>
    public int CardinalityLimit { get; set; } = DefaultCardinalityLimit;

    /// <summary>
    /// When set, a labelled series not updated for this long is removed at the next collection, and a
    /// later <c>WithLabels</c> re-creates it from zero. Null (the default): series are kept for good.
    /// </summary>
    public TimeSpan? SeriesIdleTimeout { get; set; }

    /// <summary>
    /// The time budget of one gauge callback in one collection, unless set otherwise: 250 ms, so that one slow
    /// callback leaves room for the rest of a scrape within a short Prometheus <c>scrape_timeout</c>.
    /// </summary>
    public static readonly TimeSpan DefaultCallbackTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a collection waits for one gauge callback (<see cref="Instruments.IGauge.SetCallback"/>).
    /// A callback still running after this long leaves its series out of that collection and is counted in
    /// <c>metrics_callback_timeouts_total{metric}</c>; it is not started again until it returns. A scrape with a
    /// timeout of its own (<see cref="Exposition.MetricsScraper.WriteAsync(Stream, Exposition.ExpositionFormat, TimeSpan, CancellationToken)"/>,
    /// which the <c>/metrics</c> endpoint uses for Prometheus' <c>X-Prometheus-Scrape-Timeout-Seconds</c>) waits
    /// less when its deadline is nearer.
    /// Positive and at most <see cref="int.MaxValue"/> milliseconds. Default 250 ms.
    /// </summary>
    public TimeSpan CallbackTimeout { get; set; } = DefaultCallbackTimeout;

    /// <summary>Where the factory logs a reached cardinality limit and failing or hanging gauge callbacks; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
