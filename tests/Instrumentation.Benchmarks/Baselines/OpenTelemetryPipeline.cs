using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Instrumentation.Benchmarks.Baselines;

/// <summary>
/// The baseline we compare against: <c>System.Diagnostics.Metrics</c> instruments on a
/// <see cref="Meter"/> that an OpenTelemetry <see cref="MeterProvider"/> listens to and aggregates,
/// read by a <see cref="BaseExportingMetricReader"/> over a <see cref="NoopMetricExporter"/>.
/// This is what recording through the SDK costs an application (defaults: cumulative temporality,
/// exemplars off, cardinality limit 2000).
/// </summary>
internal sealed class OpenTelemetryPipeline : IDisposable
{
    private readonly NoopMetricExporter _exporter = new();
    private readonly MeterProvider _provider;

    /// <summary>Creates the meter <paramref name="meterName"/> and a provider listening to it and to <paramref name="alsoListenTo"/>.</summary>
    public OpenTelemetryPipeline(string meterName, params string[] alsoListenTo)
    {
        Meter = new Meter(meterName);
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter([meterName, .. alsoListenTo])
            .AddReader(new BaseExportingMetricReader(_exporter))
            .Build();
    }

    /// <summary>The meter to create baseline instruments on.</summary>
    public Meter Meter { get; }

    /// <summary>
    /// Throws unless the SDK has enabled every one of <paramref name="instruments"/>: proof that the
    /// baseline rows measure its aggregation, not a meter nobody listens to.
    /// </summary>
    public static void VerifyListening(params Instrument[] instruments)
    {
        foreach (var instrument in instruments)
        {
            if (!instrument.Enabled)
            {
                throw new InvalidOperationException($"No listener is enabled on '{instrument.Meter.Name}/{instrument.Name}': the OpenTelemetry baseline would measure nothing.");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The provider disposes its reader, and the reader its exporter.
        _provider.Dispose();
        Meter.Dispose();
    }
}
