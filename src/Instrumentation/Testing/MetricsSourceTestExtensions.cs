using System.Buffers;
using System.Text;
using Instrumentation.Collection;
using Instrumentation.Exposition;

namespace Instrumentation.Testing;

/// <summary>
/// Test helpers for code that records metrics: read the current value of a series, or compare the
/// exposition of chosen families with the text you expect. They work on any <see cref="IMetricsSource"/>,
/// usually a <see cref="MetricFactory"/> created for the test.
/// </summary>
/// <remarks>
/// Each call collects the source afresh. Metric names may be given as the family name or, for counters,
/// with <c>_total</c>. Label values are given in the order of the family's label names. Failures throw
/// <see cref="MetricsAssertionException"/> with a message that lists what does exist.
/// </remarks>
public static class MetricsSourceTestExtensions
{
    /// <summary>Returns the current value of a counter or gauge series.</summary>
    /// <param name="source">The metrics to read, usually a <see cref="MetricFactory"/>.</param>
    /// <param name="metricName">The metric name (a counter with or without <c>_total</c>).</param>
    /// <param name="labelValues">The series' label values in label-name order; none for an unlabelled metric.</param>
    /// <exception cref="MetricsAssertionException">The metric or series does not exist, or the metric is a histogram or summary.</exception>
    public static double GetValue(this IMetricsSource source, string metricName, params string[] labelValues)
    {
        var finder = Find(source, metricName, labelValues, MetricType.Counter, MetricType.Gauge);
        return finder.Value;
    }

    /// <summary>Returns the count, sum and cumulative buckets of a histogram series.</summary>
    /// <inheritdoc cref="GetValue" path="/param"/>
    /// <exception cref="MetricsAssertionException">The metric or series does not exist, or the metric is not a histogram.</exception>
    public static HistogramValue GetHistogram(this IMetricsSource source, string metricName, params string[] labelValues) =>
        Find(source, metricName, labelValues, MetricType.Histogram).Histogram!;

    /// <summary>Returns the count, sum and quantiles of a summary series.</summary>
    /// <inheritdoc cref="GetValue" path="/param"/>
    /// <exception cref="MetricsAssertionException">The metric or series does not exist, or the metric is not a summary.</exception>
    public static SummaryValue GetSummary(this IMetricsSource source, string metricName, params string[] labelValues) =>
        Find(source, metricName, labelValues, MetricType.Summary).Summary!;

    /// <summary>Renders the chosen families (all when none are named) in <paramref name="format"/>.</summary>
    /// <param name="source">The metrics to render.</param>
    /// <param name="format">The exposition format; OpenMetrics output ends with <c># EOF</c>.</param>
    /// <param name="metricNames">Family names to include (a counter with or without <c>_total</c>); none for all.</param>
    /// <exception cref="ArgumentException"><paramref name="format"/> is the binary <see cref="ExpositionFormat.PrometheusProtobuf"/>.</exception>
    public static string ExpositionOf(this IMetricsSource source, ExpositionFormat format, params string[] metricNames) =>
        Render(source, format, metricNames, out _);

    /// <summary>
    /// Renders the chosen families (all when none are named) in Prometheus text format and compares the
    /// result with <paramref name="expectedText"/> line by line, ignoring trailing whitespace, line-ending
    /// style and blank lines at the start and end.
    /// </summary>
    /// <param name="source">The metrics to check.</param>
    /// <param name="expectedText">The expected <c># HELP</c>, <c># TYPE</c> and sample lines.</param>
    /// <param name="metricNames">Family names to include (a counter with or without <c>_total</c>); none for all.</param>
    /// <exception cref="MetricsAssertionException">The texts differ; the message shows each differing line, expected and actual.</exception>
    public static void ShouldHaveExposition(this IMetricsSource source, string expectedText, params string[] metricNames)
    {
        ArgumentNullException.ThrowIfNull(expectedText);
        var actual = Render(source, ExpositionFormat.PrometheusText, metricNames, out var filter);
        var difference = ExpositionComparison.Compare(expectedText, actual);
        if (difference is null)
        {
            return;
        }

        var missing = metricNames.Where(name => !filter.Matched.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            difference += $"\nNo metric named {string.Join(", ", missing.Select(n => "'" + n + "'"))} exists; metrics that exist: {DescribeAll(filter.Seen)}.";
        }

        throw new MetricsAssertionException(difference);
    }

    private static string Render(IMetricsSource source, ExpositionFormat format, string[] metricNames, out FamilyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metricNames);
        if (format == ExpositionFormat.PrometheusProtobuf)
        {
            throw new ArgumentException("The protobuf format is binary and cannot be returned as a string; use a text format, or MetricsScraper.WriteAsync for the bytes.", nameof(format));
        }

        var buffer = new ArrayBufferWriter<byte>();
        var writer = ExpositionWriter.Create(format, buffer);
        filter = new FamilyFilter(writer, metricNames);
        source.Collect(filter);
        writer.Complete();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static SeriesFinder Find(IMetricsSource source, string metricName, string[] labelValues, params MetricType[] types)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metricName);
        ArgumentNullException.ThrowIfNull(labelValues);
        var finder = new SeriesFinder(metricName, labelValues);
        source.Collect(finder);

        if (finder.Family is not { } family)
        {
            throw new MetricsAssertionException($"No metric named '{metricName}' exists; metrics that exist: {DescribeAll(finder.Families)}.");
        }

        if (!types.Contains(family.Type))
        {
            var reader = family.Type switch
            {
                MetricType.Histogram => nameof(GetHistogram),
                MetricType.Summary => nameof(GetSummary),
                _ => nameof(GetValue),
            };
            throw new MetricsAssertionException($"Metric '{metricName}' is a {family.Type.ToString().ToLowerInvariant()}; read it with {reader}(...).");
        }

        if (!finder.Found)
        {
            throw new MetricsAssertionException(
                $"Metric '{metricName}' has no series with label values {SeriesFinder.DescribeValues(labelValues)}; series that exist: {DescribeAll(finder.Series)}.");
        }

        return finder;
    }

    private static string DescribeAll(List<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
}
