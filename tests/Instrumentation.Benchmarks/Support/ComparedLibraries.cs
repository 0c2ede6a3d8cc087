using Instrumentation.Benchmarks.Baselines;

namespace Instrumentation.Benchmarks.Support;

/// <summary>
/// The libraries an instrument benchmark's rows record through, each in the configurations its rows are
/// measured under: ours with exemplars on (the default) and off, prometheus-net likewise, and the
/// OpenTelemetry SDK pipeline. Created together in <c>GlobalSetup</c> and disposed together in
/// <c>GlobalCleanup</c>; the rows time instruments created on them, never this object.
/// </summary>
internal sealed class ComparedLibraries : IDisposable
{
    /// <summary>The meter the OpenTelemetry baseline instruments are created on.</summary>
    public const string OpenTelemetryMeterName = "Instrumentation.Benchmarks.OpenTelemetry";

    /// <summary>
    /// Creates all five; with <paramref name="openTelemetryListensToOurs"/> the SDK also listens to
    /// <see cref="Ours"/>' meter, so our instruments publish to <c>System.Diagnostics.Metrics</c> as well.
    /// </summary>
    public ComparedLibraries(bool openTelemetryListensToOurs = false)
    {
        Ours = Factories.Default();
        OursWithoutExemplars = Factories.WithoutExemplars();
        PromNet = PrometheusNetPeer.Default();
        PromNetWithoutExemplars = PrometheusNetPeer.WithoutExemplars();
        string[] alsoListenTo = openTelemetryListensToOurs ? [Ours.Meter.Name] : [];
        OpenTelemetry = new OpenTelemetryPipeline(OpenTelemetryMeterName, alsoListenTo);
    }

    /// <summary>Our factory with default options (exemplars on).</summary>
    public MetricFactory Ours { get; }

    /// <summary>Our factory with exemplars off.</summary>
    public MetricFactory OursWithoutExemplars { get; }

    /// <summary>prometheus-net's default configuration (exemplars on).</summary>
    public PrometheusNetPeer PromNet { get; }

    /// <summary>prometheus-net with exemplars off.</summary>
    public PrometheusNetPeer PromNetWithoutExemplars { get; }

    /// <summary>The OpenTelemetry SDK baseline.</summary>
    public OpenTelemetryPipeline OpenTelemetry { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        // prometheus-net's private registries hold nothing to release.
        OpenTelemetry.Dispose();
        Ours.Dispose();
        OursWithoutExemplars.Dispose();
    }
}
