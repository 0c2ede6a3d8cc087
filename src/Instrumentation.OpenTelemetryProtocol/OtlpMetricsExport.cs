using System.Diagnostics.Metrics;
using Instrumentation.Hosting;
using Instrumentation.OpenTelemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Instrumentation.OpenTelemetryProtocol;

/// <summary>
/// The OTLP export: a periodic reader over <see cref="HealthReportingOtlpMetricExporter"/> that listens to our meter
/// (<see cref="MetricsOptions.MeterName"/>) and to the foreign meters <c>/metrics</c> exports, until
/// <see cref="Dispose"/>, which exports once more and stops.
/// </summary>
/// <remarks>
/// <para>
/// Created with its public constructor, it owns the OpenTelemetry <see cref="MeterProvider"/> the reader belongs to.
/// Created by <see cref="OnAppProvider"/> (the application called <c>AddOpenTelemetry().WithMetrics(...)</c>), the
/// reader and the meters are added to the application's provider instead (<see cref="ConfigureAppProvider"/>), so
/// each meter is aggregated once and the application's views, resource, exemplar filter and cardinality limits apply
/// to what is exported; that provider disposes the reader, exporting once more.
/// </para>
/// <para>
/// Our counters and gauges reach it as observable instruments read at each export; our histograms and
/// summaries as <c>Histogram&lt;double&gt;</c>, which record while the provider listens. Each export's outcome
/// is recorded as push health metrics (see <see cref="HealthReportingOtlpMetricExporter"/>). Thread-safe.
/// </para>
/// </remarks>
internal sealed class OtlpMetricsExport : IDisposable
{
    /// <summary>The OTLP/HTTP signal path of metrics.</summary>
    internal const string MetricsPath = "/v1/metrics";

    private readonly PeriodicExportingMetricReader _reader;
    private readonly string[] _meters;
    private readonly OtlpExportOptions _options;
    private readonly MetricsOptions _metrics;
    private readonly string _serviceName;
    private readonly IMeterFactory? _hostMeters;
    private readonly ILogger _logger;
    private readonly ReaderOnAppOrOwnProvider _readerOnProvider;

    /// <param name="options">Where and how to export.</param>
    /// <param name="metrics">Which meters: ours and the foreign ones <c>/metrics</c> exports, with its cardinality limit and exemplar setting.</param>
    /// <param name="serviceName">The <c>service.name</c> when <see cref="OtlpExportOptions.ServiceName"/> is not set.</param>
    /// <param name="hostMeters">The host's meter factory: same-named meters of another host in the process are left out, as on <c>/metrics</c>.</param>
    /// <param name="selfMetrics">Where the push health metrics (<c>target="otlp"</c>) are recorded; null records none.</param>
    /// <param name="time">The clock of <c>push_last_success_timestamp_seconds</c>.</param>
    /// <param name="logger">Where failed exports are logged.</param>
    public OtlpMetricsExport(
        OtlpExportOptions options,
        MetricsOptions metrics,
        string serviceName,
        IMeterFactory? hostMeters = null,
        MetricFactory? selfMetrics = null,
        TimeProvider? time = null,
        ILogger? logger = null)
        : this(options, metrics, serviceName, hostMeters, selfMetrics, time, logger, buildAppProvider: null)
    {
    }

    private OtlpMetricsExport(
        OtlpExportOptions options,
        MetricsOptions metrics,
        string serviceName,
        IMeterFactory? hostMeters,
        MetricFactory? selfMetrics,
        TimeProvider? time,
        ILogger? logger,
        Func<object?>? buildAppProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);

        _options = options;
        _metrics = metrics;
        _serviceName = serviceName;
        _hostMeters = hostMeters;
        _logger = logger ?? NullLogger.Instance;
        _meters = [metrics.MeterName, .. metrics.ExportedMeters()];
        var headers = string.Join(',', options.Headers.Select(static h => $"{h.Key}={h.Value}"));
        var exporterOptions = new OtlpExporterOptions
        {
            Endpoint = ResolveEndpoint(options),
            Protocol = options.Protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf,
            TimeoutMilliseconds = (int)options.Timeout.TotalMilliseconds,
            Headers = headers.Length == 0 ? null : headers,
        };
        var exporter = new HealthReportingOtlpMetricExporter(exporterOptions, selfMetrics, time ?? TimeProvider.System, _logger);
        _reader = new PeriodicExportingMetricReader(exporter, (int)options.Interval.TotalMilliseconds, (int)options.Timeout.TotalMilliseconds)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };

        _readerOnProvider = new ReaderOnAppOrOwnProvider(
            typeof(OtlpMetricsExport),
            _reader,
            buildAppProvider,
            BuildOwnProvider,
            () => OtlpExportLog.AppProviderDidNotTakeTheReader(_logger));
    }

    /// <summary>Whether the export's reader belongs to the application's <see cref="MeterProvider"/> rather than one of its own.</summary>
    internal bool UsesAppProvider => _readerOnProvider.AttachedToAppProvider;

    /// <summary>
    /// Creates an export whose reader joins the application's <see cref="MeterProvider"/>: the provider's builder must
    /// call <see cref="ConfigureAppProvider"/>, which the provider built by <paramref name="buildAppProvider"/> (resolving
    /// it from the application's services) does. When that provider turns out not to have called it (a
    /// <see cref="MeterProvider"/> registered by hand), the export falls back to a provider of its own and logs why.
    /// </summary>
    internal static OtlpMetricsExport OnAppProvider(
        OtlpExportOptions options,
        MetricsOptions metrics,
        string serviceName,
        MetricFactory? selfMetrics,
        TimeProvider? time,
        ILogger? logger,
        Func<object?> buildAppProvider)
    {
        ArgumentNullException.ThrowIfNull(buildAppProvider);
        return new OtlpMetricsExport(options, metrics, serviceName, hostMeters: null, selfMetrics, time, logger, buildAppProvider);
    }

    /// <summary>
    /// Adds our meter, the exported foreign meters and the OTLP reader to the application's provider as it is built.
    /// The application's views, resource, exemplar filter and cardinality limits are left as they are; the view leaving
    /// out another host's meters is added by <c>AddMetrics()</c> for every reader of that provider.
    /// </summary>
    /// <exception cref="InvalidOperationException">The export owns a provider, or is attached already.</exception>
    internal void ConfigureAppProvider(MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!_readerOnProvider.ForAppProvider || _readerOnProvider.AttachedToAppProvider || _readerOnProvider.HasOwnProvider)
        {
            throw new InvalidOperationException("This OTLP export's reader belongs to a MeterProvider already; it can be added to one provider only.");
        }

        if (_options.ServiceName is { } ignored)
        {
            OtlpExportLog.ServiceNameIgnored(_logger, ignored);
        }

        builder.AddMeter(_meters).AddReader(_reader);
        _readerOnProvider.MarkAttached();
    }

    /// <summary>
    /// Makes sure the export is running: on the application's provider, builds that provider (as the host's start
    /// does), or falls back to a provider of its own when it did not take the reader. Idempotent.
    /// </summary>
    public void Connect() => _readerOnProvider.Connect();

    /// <summary>The address requests go to: the default per protocol, and the signal path added for http/protobuf.</summary>
    internal static Uri ResolveEndpoint(OtlpExportOptions options)
    {
        var grpc = options.Protocol == OtlpProtocol.Grpc;
        var endpoint = options.Endpoint ?? new Uri(grpc ? "http://localhost:4317" : "http://localhost:4318");
        if (grpc || endpoint.AbsolutePath.EndsWith(MetricsPath, StringComparison.Ordinal))
        {
            return endpoint;
        }

        var builder = new UriBuilder(endpoint);
        builder.Path = builder.Path.TrimEnd('/') + MetricsPath;
        return builder.Uri;
    }

    /// <summary>
    /// Exports once more, waiting up to <paramref name="timeout"/>. Only this export's reader collects, also on the
    /// application's provider: its other readers (and <c>/metrics</c>) are not flushed.
    /// </summary>
    /// <returns>True when the export completed.</returns>
    public bool ForceFlush(TimeSpan timeout)
    {
        Connect();
        return _reader.Collect((int)timeout.TotalMilliseconds);
    }

    /// <summary>
    /// Exports a last time and stops, with the provider of its own; on the application's provider, the reader stops
    /// (and exports a last time) when that provider is disposed.
    /// </summary>
    public void Dispose() => _readerOnProvider.Dispose();

    private MeterProvider BuildOwnProvider()
    {
        var hostMeters = _hostMeters;
        var cardinalityLimit = _metrics.CardinalityLimit;
        return Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(_options.ServiceName ?? _serviceName))
            .AddMeter(_meters)
            .AddView(instrument => HostMeters.BelongsToAnotherHost(instrument.Meter, hostMeters)
                ? MetricStreamConfiguration.Drop
                : new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
            .SetExemplarFilter(_metrics.Exemplars ? ExemplarFilterType.TraceBased : ExemplarFilterType.AlwaysOff)
            .AddReader(_reader)
            .Build();
    }
}
