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
/// Owns the OpenTelemetry <see cref="MeterProvider"/> that exports over OTLP: it listens to our meter
/// (<see cref="MetricsOptions.MeterName"/>) and to the foreign meters <c>/metrics</c> exports, from
/// construction until <see cref="Dispose"/>, which exports once more and stops.
/// </summary>
/// <remarks>
/// Our counters and gauges reach it as observable instruments read at each export; our histograms and
/// summaries as <c>Histogram&lt;double&gt;</c>, which record while this provider listens. Each export's outcome
/// is recorded as push health metrics (see <see cref="HealthReportingOtlpMetricExporter"/>). Thread-safe.
/// </remarks>
internal sealed class OtlpMetricsExport : IDisposable
{
    /// <summary>The OTLP/HTTP signal path of metrics.</summary>
    internal const string MetricsPath = "/v1/metrics";

    private readonly MeterProvider _provider;

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
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);

        string[] meters = [metrics.MeterName, .. metrics.ExportedMeters()];
        var cardinalityLimit = metrics.CardinalityLimit;
        var headers = string.Join(',', options.Headers.Select(static h => $"{h.Key}={h.Value}"));
        var exporterOptions = new OtlpExporterOptions
        {
            Endpoint = ResolveEndpoint(options),
            Protocol = options.Protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf,
            TimeoutMilliseconds = (int)options.Timeout.TotalMilliseconds,
            Headers = headers.Length == 0 ? null : headers,
        };
        var exporter = new HealthReportingOtlpMetricExporter(exporterOptions, selfMetrics, time ?? TimeProvider.System, logger ?? NullLogger.Instance);
        var reader = new PeriodicExportingMetricReader(exporter, (int)options.Interval.TotalMilliseconds, (int)options.Timeout.TotalMilliseconds)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };

        _provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(options.ServiceName ?? serviceName))
            .AddMeter(meters)
            .AddView(instrument => HostMeters.BelongsToAnotherHost(instrument.Meter, hostMeters)
                ? MetricStreamConfiguration.Drop
                : new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
            .SetExemplarFilter(metrics.Exemplars ? ExemplarFilterType.TraceBased : ExemplarFilterType.AlwaysOff)
            .AddReader(reader)
            .Build();
    }

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

    /// <summary>Exports once more, waiting up to <paramref name="timeout"/>.</summary>
    /// <returns>True when the export completed.</returns>
    public bool ForceFlush(TimeSpan timeout) => _provider.ForceFlush((int)timeout.TotalMilliseconds);

    /// <summary>Exports a last time and stops listening.</summary>
    public void Dispose() => _provider.Dispose();
}
