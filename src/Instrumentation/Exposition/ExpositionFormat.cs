namespace Instrumentation.Exposition;

/// <summary>The text formats a scrape can be written in.</summary>
public enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>), understood by every Prometheus version.</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0.0 text (<c>application/openmetrics-text; version=1.0.0</c>), with exemplars and <c>_created</c> series.</summary>
    OpenMetrics,
}
