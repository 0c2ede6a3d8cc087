using System.Diagnostics;
using System.Text;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;
using Xunit.Abstractions;

namespace Instrumentation.Tests.Exposition;

/// <summary>
/// Feeds our Prometheus text to Prometheus' own linter and parser. promtool only reads the text format,
/// so OpenMetrics output is checked by <see cref="OpenMetricsStructure"/> in the writer tests.
/// </summary>
public class PromtoolCheckTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PrometheusText_OfEveryTypeWithTrickyLabels_PassesPromtoolCheckMetrics()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionSamples.PopulateEveryType(factory);
        using var scraper = new MetricsScraper([factory, ExpositionSamples.SummarySource()]);
        using var body = new MemoryStream();
        await scraper.WriteAsync(body, ExpositionFormat.PrometheusText);
        var text = Encoding.UTF8.GetString(body.ToArray());

        var (exitCode, stdout, stderr) = await RunPromtoolAsync(body.ToArray());

        output.WriteLine(text);
        exitCode.Should().Be(0, $"promtool check metrics must accept the exposition.\nstdout: {stdout}\nstderr: {stderr}\ntext:\n{text}");
        text.Should().Contain("# TYPE shop_orders_total counter")
            .And.Contain("# TYPE shop_queue_items gauge")
            .And.Contain("# TYPE shop_request_duration_seconds histogram")
            .And.Contain("# TYPE worker_job_duration_seconds summary")
            .And.Contain("shop_orders_total{shop=\"new\\nline\"} 4.5");
    }

    [Fact]
    public async Task Promtool_GivenBrokenText_Fails()
    {
        // Proves the check above can fail: the same tool rejects a malformed exposition.
        var (exitCode, _, _) = await RunPromtoolAsync(Encoding.UTF8.GetBytes("# TYPE broken counter\nbroken_total{le=\"unterminated} 1\n"));

        exitCode.Should().NotBe(0);
    }

    internal static async Task<(int ExitCode, string Stdout, string Stderr)> RunPromtoolAsync(byte[] input)
    {
        var promtool = FindOnPath("promtool");
        promtool.Should().NotBeNull("promtool is needed to validate the exposition; install it with: apt-get install -y prometheus");

        var start = new ProcessStartInfo(promtool!, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
