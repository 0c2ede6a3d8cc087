using Instrumentation.Hosting;
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
/// summaries as <c>Histogram&lt;double&gt;</c>, which record while this provider listens. Thread-safe.
/// </remarks>
internal sealed class OtlpMetricsExport : IDisposable
{
    /// <summary>The OTLP/HTTP signal path of metrics.</summary>
    internal const string MetricsPath = "/v1/metrics";

    private readonly MeterProvider _provider;

    public OtlpMetricsExport(OtlpExportOptions options, MetricsOptions metrics, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);

        string[] meters = [metrics.MeterName, .. metrics.ExportedMeters()];
        var cardinalityLimit = metrics.CardinalityLimit;
        var endpoint = ResolveEndpoint(options);
        var headers = string.Join(',', options.Headers.Select(static h => $"{h.Key}={h.Value}"));

        _provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(options.ServiceName ?? serviceName))
            .AddMeter(meters)
            .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = cardinalityLimit })
            .SetExemplarFilter(metrics.Exemplars ? ExemplarFilterType.TraceBased : ExemplarFilterType.AlwaysOff)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = options.Protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                exporter.TimeoutMilliseconds = (int)options.Timeout.TotalMilliseconds;
                exporter.Headers = headers.Length == 0 ? null : headers;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.Interval.TotalMilliseconds;
                reader.PeriodicExportingMetricReaderOptions.ExportTimeoutMilliseconds = (int)options.Timeout.TotalMilliseconds;
            })
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
