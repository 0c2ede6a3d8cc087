using Instrumentation.Collection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Exposes meters we did not create (ASP.NET Core's, Kestrel's, <c>System.Runtime</c>, the application's
/// own <see cref="System.Diagnostics.Metrics.Meter"/>s) as a metrics source: the OpenTelemetry SDK
/// aggregates their measurements, and each <see cref="Collect"/> reads them into our snapshot model under
/// Prometheus names (see <see cref="PrometheusNaming"/>).
/// </summary>
/// <remarks>
/// <para>
/// It owns an OpenTelemetry <see cref="MeterProvider"/> that listens to the configured meters from
/// construction until <see cref="Dispose"/>. Instruments of a <see cref="MetricFactory"/> are dropped even
/// when their meter matches, because the factory exposes them itself. With
/// <see cref="ForeignMeterSourceOptions.MeterFactory"/> set, so are meters created through another host's
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (another web application's ASP.NET Core meters).
/// </para>
/// <para>
/// Monotonic sums become counters (with <c>_created</c> from the series' start time), up-down counters and
/// gauges become gauges, explicit-bucket histograms become histograms; values are cumulative since the
/// series started. Streams that convert to the same name share one family.
/// </para>
/// <para>
/// Thread-safe: concurrent <see cref="Collect"/> calls run one after the other, so each visitor receives
/// every family whole. Observable instruments' callbacks run on the collecting thread.
/// </para>
/// </remarks>
public sealed class ForeignMeterSource : IMetricsSource, IDisposable
{
    private readonly Lock _lock = new();
    private readonly TagValueRewrites _rewrites = new();
    private readonly VisitorExporter _exporter;
    private readonly MeterProvider _provider;
    private bool _disposed;

    /// <summary>Starts listening to the meters named in <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A meter name is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The cardinality limit is not positive.</exception>
    public ForeignMeterSource(ForeignMeterSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meters = options.Meters.ToArray();
        foreach (var meter in meters)
        {
            if (string.IsNullOrWhiteSpace(meter))
            {
                throw new ArgumentException(
                    "ForeignMeterSourceOptions.Meters contains a blank meter name; list meter names such as 'System.Runtime' or 'MyCompany.*'.",
                    nameof(options));
            }
        }

        var cardinalityLimit = options.CardinalityLimit;
        if (cardinalityLimit < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                cardinalityLimit,
                "ForeignMeterSourceOptions.CardinalityLimit must be at least 1 (the OpenTelemetry default is 2000).");
        }

        var hostMeters = options.MeterFactory;
        _exporter = new VisitorExporter(_rewrites, options.ScopeLabels, options.TargetInfo);
        var reader = new BaseExportingMetricReader(_exporter)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };

        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meters)
            .AddView(instrument => MetricFactory.IsOwnMeter(instrument.Meter) || HostMeters.BelongsToAnotherHost(instrument.Meter, hostMeters)
                ? MetricStreamConfiguration.Drop
                : new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
            .SetExemplarFilter(options.Exemplars ? ExemplarFilterType.TraceBased : ExemplarFilterType.AlwaysOff)
            .AddReader(reader)
            .Build();
    }

    /// <summary>Reads the current values of every aggregated instrument into <paramref name="visitor"/>, one family per metric name, in name order.</summary>
    /// <exception cref="ObjectDisposedException">The source was disposed.</exception>
    /// <exception cref="InvalidOperationException">The OpenTelemetry SDK could not complete the collection.</exception>
    /// <remarks>An exception thrown by <paramref name="visitor"/> propagates to the caller.</remarks>
    public void Collect(IMetricsVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _exporter.CollectInto(visitor);
        }
    }

    /// <summary>
    /// From the next collection on, shows the values of <paramref name="rule"/>'s tag rewritten, adding up the
    /// series that coincide afterwards; replaces an earlier rule for the same meter and tag.
    /// </summary>
    internal void RewriteTagValues(TagValueRewrite rule) => _rewrites.Set(rule);

    /// <summary>Stops listening and releases the OpenTelemetry provider; waits for a collection in progress.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _provider.Dispose();
        }
    }
}
