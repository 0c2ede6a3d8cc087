using System.Globalization;
using System.Text;
using Prometheus;

namespace Instrumentation.Benchmarks.Baselines;

/// <summary>
/// The incumbent .NET client as a peer: prometheus-net 8.2.1 on a private registry
/// (<c>Metrics.NewCustomRegistry()</c> and <c>Metrics.WithCustomRegistry(registry)</c>), so none of its
/// default metrics (process, .NET event counters, meters) are registered and the global registry is untouched.
/// </summary>
/// <remarks>
/// Two configurations, as our rows have two: its default (exemplars from the current trace context on
/// counters and histograms) and <see cref="ExemplarBehavior.NoExemplars"/>.
/// <see cref="Samples"/> reads back what was recorded through its own text exposition, so a benchmark can
/// check the peer counted what it was given before timing it.
/// </remarks>
internal sealed class PrometheusNetPeer
{
    private PrometheusNetPeer(bool exemplars)
    {
        Registry = Metrics.NewCustomRegistry();
        Factory = Metrics.WithCustomRegistry(Registry);
        if (!exemplars)
        {
            Factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        }
    }

    /// <summary>The private registry.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The factory over <see cref="Registry"/>.</summary>
    public IMetricFactory Factory { get; }

    /// <summary>prometheus-net's default configuration (exemplars on).</summary>
    public static PrometheusNetPeer Default() => new(exemplars: true);

    /// <summary>Exemplars off.</summary>
    public static PrometheusNetPeer WithoutExemplars() => new(exemplars: false);

    /// <summary>The registry's text exposition (format 0.0.4).</summary>
    public string Scrape()
    {
        using var buffer = new MemoryStream();
        Registry.CollectAndExportAsTextAsync(buffer).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Every sample line of <see cref="Scrape"/>, keyed by its series (name and labels as written), and
    /// throws if the registry holds a family not named in <paramref name="expectedFamilies"/> (a default
    /// metric would make its scrape rows measure more than ours).
    /// </summary>
    public Dictionary<string, double> Samples(params string[] expectedFamilies)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in Scrape().Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var family = line.Split(' ')[2];
                if (!expectedFamilies.Contains(family))
                {
                    throw new InvalidOperationException($"prometheus-net's registry holds '{family}', which the benchmark did not create: default metrics are not suppressed.");
                }
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    /// <summary>The <c>_count</c> and <c>_sum</c> samples of one labelled histogram or summary series.</summary>
    /// <param name="samples">From <see cref="Samples"/>.</param>
    /// <param name="name">The histogram's or summary's name.</param>
    /// <param name="labels">The series' labels as written, e.g. <c>a="a",b="b"</c>.</param>
    public static (double Count, double Sum) CountAndSum(Dictionary<string, double> samples, string name, string labels) =>
        (samples[name + "_count{" + labels + "}"], samples[name + "_sum{" + labels + "}"]);

    /// <summary>The cumulative bucket counts of one histogram series, in bound order with +Inf last.</summary>
    /// <param name="samples">From <see cref="Samples"/>.</param>
    /// <param name="name">The histogram's name.</param>
    /// <param name="labels">The series' labels as written before <c>le</c>, e.g. <c>a="a",b="b",</c>; empty for none.</param>
    public static long[] CumulativeBuckets(Dictionary<string, double> samples, string name, string labels)
    {
        var prefix = name + "_bucket{" + labels + "le=\"";
        var buckets = new List<(double Bound, long Count)>();
        foreach (var (series, value) in samples)
        {
            if (series.StartsWith(prefix, StringComparison.Ordinal))
            {
                var le = series[prefix.Length..^2];
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
                buckets.Add((bound, (long)value));
            }
        }

        buckets.Sort((x, y) => x.Bound.CompareTo(y.Bound));
        return [.. buckets.Select(bucket => bucket.Count)];
    }
}
