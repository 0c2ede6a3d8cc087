using Instrumentation.Push;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Instrumentation.OpenTelemetryProtocol;

/// <summary>
/// The OpenTelemetry OTLP metric exporter, with the outcome of every export recorded as the push health metrics
/// the other pushers report, under <c>target="otlp"</c>.
/// </summary>
/// <remarks>
/// A subclass rather than a wrapper: the exporter reads the provider's resource (<c>service.name</c>) through its
/// own <c>ParentProvider</c>, which the SDK sets only on the exporter it is given.
/// The exporter keeps no buffer: an export that failed after its own retries is lost, so it counts once in
/// <c>push_errors_total</c> and once in <c>push_dropped_total</c>. Values are cumulative, so the next export that
/// gets through carries the totals again; what is lost is the resolution of the failed interval.
/// </remarks>
internal sealed class HealthReportingOtlpMetricExporter : OtlpMetricExporter
{
    /// <summary>The <c>target</c> label of the OTLP export's push health metrics.</summary>
    public const string Target = "otlp";

    private readonly PushMetrics _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _endpoint;

    public HealthReportingOtlpMetricExporter(OtlpExporterOptions options, MetricFactory? selfMetrics, TimeProvider time, ILogger logger)
        : base(options)
    {
        _health = new PushMetrics(selfMetrics, Target);
        _time = time;
        _logger = logger;
        _endpoint = options.Endpoint;
    }

    /// <inheritdoc />
    public override ExportResult Export(in Batch<Metric> metrics)
    {
        // The base exporter catches its own failures (network, status, serialization) and reports them as Failure.
        var result = base.Export(metrics);
        if (result == ExportResult.Success)
        {
            _health.Succeeded(_time.GetUtcNow());
        }
        else
        {
            _health.Failed();
            _health.Dropped(1);
            PushLog.ExportFailed(_logger, Target, _endpoint);
        }

        return result;
    }
}
