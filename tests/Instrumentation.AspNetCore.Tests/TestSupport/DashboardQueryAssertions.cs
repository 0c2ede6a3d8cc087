using System.Text.RegularExpressions;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>Runs every query of a Grafana dashboard against a real Prometheus, as Grafana would when it opens the dashboard.</summary>
internal static partial class DashboardQueryAssertions
{
    /// <summary>
    /// Polls until every panel query returns at least one series with a number (not NaN, which a panel
    /// draws as nothing), and every query variable offers its default value; fails listing those that never did.
    /// </summary>
    public static async Task ShouldAnswerEveryQueryOfAsync(this PrometheusServer prometheus, GrafanaDashboard dashboard, TimeSpan timeout)
    {
        var pending = new Dictionary<string, string>();
        foreach (var query in dashboard.Queries)
        {
            var promql = dashboard.ToPromQL(query.Expression);
            pending[$"panel '{query.Panel}' {query.RefId}: {promql}"] = promql;
        }

        foreach (var variable in dashboard.Variables.Where(v => v.GetProperty("type").GetString() == "query"))
        {
            var name = variable.GetProperty("name").GetString()!;
            var labelValues = LabelValues().Match(variable.GetProperty("query").GetString()!);
            labelValues.Success.Should().BeTrue($"the variable ${name} should be a label_values(metric, label) query");
            var (metric, label, value) = (labelValues.Groups["metric"].Value, labelValues.Groups["label"].Value, dashboard.DefaultValueOf(name));
            var promql = $"count by ({label}) ({metric}{{{label}=\"{value}\"}})";
            pending[$"variable ${name} offers '{value}': {promql}"] = promql;
        }

        pending.Should().NotBeEmpty($"{dashboard.Path} should have queries");
        var deadline = DateTime.UtcNow + timeout;
        var lastSeen = new Dictionary<string, string>();
        while (true)
        {
            foreach (var (description, promql) in pending.ToList())
            {
                IReadOnlyList<(Dictionary<string, string> Labels, double Value)> results;
                try
                {
                    results = await prometheus.QueryAsync(promql);
                }
                catch (HttpRequestException exception)
                {
                    throw new InvalidOperationException($"Prometheus refused {description} in {dashboard.Path}: {exception.Message}", exception);
                }

                if (results.Any(r => !double.IsNaN(r.Value)))
                {
                    pending.Remove(description);
                }
                else
                {
                    lastSeen[description] = results.Count == 0 ? "no series" : $"{results.Count} series, all NaN";
                }
            }

            if (pending.Count == 0 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        pending.Keys.Select(d => $"{d} ({lastSeen[d]})").Should().BeEmpty($"every query of {dashboard.Path} should return data");
    }

    [GeneratedRegex(@"^\s*label_values\(\s*(?<metric>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$")]
    private static partial Regex LabelValues();
}
