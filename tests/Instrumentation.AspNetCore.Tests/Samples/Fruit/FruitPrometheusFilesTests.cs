using Instrumentation.AspNetCore.Tests.TestSupport;

namespace Instrumentation.AspNetCore.Tests.Samples.Fruit;

/// <summary>The fruit sample's Prometheus configuration and alert rules, checked by the real promtool.</summary>
public sealed class FruitPrometheusFilesTests
{
    private static readonly string FruitDirectory = Path.Combine(RepositoryRoot(), "samples", "Fruit");

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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Instrumentation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Instrumentation.sln above {AppContext.BaseDirectory}.");
    }
}
