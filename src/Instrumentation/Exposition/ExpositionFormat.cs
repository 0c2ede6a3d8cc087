namespace Instrumentation.Exposition;

/// <summary>The formats a scrape can be written in.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>), understood by every Prometheus version.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0.0 text (<c>application/openmetrics-text; version=1.0.0</c>), with exemplars and <c>_created</c> series.</summary>
    OpenMetrics,

    /// <summary>
    /// The Prometheus protobuf format, length-delimited <c>io.prometheus.client.MetricFamily</c> messages
    /// (<c>application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited</c>): what
    /// Prometheus asks for first when its native histograms are on. Binary, not text.
    /// </summary>
    PrometheusProtobuf,
}
