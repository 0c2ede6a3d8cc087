using System.Globalization;

namespace Instrumentation.Instruments;

/// <summary>Histogram bucket layouts: the Prometheus defaults, linear and exponential series, and their validation.</summary>
public static class Buckets
{
    private static readonly double[] DefaultBounds = [.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10];

    /// <summary>The default upper bounds known from the Prometheus clients: .005 to 10 (seconds), 14 buckets.</summary>
    public static IReadOnlyList<double> Default { get; } = Array.AsReadOnly(DefaultBounds);

    /// <summary>Returns <paramref name="count"/> bounds starting at <paramref name="start"/>, each <paramref name="width"/> above the last.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Count is below 1, width is not positive, or a value is not finite.</exception>
    public static double[] Linear(double start, double width, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!double.IsFinite(start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "The first bucket bound must be a finite number.");
        }

        if (!(width > 0) || !double.IsFinite(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The bucket width must be a finite number above 0.");
        }

        var bounds = new double[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = start + (i * width);
        }

        return bounds;
    }

    /// <summary>Returns <paramref name="count"/> bounds starting at <paramref name="start"/>, each <paramref name="factor"/> times the last.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Count is below 1, start is not positive, or factor is not above 1.</exception>
    public static double[] Exponential(double start, double factor, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(start > 0) || !double.IsFinite(start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "The first bucket bound of an exponential series must be a finite number above 0.");
        }

        if (!(factor > 1) || !double.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The growth factor of an exponential series must be a finite number above 1.");
        }

        var bounds = new double[count];
        bounds[0] = start;
        for (var i = 1; i < count; i++)
        {
            bounds[i] = bounds[i - 1] * factor;
        }

        return bounds;
    }

    /// <summary>
    /// Checks bucket bounds and returns them as an owned array: a trailing +Inf is dropped (it is
    /// always implied); empty, unsorted, duplicate or non-finite bounds throw, naming the metric.
    /// </summary>
    internal static double[] Validate(string metricName, IReadOnlyList<double>? bounds)
    {
        if (bounds is null)
        {
            return DefaultBounds;
        }

        var list = new List<double>(bounds);
        if (list.Count > 0 && double.IsPositiveInfinity(list[^1]))
        {
            list.RemoveAt(list.Count - 1);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException($"Histogram '{metricName}': the bucket list is empty; give at least one finite upper bound (or omit it for the defaults).", nameof(bounds));
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (!double.IsFinite(list[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Histogram '{metricName}': bucket bound {list[i]} at position {i} is not finite; bounds must be finite numbers (+Inf is implied as the last bucket)."), nameof(bounds));
            }

            if (i > 0 && list[i] == list[i - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Histogram '{metricName}': bucket bound {list[i]} appears twice; each bound must be unique."), nameof(bounds));
            }

            if (i > 0 && list[i] < list[i - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Histogram '{metricName}': bucket bounds must be sorted ascending, but {list[i]} at position {i} follows {list[i - 1]}."), nameof(bounds));
            }
        }

        return list.ToArray();
    }
}
