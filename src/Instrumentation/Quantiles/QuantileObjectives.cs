using System.Globalization;

namespace Instrumentation.Quantiles;

/// <summary>
/// Validation of a summary's quantile objectives and window, done once when the summary is created so that
/// <see cref="SlidingQuantileWindow"/> can trust its arguments. Every message names the metric and the bad value.
/// </summary>
internal static class QuantileObjectives
{
    /// <summary>The most age buckets a window may rotate through.</summary>
    public const int MaxAgeBuckets = 60;

    /// <summary>
    /// Validate returns the objectives sorted by quantile, as a new array the caller owns.
    /// Throws <see cref="ArgumentException"/> when a quantile is not in [0, 1] (0 and 1, the minimum and maximum of
    /// the window, are allowed, as in OpenMetrics), an error is not in [0, 1),
    /// or a quantile appears twice. An empty span is valid (a summary with count and sum only).
    /// </summary>
    public static QuantileObjective[] Validate(ReadOnlySpan<QuantileObjective> objectives, string metricName)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        var sorted = objectives.ToArray();
        foreach (var objective in sorted)
        {
            // Written as negations so that NaN fails too.
            if (!(objective.Quantile >= 0 && objective.Quantile <= 1))
            {
                throw Invalid(metricName, nameof(objectives), $"quantile {objective.Quantile} must be between 0 and 1 inclusive (0 reports the minimum, 1 the maximum).");
            }

            if (!(objective.Error >= 0 && objective.Error < 1))
            {
                throw Invalid(metricName, nameof(objectives), $"error {objective.Error} of quantile {objective.Quantile} must be at least 0 and less than 1.");
            }
        }

        Array.Sort(sorted, static (a, b) => a.Quantile.CompareTo(b.Quantile));
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Quantile == sorted[i - 1].Quantile)
            {
                throw Invalid(metricName, nameof(objectives), $"quantile {sorted[i].Quantile} is listed more than once.");
            }
        }

        return sorted;
    }

    /// <summary>
    /// ValidateWindow throws <see cref="ArgumentException"/> unless <paramref name="maxAge"/> is positive and
    /// <paramref name="ageBuckets"/> is between 1 and <see cref="MaxAgeBuckets"/>.
    /// </summary>
    public static void ValidateWindow(TimeSpan maxAge, int ageBuckets, string metricName)
    {
        ArgumentNullException.ThrowIfNull(metricName);
        if (maxAge <= TimeSpan.Zero)
        {
            throw Invalid(metricName, nameof(maxAge), $"max age {maxAge} must be positive.");
        }

        if (ageBuckets is < 1 or > MaxAgeBuckets)
        {
            throw Invalid(metricName, nameof(ageBuckets), $"age buckets {ageBuckets} must be between 1 and {MaxAgeBuckets}.");
        }
    }

    private static ArgumentException Invalid(string metricName, string paramName, FormattableString problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Summary '{metricName}': ") + problem.ToString(CultureInfo.InvariantCulture), paramName);
}
