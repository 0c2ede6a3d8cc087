namespace Instrumentation.Naming;

/// <summary>
/// The Prometheus naming rules for metric and label names, checked when an instrument is created.
/// </summary>
public static class MetricNameRules
{
    /// <summary>The suffix of a counter's series on the wire; optional in the name given at creation.</summary>
    internal const string CounterSuffix = "_total";

    /// <summary>Returns true when <paramref name="name"/> matches <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidMetricName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = IsAsciiLetter(c) || c == '_' || c == ':' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns true when <paramref name="name"/> matches <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsValidLabelName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = IsAsciiLetter(c) || c == '_' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid metric name.</summary>
    public static void ThrowIfInvalidMetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidMetricName(name))
        {
            throw new ArgumentException(
                $"Metric name '{name}' is invalid: a metric name must match [a-zA-Z_:][a-zA-Z0-9_:]* (letters, digits, '_' and ':', not starting with a digit).",
                nameof(name));
        }

        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Metric name '{name}' is invalid: names starting with '__' are reserved for Prometheus' internal use.",
                nameof(name));
        }
    }

    /// <summary>
    /// Returns the name a counter is stored under: <paramref name="name"/> without a trailing <c>_total</c>.
    /// Throws <see cref="ArgumentException"/> when the name as given is invalid or reserved (so <c>__total</c>
    /// is refused, although what is left of it, <c>_</c>, would not be), or when it is only <c>_total</c>.
    /// </summary>
    internal static string ToCounterBaseName(string name)
    {
        ThrowIfInvalidMetricName(name);
        if (!name.EndsWith(CounterSuffix, StringComparison.Ordinal))
        {
            return name;
        }

        if (name.Length == CounterSuffix.Length)
        {
            throw new ArgumentException(
                $"Counter name '{name}' is invalid: it is only the '{CounterSuffix}' suffix, which every counter gets on the wire, and nothing is left once it is removed; put a name before it, for example 'requests{CounterSuffix}'.",
                nameof(name));
        }

        return name[..^CounterSuffix.Length];
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when a family named <paramref name="name"/> would write series
    /// whose names start with the reserved <c>__</c>: a counter, histogram or summary named <c>_</c> writes
    /// <c>__total</c>, <c>__bucket</c> or <c>__sum</c>. <paramref name="seriesSuffix"/> is the family's first
    /// series suffix (<c>_total</c>, <c>_bucket</c>, <c>_sum</c>); null for a gauge, whose series is the name itself.
    /// </summary>
    internal static void ThrowIfSeriesNamesReserved(string name, string? seriesSuffix)
    {
        if (seriesSuffix is not null && name == "_")
        {
            throw new ArgumentException(
                $"Metric name '{name}' is invalid: its series would be written as '{name}{seriesSuffix}', and names starting with '__' are reserved for Prometheus' internal use.",
                nameof(name));
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when a label name is invalid, reserved, repeated, or in
    /// <paramref name="forbidden"/> (such as <c>le</c> on histograms).
    /// </summary>
    public static void ThrowIfInvalidLabelNames(string metricName, IReadOnlyList<string> labelNames, params ReadOnlySpan<string> forbidden)
    {
        ArgumentNullException.ThrowIfNull(labelNames);
        for (var i = 0; i < labelNames.Count; i++)
        {
            var label = labelNames[i];
            if (!IsValidLabelName(label))
            {
                throw new ArgumentException(
                    $"Metric '{metricName}': label name '{label}' is invalid: a label name must match [a-zA-Z_][a-zA-Z0-9_]*.",
                    nameof(labelNames));
            }

            if (label.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Metric '{metricName}': label name '{label}' is invalid: label names starting with '__' are reserved for Prometheus' internal use.",
                    nameof(labelNames));
            }

            foreach (var reserved in forbidden)
            {
                if (label == reserved)
                {
                    throw new ArgumentException(
                        $"Metric '{metricName}': label name '{label}' is reserved on this kind of metric (the exposition writes it itself); choose another name.",
                        nameof(labelNames));
                }
            }

            for (var j = 0; j < i; j++)
            {
                if (labelNames[j] == label)
                {
                    throw new ArgumentException(
                        $"Metric '{metricName}': label name '{label}' is declared twice; each label name must be unique.",
                        nameof(labelNames));
                }
            }
        }
    }

    private static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';
}
