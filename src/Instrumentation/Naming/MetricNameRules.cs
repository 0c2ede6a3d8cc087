namespace Instrumentation.Naming;

/// <summary>
/// The Prometheus naming rules for metric and label names, checked when an instrument is created.
/// </summary>
public static class MetricNameRules
{
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
