using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Handlers;

/// <summary>samples/Handlers' prometheus.yml, alert rules, their unit tests and the dashboard, checked by the real promtool.</summary>
public sealed class HandlersPrometheusFilesTests
{
    private static readonly string SampleDirectory = RepositoryPaths.Of("samples", "Handlers");

    [Theory]
    [InlineData("check config", "prometheus.yml", "1 rule files found")]
    [InlineData("check rules", "alerts.yml", "3 rules found")]
    [InlineData("test rules", "alerts.test.yml", "SUCCESS")]
    public async Task Promtool_Accepts(string command, string file, string expected)
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");

        var (exitCode, output) = await ExternalTool.RunAsync(
            promtool, $"{command} \"{Path.Combine(SampleDirectory, file)}\"", stdin: null, TimeSpan.FromSeconds(60));

        exitCode.Should().Be(0, $"promtool {command} {file} said:\n{output}");
        output.Should().Contain(expected);
    }

    [Fact]
    public async Task AlertsTest_CoversEveryAlert()
    {
        var rules = await File.ReadAllTextAsync(Path.Combine(SampleDirectory, "alerts.yml"));
        var tests = await File.ReadAllTextAsync(Path.Combine(SampleDirectory, "alerts.test.yml"));

        foreach (var alert in new[] { "HandlerLatencyP99High", "HandlerErrorRateHigh", "HandlerAuthenticationFailuresHigh" })
        {
            rules.Should().Contain($"alert: {alert}");
            tests.Should().Contain($"alertname: {alert}", $"alerts.test.yml should prove when {alert} fires");
        }
    }

    [Fact]
    public void Dashboard_ShowsCallRatesLatencyQuantilesAndFailuresPerHandler()
    {
        using var dashboard = GrafanaDashboard.Load(Path.Combine(SampleDirectory, "grafana", "handlers-dashboard.json"));
        var expressions = dashboard.Queries.Select(q => q.Expression).ToList();

        expressions.Should().Contain(e => e.StartsWith("sum by (method, route) (rate(handler_calls_total", StringComparison.Ordinal), "call rate per handler")
            .And.Contain(e => e.Contains("by (method, route, quantile) (handler_duration_seconds{", StringComparison.Ordinal), "summary quantiles per handler")
            .And.Contain(e => e.Contains("handler_calls_total{", StringComparison.Ordinal) && e.Contains("status_code=~", StringComparison.Ordinal), "failed calls")
            .And.Contain(e => e.Contains("http_response_status_code=\"401\"", StringComparison.Ordinal), "refused requests");
    }
}
