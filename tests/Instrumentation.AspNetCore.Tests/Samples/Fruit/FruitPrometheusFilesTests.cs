using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The fruit sample's Prometheus configuration, alert rules and dashboard, checked by the real promtool and against the workshop.</summary>
public sealed class FruitPrometheusFilesTests
{
    private static readonly string FruitDirectory = RepositoryPaths.Of("samples", "Fruit");

    [Fact]
    public async Task PrometheusYml_IsValid_AndLoadsTheAlertRules()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");

        var (exitCode, output) = await ExternalTool.RunAsync(
            promtool, $"check config \"{Path.Combine(FruitDirectory, "prometheus.yml")}\"", null, TimeSpan.FromSeconds(30));

        exitCode.Should().Be(0, $"promtool check config said:\n{output}");
        output.Should().Contain("1 rule files found");
        var config = await File.ReadAllTextAsync(Path.Combine(FruitDirectory, "prometheus.yml"));
        config.Should().Contain("'127.0.0.1:5000'").And.Contain("'127.0.0.1:5001'");
    }

    [Fact]
    public async Task AlertsYml_IsValid_AndHasTheStalledAndLatencyAlerts()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        var path = Path.Combine(FruitDirectory, "alerts.yml");

        var (exitCode, output) = await ExternalTool.RunAsync(promtool, $"check rules \"{path}\"", null, TimeSpan.FromSeconds(30));

        exitCode.Should().Be(0, $"promtool check rules said:\n{output}");
        var rules = await File.ReadAllTextAsync(path);
        rules.Should().Contain("alert: FruitBackendStalled").And.Contain("alert: FruitLatencyP95High");
    }

    [Fact]
    public async Task AlertsTestYml_PassesPromtoolTestRules()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");

        var (exitCode, output) = await ExternalTool.RunAsync(
            promtool, $"test rules \"{Path.Combine(FruitDirectory, "alerts.test.yml")}\"", null, TimeSpan.FromSeconds(60));

        exitCode.Should().Be(0, $"promtool test rules said:\n{output}");
        output.Should().Contain("SUCCESS");
        var tests = await File.ReadAllTextAsync(Path.Combine(FruitDirectory, "alerts.test.yml"));
        tests.Should().Contain("alertname: FruitBackendDown").And.Contain("alertname: FruitBackendStalled").And.Contain("alertname: FruitLatencyP95High");
    }

    [Fact]
    public void Dashboard_HasTheWorkshopPanels()
    {
        using var dashboard = GrafanaDashboard.Load(Path.Combine(FruitDirectory, "grafana", "fruit-dashboard.json"));
        var expressions = dashboard.Queries.Select(q => q.Expression).ToList();

        expressions.Should().Contain(e => e.Contains("all_fruits", StringComparison.Ordinal), "fruits total")
            .And.Contain(e => e.Contains("sum by (fruit) (recent_fruits", StringComparison.Ordinal), "fruits per fruit")
            .And.Contain(e => e.Contains("rate(hello_total", StringComparison.Ordinal), "hello rate")
            .And.Contain(e => e.Contains("rate(http_latency_count", StringComparison.Ordinal), "request rates")
            .And.Contain(e => e.StartsWith("histogram_quantile(0.5, sum by (le, endpoint) (rate(http_latency_bucket", StringComparison.Ordinal), "p50 per endpoint")
            .And.Contain(e => e.StartsWith("histogram_quantile(0.95, sum by (le, endpoint) (rate(http_latency_bucket", StringComparison.Ordinal), "p95 per endpoint")
            .And.Contain(e => e.Contains("by (quantile) (worker_job_duration_seconds", StringComparison.Ordinal), "job duration quantiles")
            .And.Contain(e => e.Contains("rate(worker_messages_processed_total", StringComparison.Ordinal), "processed messages rate")
            .And.Contain(e => e.StartsWith("histogram_quantile(0.99, sum by (endpoint) (rate(http_latency{", StringComparison.Ordinal), "p99 over the native histogram");
    }
}
