using Instrumentation.Collection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Exposes meters we did not create (ASP.NET Core's, Kestrel's, <c>System.Runtime</c>, the application's
/// own <see cref="System.Diagnostics.Metrics.Meter"/>s) as a metrics source: the OpenTelemetry SDK
/// aggregates their measurements, and each <see cref="Collect"/> reads them into our snapshot model under
/// Prometheus names (see <see cref="PrometheusNaming"/>).
/// </summary>
/// <remarks>
/// <para>
/// Created with its public constructor, it owns an OpenTelemetry <see cref="MeterProvider"/> that listens to
/// the configured meters from construction until <see cref="Dispose"/>. Instruments of a
/// <see cref="MetricFactory"/> are dropped even when their meter matches, because the factory exposes them
/// itself. With <see cref="ForeignMeterSourceOptions.MeterFactory"/> set, so are meters created through another
/// host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (another web application's ASP.NET Core meters).
/// </para>
/// <para>
/// <c>AddMetrics()</c> in an application that also calls <c>AddOpenTelemetry().WithMetrics(...)</c> creates it
/// as a reader on the application's provider instead (docs/opentelemetry.md): there the application's views,
/// resource, exemplar filter and cardinality limits apply, and instruments of a <see cref="MetricFactory"/> the
/// application's provider may also listen to are left out of what this source reads.
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
    private readonly TagValueRewrites _rewrites = new();
    private readonly VisitorExporter _exporter;
    private readonly BaseExportingMetricReader _reader;
    private readonly string[] _meters;
    private readonly int _cardinalityLimit;
    private readonly bool _exemplars;
    private readonly System.Diagnostics.Metrics.IMeterFactory? _hostMeters;
    private readonly ReaderOnAppOrOwnProvider _readerOnProvider;

    /// <summary>Starts listening to the meters named in <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A meter name is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The cardinality limit is not positive.</exception>
    public ForeignMeterSource(ForeignMeterSourceOptions options)
        : this(options, buildAppProvider: null, logger: null)
    {
    }

    private ForeignMeterSource(ForeignMeterSourceOptions options, Func<object?>? buildAppProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _meters = [.. options.Meters];
        foreach (var meter in _meters)
        {
            if (string.IsNullOrWhiteSpace(meter))
            {
                throw new ArgumentException(
                    "ForeignMeterSourceOptions.Meters contains a blank meter name; list meter names such as 'System.Runtime' or 'MyCompany.*'.",
                    nameof(options));
            }
        }

        _cardinalityLimit = options.CardinalityLimit;
        if (_cardinalityLimit < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                _cardinalityLimit,
                "ForeignMeterSourceOptions.CardinalityLimit must be at least 1 (the OpenTelemetry default is 2000).");
        }

        _exemplars = options.Exemplars;
        _hostMeters = options.MeterFactory;
        _exporter = new VisitorExporter(_rewrites, options.ScopeLabels, options.TargetInfo);
        _reader = new BaseExportingMetricReader(_exporter)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };

        _readerOnProvider = new ReaderOnAppOrOwnProvider(
            typeof(ForeignMeterSource),
            _reader,
            buildAppProvider,
            BuildOwnProvider,
            () => ForeignMeterSourceLog.AppProviderDidNotTakeTheReader(logger!));
    }

    /// <summary>Whether this source reads through the application's <see cref="MeterProvider"/> rather than one of its own.</summary>
    internal bool UsesAppProvider => _readerOnProvider.AttachedToAppProvider;

    /// <summary>The resource of the provider this source reads through (the application's, with its <c>service.name</c>, when shared); null before it is connected.</summary>
    internal Resource? Resource => _exporter.ParentProvider?.GetResource();

    /// <summary>
    /// Creates a source that becomes a reader of the application's <see cref="MeterProvider"/>: the provider's
    /// builder must call <see cref="ConfigureAppProvider"/>, which the provider built by
    /// <paramref name="buildAppProvider"/> (resolving it from the application's services) does. When that provider
    /// turns out not to have called it (a <see cref="MeterProvider"/> registered by hand), the source falls back to a
    /// provider of its own and logs why.
    /// </summary>
    internal static ForeignMeterSource OnAppProvider(ForeignMeterSourceOptions options, Func<object?> buildAppProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(buildAppProvider);
        ArgumentNullException.ThrowIfNull(logger);
        return new ForeignMeterSource(options, buildAppProvider, logger);
    }

    /// <summary>
    /// Adds this source's meters and reader to the application's provider as it is built, with a view leaving out
    /// another host's same-named meters. The application's own views, resource, exemplar filter and cardinality
    /// limits are left as they are.
    /// </summary>
    /// <remarks>
    /// A source with a provider of its own leaves <paramref name="builder"/> alone: a DI container that cannot say whether
    /// a <see cref="MeterProvider"/> is registered (no <c>IServiceProviderIsService</c>) makes AddMetrics build its own,
    /// and the application's provider, built later, still runs this; failing there would fail the application's start.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The source is attached to an application's provider already.</exception>
    internal void ConfigureAppProvider(MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!_readerOnProvider.ForAppProvider || _readerOnProvider.HasOwnProvider)
        {
            return;
        }

        if (_readerOnProvider.AttachedToAppProvider)
        {
            throw new InvalidOperationException("This ForeignMeterSource reads through a MeterProvider already; it can be added to one provider only.");
        }

        var hostMeters = _hostMeters;
        if (hostMeters is not null)
        {
            builder.AddView(instrument => HostMeters.BelongsToAnotherHost(instrument.Meter, hostMeters) ? MetricStreamConfiguration.Drop : null);
        }

        builder.AddMeter(_meters).AddReader(_reader);
        _readerOnProvider.MarkAttached();
    }

    /// <summary>
    /// Makes sure the source is listening: on the application's provider, builds that provider (as the host's start
    /// does), or falls back to a provider of its own when it did not take the reader. Idempotent.
    /// </summary>
    internal void Connect() => _readerOnProvider.Connect();

    /// <summary>Reads the current values of every aggregated instrument into <paramref name="visitor"/>, one family per metric name, in name order.</summary>
    /// <exception cref="ObjectDisposedException">The source was disposed, or the application's provider it reads through was.</exception>
    /// <exception cref="InvalidOperationException">The OpenTelemetry SDK could not complete the collection.</exception>
    /// <remarks>An exception thrown by <paramref name="visitor"/> propagates to the caller.</remarks>
    public void Collect(IMetricsVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        lock (_readerOnProvider.Lock)
        {
            _readerOnProvider.Connect();
            _exporter.CollectInto(visitor);
        }
    }

    /// <summary>
    /// From the next collection on, shows the values of <paramref name="rule"/>'s tag rewritten, adding up the
    /// series that coincide afterwards; replaces an earlier rule for the same meter and tag.
    /// </summary>
    internal void RewriteTagValues(TagValueRewrite rule) => _rewrites.Set(rule);

    /// <summary>
    /// Stops listening and releases the OpenTelemetry provider it owns; waits for a collection in progress. A
    /// provider of the application's is left to the application (its reader stops with it).
    /// </summary>
    public void Dispose() => _readerOnProvider.Dispose();

    private MeterProvider BuildOwnProvider()
    {
        var hostMeters = _hostMeters;
        var cardinalityLimit = _cardinalityLimit;
        return Sdk.CreateMeterProviderBuilder()
            .AddMeter(_meters)
            .AddView(instrument => MetricFactory.IsOwnMeter(instrument.Meter) || HostMeters.BelongsToAnotherHost(instrument.Meter, hostMeters)
                ? MetricStreamConfiguration.Drop
                : new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
            .SetExemplarFilter(_exemplars ? ExemplarFilterType.TraceBased : ExemplarFilterType.AlwaysOff)
            .AddReader(_reader)
            .Build();
    }
}
