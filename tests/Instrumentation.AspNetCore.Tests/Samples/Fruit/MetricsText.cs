using System.Globalization;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>Reads one sample's value out of Prometheus text.</summary>
internal static class MetricsText
{
    /// <summary>The value of the line starting with <paramref name="series"/> and a space, or null if absent.</summary>
    public static double? Value(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
