using System.Text.Json;
using System.Text.RegularExpressions;
using Instrumentation.AspNetCore.Tests.TestSupport;
using static Instrumentation.AspNetCore.Tests.Samples.Login.LoginClient;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>samples/Login's prometheus.yml, alerts and dashboard, checked by the real promtool and against the app.</summary>
public sealed partial class LoginPrometheusFilesTests
{
    private static readonly string SampleDirectory = RepositoryPaths.Of("samples", "Login");

    [Theory]
    [InlineData("check config prometheus.yml")]
    [InlineData("check rules alerts.yml")]
    [InlineData("test rules alerts.test.yml")]
    public async Task Promtool_Accepts(string command)
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");

        var (exitCode, output) = await RunInSampleDirectoryAsync(promtool, command);

        exitCode.Should().Be(0, $"promtool {command} said:\n{output}");
        output.Should().Contain("SUCCESS");
    }

    [Fact]
    public async Task Dashboard_QueriesOnlyMetricsTheAppExports_ColoursLoginsGreenAndRed_AndShowsRatesAndLatency()
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SampleDirectory, "grafana", "login-dashboard.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        var expressions = panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        await using var app = new LoginAppFactory();
        using var client = app.CreateClient();
        (await RegisterAsync(client, "ann", "correct horse")).EnsureSuccessStatusCode();
        await LoginAsync(client, "ann", "correct horse");
        var exposition = await client.GetStringAsync("/metrics");

        var metricNames = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct().ToList();
        metricNames.Should().Contain(["total_users", "successful_login_details_total", "failed_login_details_total"]);
        foreach (var name in metricNames)
        {
            exposition.Should().MatchRegex($@"(?m)^{name}[{{ ]", $"the dashboard queries {name}");
        }

        var logins = panels.Single(p => p.GetProperty("title").GetString() == "Logins per second");
        var colours = logins.GetProperty("fieldConfig").GetProperty("overrides").EnumerateArray().ToDictionary(
            o => o.GetProperty("matcher").GetProperty("options").GetString()!,
            o => o.GetProperty("properties")[0].GetProperty("value").GetProperty("fixedColor").GetString());
        colours.Should().Equal(new Dictionary<string, string?> { ["successful"] = "green", ["failed"] = "red" });
        panels.Should().Contain(p => p.GetProperty("title").GetString() == "Total users");
        expressions.Should().Contain(e => e.Contains("rate(http_server_request_duration_seconds_count", StringComparison.Ordinal), "request rates")
            .And.Contain(e => e.StartsWith("histogram_quantile(0.5, sum by (le, http_route)", StringComparison.Ordinal), "p50 per route")
            .And.Contain(e => e.StartsWith("histogram_quantile(0.95, sum by (le, http_route)", StringComparison.Ordinal), "p95 per route");
    }

    private static async Task<(int ExitCode, string Output)> RunInSampleDirectoryAsync(string promtool, string command)
    {
        // promtool resolves rule_files relative to the file it reads; absolute paths keep the test independent of the working directory.
        var parts = command.Split(' ');
        var arguments = $"{parts[0]} {parts[1]} {Path.Combine(SampleDirectory, parts[2])}";
        return await ExternalTool.RunAsync(promtool, arguments, stdin: null, TimeSpan.FromSeconds(60));
    }

    // Metric names in PromQL: the identifiers followed by a selector, a range or a closing parenthesis, not functions or labels.
    [GeneratedRegex(@"\b[a-z_]+_(?:total|users|count|bucket)\b(?=\{|\[|\))")]
    private static partial Regex MetricName();
}
