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
    private readonly BaseExportingMetricReader _reader;

    /// <summary>Creates the meter <paramref name="meterName"/> and a provider listening to it and to <paramref name="alsoListenTo"/>.</summary>
    public OpenTelemetryPipeline(string meterName, params string[] alsoListenTo)
    {
        Meter = new Meter(meterName);
        _reader = new BaseExportingMetricReader(_exporter);
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter([meterName, .. alsoListenTo])
            .AddReader(_reader)
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

    /// <summary>A <c>double</c> counter on <see cref="Meter"/>, checked to be listened to (<see cref="VerifyListening"/>).</summary>
    public Counter<double> CreateCounter(string name)
    {
        var counter = Meter.CreateCounter<double>(name);
        VerifyListening(counter);
        return counter;
    }

    /// <summary>
    /// A histogram in seconds on <see cref="Meter"/> with <paramref name="bounds"/> as its bucket boundaries
    /// (given as advice, as an application would), checked to be listened to (<see cref="VerifyListening"/>).
    /// </summary>
    public Histogram<double> CreateHistogram(string name, IReadOnlyList<double> bounds)
    {
        var histogram = Meter.CreateHistogram(
            name,
            unit: "s",
            description: null,
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = bounds });
        VerifyListening(histogram);
        return histogram;
    }

    /// <summary>Collects now and returns the points of the instrument <paramref name="instrumentName"/> (cumulative since it was created).</summary>
    public IReadOnlyList<CapturedPoint> Collect(string instrumentName)
    {
        if (!_reader.Collect())
        {
            throw new InvalidOperationException("The OpenTelemetry reader failed to collect.");
        }

        return _exporter.LastExport.TryGetValue(instrumentName, out var points)
            ? points
            : throw new InvalidOperationException($"The OpenTelemetry SDK exported nothing for '{instrumentName}': the baseline would measure an instrument nobody aggregates.");
    }

    /// <summary>The one point of <paramref name="instrumentName"/>, which the caller recorded with no tags or with one tag set only.</summary>
    public CapturedPoint CollectSingle(string instrumentName) =>
        Collect(instrumentName) is [var point]
            ? point
            : throw new InvalidOperationException($"'{instrumentName}' has {Collect(instrumentName).Count} points, expected exactly one.");

    /// <inheritdoc />
    public void Dispose()
    {
        // The provider disposes its reader, and the reader its exporter.
        _provider.Dispose();
        Meter.Dispose();
    }
}
