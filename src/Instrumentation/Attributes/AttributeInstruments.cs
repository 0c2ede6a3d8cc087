using Instrumentation.Instruments;
using Instrumentation.Quantiles;

namespace Instrumentation;

/// <summary>
/// Turns <see cref="TimedAttribute"/>, <see cref="CountedAttribute"/> and <see cref="TrackInProgressAttribute"/>
/// into the instruments they record into: called once per attribute site, never per call.
/// </summary>
internal static class AttributeInstruments
{
    private static readonly double[] FastBounds = Instruments.Buckets.Exponential(0.0001, 2, 16);
    private static readonly double[] SlowBounds = [.1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>Creates (or finds) the histogram or summary of a <c>[Timed]</c> site.</summary>
    /// <param name="factory">The factory to create it in.</param>
    /// <param name="timed">The attribute.</param>
    /// <param name="defaultName">The name when the attribute has none.</param>
    /// <param name="defaultHelp">The help when the attribute has none.</param>
    /// <param name="labelNames">The default label names of the target kind, before the extra labels.</param>
    /// <exception cref="ArgumentException">A name, label, bucket list or quantile is invalid.</exception>
    /// <exception cref="InvalidOperationException">The name is registered with another definition.</exception>
    public static TimedInstrument CreateTimed(MetricFactory factory, TimedAttribute timed, string defaultName, string defaultHelp, IReadOnlyList<string> labelNames)
    {
        var name = timed.Name ?? defaultName;
        var help = timed.Help ?? (timed.Name is null ? defaultHelp : name);
        var labels = LabelNames(name, labelNames, timed.ExtraLabels);
        var unit = name.EndsWith("_seconds", StringComparison.Ordinal) ? "seconds" : null;
        if (timed.Kind == TimedKind.Summary || timed.Quantiles is not null)
        {
            return new TimedInstrument(factory.CreateSummary(name, help, labels, Objectives(timed.Quantiles), unit: unit));
        }

        if (timed.Kind == TimedKind.NativeHistogram)
        {
            return new TimedInstrument(factory.CreateHistogram(name, help, new NativeHistogramOptions { ClassicBuckets = timed.Buckets }, labels, unit));
        }

        return new TimedInstrument(factory.CreateHistogram(name, help, labels, timed.Buckets ?? PresetBounds(timed.BucketPreset), unit));
    }

    /// <summary>Creates (or finds) the counter of a <c>[Counted]</c> site; <paramref name="labelNames"/> end with <c>result</c> and <c>exception</c>.</summary>
    /// <inheritdoc cref="CreateTimed" path="/exception"/>
    public static Counter CreateCounted(MetricFactory factory, CountedAttribute counted, string defaultName, string defaultHelp, IReadOnlyList<string> labelNames)
    {
        var name = counted.Name ?? defaultName;
        var help = counted.Help ?? (counted.Name is null ? defaultHelp : name);
        return factory.CreateCounter(name, help, LabelNames(name, labelNames, counted.ExtraLabels));
    }

    /// <summary>Creates (or finds) the gauge of a <c>[TrackInProgress]</c> site.</summary>
    /// <inheritdoc cref="CreateTimed" path="/exception"/>
    public static Gauge CreateInProgress(MetricFactory factory, TrackInProgressAttribute track, string defaultName, string defaultHelp, IReadOnlyList<string> labelNames)
    {
        var name = track.Name ?? defaultName;
        var help = track.Help ?? (track.Name is null ? defaultHelp : name);
        return factory.CreateGauge(name, help, LabelNames(name, labelNames, track.ExtraLabels));
    }

    /// <summary>The values of the extra labels (every second entry of the name/value pairs), or an empty array.</summary>
    public static string[] ExtraLabelValues(string[]? extraLabels)
    {
        if (extraLabels is null)
        {
            return [];
        }

        var values = new string[extraLabels.Length / 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = extraLabels[(2 * i) + 1];
        }

        return values;
    }

    /// <summary>The histogram bounds of a preset.</summary>
    public static IReadOnlyList<double> PresetBounds(DurationBucketPreset preset) => preset switch
    {
        DurationBucketPreset.Fast => FastBounds,
        DurationBucketPreset.Slow => SlowBounds,
        _ => Instruments.Buckets.Default,
    };

    private static string[] LabelNames(string metricName, IReadOnlyList<string> defaults, string[]? extraLabels)
    {
        if (extraLabels is null || extraLabels.Length == 0)
        {
            return [.. defaults];
        }

        if (extraLabels.Length % 2 != 0)
        {
            throw new ArgumentException(
                $"Metric '{metricName}': ExtraLabels must be name/value pairs, such as {{ \"team\", \"fruit\" }}, but has {extraLabels.Length} entries.",
                nameof(extraLabels));
        }

        var names = new string[defaults.Count + (extraLabels.Length / 2)];
        for (var i = 0; i < defaults.Count; i++)
        {
            names[i] = defaults[i];
        }

        for (var i = 0; i < extraLabels.Length / 2; i++)
        {
            names[defaults.Count + i] = extraLabels[2 * i];
            if (extraLabels[(2 * i) + 1] is null)
            {
                throw new ArgumentException($"Metric '{metricName}': extra label '{extraLabels[2 * i]}' has a null value.", nameof(extraLabels));
            }
        }

        return names;
    }

    /// <summary>
    /// Objectives for the given quantiles, each allowed a rank error of a tenth of its distance to the
    /// nearer end (0.5±0.05, 0.9±0.01, 0.99±0.001, as the Prometheus clients' defaults); null for the defaults.
    /// </summary>
    private static QuantileObjective[]? Objectives(double[]? quantiles)
    {
        if (quantiles is null)
        {
            return null;
        }

        var objectives = new QuantileObjective[quantiles.Length];
        for (var i = 0; i < quantiles.Length; i++)
        {
            var q = quantiles[i];
            objectives[i] = new QuantileObjective(q, Math.Min(q, 1 - q) / 10);
        }

        return objectives;
    }
}
