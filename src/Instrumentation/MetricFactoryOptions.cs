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
}
