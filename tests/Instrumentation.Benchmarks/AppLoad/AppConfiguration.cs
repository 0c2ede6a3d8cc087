namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>The four ways the app is built: without metrics, with ours, with each peer's HTTP metrics.</summary>
internal enum AppConfiguration
{
    /// <summary>No metrics at all: the baseline every other configuration is a ratio of.</summary>
    Bare,

    /// <summary><c>AddMetrics()</c>, <c>UseHttpMetrics()</c>, <c>[Timed]</c> on every route, <c>MapMetrics()</c>.</summary>
    Ours,

    /// <summary>Ours without <c>UseHttpMetrics()</c> and <c>[Timed]</c>: what <c>AddMetrics()</c> alone costs (a breakdown, not a peer).</summary>
    OursAddMetricsOnly,

    /// <summary>Ours with <c>UseHttpMetrics(o => o.Sizes = false)</c>: the full setup minus the body sizes (a breakdown).</summary>
    OursWithoutSizes,

    /// <summary>
    /// Ours without exporting ASP.NET Core's own meters (<c>Metrics:IncludeDefaultMeters=false</c>), so nothing listens
    /// to them: what aggregating <c>http.server.request.duration</c> and the other built-in instruments costs (a breakdown).
    /// </summary>
    OursWithoutAspNetCoreMeters,

    /// <summary>
    /// The bare app plus a <c>MeterListener</c> that enables ASP.NET Core's instruments and drops every measurement:
    /// what ASP.NET Core itself pays once its meters have a listener, before anyone aggregates (a breakdown).
    /// </summary>
    BareWithNoOpListener,

    /// <summary>
    /// Ours with <c>IncludeDefaultMeters=false</c>, <c>UseHttpMetrics()</c>, <c>[Timed]</c>, plus a prototype listener that
    /// records ASP.NET Core's request duration and active requests in our own cells (<see cref="OwnCellsListener"/>).
    /// </summary>
    OursOwnCellsPrototype,

    /// <summary>prometheus-net.AspNetCore with its defaults: <c>UseHttpMetrics()</c>, <c>MapMetrics()</c>.</summary>
    PrometheusNet,

    /// <summary>OpenTelemetry: <c>AddAspNetCoreInstrumentation()</c>, the Prometheus exporter and its scraping endpoint.</summary>
    OpenTelemetry,
}
