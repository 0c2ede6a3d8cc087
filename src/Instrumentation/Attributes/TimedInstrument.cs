using Instrumentation.Instruments;

namespace Instrumentation;

/// <summary>The histogram, native histogram or summary a <see cref="TimedAttribute"/> site records into, resolved once per site.</summary>
internal sealed class TimedInstrument
{
    private readonly Histogram? _histogram;
    private readonly NativeHistogram? _nativeHistogram;
    private readonly Summary? _summary;

    public TimedInstrument(Histogram histogram) => _histogram = histogram;

    public TimedInstrument(NativeHistogram histogram) => _nativeHistogram = histogram;

    public TimedInstrument(Summary summary) => _summary = summary;

    /// <summary>The family recorded into.</summary>
    public MetricFamily Family => (MetricFamily?)_histogram ?? (MetricFamily?)_nativeHistogram ?? _summary!;

    /// <summary>The series for these label values (default labels first, then the extra labels' values).</summary>
    public IValueRecorder WithLabels(ReadOnlySpan<string> labelValues) =>
        _histogram is not null ? _histogram.WithLabels(labelValues)
        : _nativeHistogram is not null ? _nativeHistogram.WithLabels(labelValues)
        : _summary!.WithLabels(labelValues);
}
