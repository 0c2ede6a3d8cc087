using System.Text.RegularExpressions;
using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Migration;

/// <summary>
/// The same calls through prometheus-net 8.2.1 and through ours (<see cref="PrometheusNetCalls"/>) give the same
/// exposition, series by series, except the differences docs/migrating.md lists under "From prometheus-net: what
/// differs". Each is one named allowance here, so any other difference fails.
/// </summary>
public sealed partial class PrometheusNetParityTests
{
    /// <summary>Difference 1: a counter created without <c>_total</c> is written with it by ours, as given by prometheus-net.</summary>
    private static readonly Dictionary<string, string> CountersNamedWithoutTotal = new(StringComparer.Ordinal) { ["app_errors"] = "app_errors_total" };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SameCalls_GiveTheSameSeries_ExceptDocumentedDifferences(bool openMetrics)
    {
        var theirs = ExpositionSeries.Parse(await PrometheusNetCalls.ThroughPrometheusNetAsync(openMetrics));
        var ours = ExpositionSeries.Parse(PrometheusNetCalls.ThroughOurs(openMetrics));
        var differences = new List<string>();

        var theirSamples = theirs.Samples.Select(s => CountersNamedWithoutTotal.TryGetValue(s.Name, out var renamed) ? s with { Name = renamed } : s).ToDictionary(s => s.Key);
        // Difference 2 (OpenMetrics): ours writes _created for counters, histograms and summaries; prometheus-net writes none.
        var ourSamples = ours.Samples.Where(s => !(openMetrics && s.Name.EndsWith("_created", StringComparison.Ordinal))).ToDictionary(s => s.Key);

        differences.AddRange(theirSamples.Keys.Except(ourSamples.Keys).Select(k => $"only prometheus-net has {k}"));
        differences.AddRange(ourSamples.Keys.Except(theirSamples.Keys).Select(k => $"only ours has {k}"));
        foreach (var (key, their) in theirSamples)
        {
            if (!ourSamples.TryGetValue(key, out var our) || our.Value.Equals(their.Value) || AllowedValueDifference(our, their))
            {
                continue;
            }

            differences.Add($"{key}: ours {our.ValueText}, prometheus-net's {their.ValueText}");
        }

        foreach (var (key, their) in theirSamples)
        {
            if (ourSamples.TryGetValue(key, out var our) && !SameExemplar(our.Exemplar, their.Exemplar))
            {
                differences.Add($"{key}: exemplar ours '{our.Exemplar}', prometheus-net's '{their.Exemplar}'");
            }
        }

        CompareMetadata("TYPE", ours.Types, theirs.Types, openMetrics, differences);
        CompareMetadata("HELP", ours.Help, theirs.Help, openMetrics, differences);
        CompareMetadata("UNIT", ours.Units, theirs.Units, openMetrics, differences);

        differences.Should().BeEmpty("docs/migrating.md lists every difference from prometheus-net; these are not listed");
        ourSamples.Values.Where(s => s.Exemplar is not null).Should().HaveCount(openMetrics ? 2 : 0, "both write the traced counter's and bucket's exemplars in OpenMetrics only");
    }

    [Fact]
    public async Task NumberFormatting_DiffersOnlyInText_NotInValue()
    {
        // Difference 4: the same value, written differently: ours in Go's shortest form (1.23456789e+08, 2),
        // prometheus-net with .NET's (123456789, and 2.0 in OpenMetrics).
        var theirs = ExpositionSeries.Parse(await PrometheusNetCalls.ThroughPrometheusNetAsync(openMetrics: true));
        var ours = ExpositionSeries.Parse(PrometheusNetCalls.ThroughOurs(openMetrics: true));

        var big = """app_queue_length{queue="big"}""";
        ours.Samples.Single(s => s.Key == big).ValueText.Should().Be("1.23456789e+08");
        theirs.Samples.Single(s => s.Key == big).ValueText.Should().Be("123456789.0");
        ours.Samples.Single(s => s.Key == """app_queue_length{queue="fruits"}""").ValueText.Should().Be("10");
        theirs.Samples.Single(s => s.Key == """app_queue_length{queue="fruits"}""").ValueText.Should().Be("10.0");
    }

    private static bool AllowedValueDifference(ExpositionSample ours, ExpositionSample theirs)
    {
        // Summary quantiles are not a difference: over the observations 1..100 both report the value of rank ⌈q·n⌉.
        // Difference 3 (not the libraries'): each NewTimer() measured its own empty block.
        return ours.Name == "app_timed_seconds_sum" && ours.Value < 1 && theirs.Value < 1;
    }

    // Each library recorded its exemplar in its own span of the same trace, a moment apart: same labels, trace and value.
    private static bool SameExemplar(string? ours, string? theirs)
    {
        if (ours is null || theirs is null)
        {
            return ours == theirs;
        }

        var our = ExemplarParts().Match(ours);
        var their = ExemplarParts().Match(theirs);
        return our.Success && their.Success
            && our.Groups["trace"].Value == their.Groups["trace"].Value
            && double.Parse(our.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)
                == double.Parse(their.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void CompareMetadata(string kind, IReadOnlyDictionary<string, string> ours, IReadOnlyDictionary<string, string> theirs, bool openMetrics, List<string> differences)
    {
        var their = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (family, text) in theirs)
        {
            // Difference 1 again: in text, ours names the family app_errors_total; in OpenMetrics prometheus-net types it 'unknown'.
            var name = !openMetrics && CountersNamedWithoutTotal.TryGetValue(family, out var renamed) ? renamed : family;
            their[name] = openMetrics && kind == "TYPE" && CountersNamedWithoutTotal.ContainsKey(family) && text == "unknown" ? "counter" : text;
        }

        foreach (var family in their.Keys.Union(ours.Keys).Order(StringComparer.Ordinal))
        {
            their.TryGetValue(family, out var t);
            ours.TryGetValue(family, out var o);
            if (t != o)
            {
                differences.Add($"# {kind} {family}: ours '{o}', prometheus-net's '{t}'");
            }
        }
    }

    [GeneratedRegex("""^\{trace_id="(?<trace>[0-9a-f]{32})",span_id="[0-9a-f]{16}"\} (?<value>\S+) \S+$""")]
    private static partial Regex ExemplarParts();
}
