using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Instrumentation.AspNetCore.Tests.TestSupport;

/// <summary>
/// A real Prometheus (the Debian package's binary) on 127.0.0.1 with a temporary data directory,
/// scraping the given targets every second; stopped by its process id on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static Task<PrometheusServer> StartAsync(string jobName, string target, string metricsPath) =>
        StartAsync([(jobName, target)], metricsPath);

    /// <summary>
    /// Starts Prometheus scraping each (job, target) pair every second on <paramref name="metricsPath"/>, with
    /// <paramref name="features"/> passed to <c>--enable-feature</c> when given (for example <c>native-histograms</c>).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<(string Job, string Target)> targets, string metricsPath, params string[] features)
    {
        var binary = ExternalTool.Require("prometheus", "prometheus");
        var directory = Directory.CreateTempSubdirectory("instrumentation-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var jobs = string.Concat(targets.Select(t => $"""

              - job_name: {t.Job}
                metrics_path: {metricsPath}
                static_configs:
                  - targets: ['{t.Target}']
            """));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:{jobs}
            """);
        var port = FreePort.Next();
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (features.Length > 0)
        {
            start.ArgumentList.Add($"--enable-feature={string.Join(',', features)}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start prometheus.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, port);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Waits until the only target has been scraped (a scrape that timed out does not count), and returns its health and last error.</summary>
    public async Task<(string Health, string LastError, string ScrapeUrl)> WaitForFirstScrapeAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync("/api/v1/targets"));
            var active = document.RootElement.GetProperty("data").GetProperty("activeTargets");
            if (active.GetArrayLength() > 0)
            {
                var target = active[0];
                var health = target.GetProperty("health").GetString()!;
                var lastError = target.GetProperty("lastError").GetString()!;

                // A scrape that timed out (1 s) on a machine busy with the rest of the test run says nothing about the
                // app: wait for the next one. Every other outcome, failures included, is the answer.
                var timedOut = lastError.Contains("context deadline exceeded", StringComparison.Ordinal);
                if ((health != "unknown" && !timedOut) || DateTime.UtcNow > deadline)
                {
                    return (health, lastError, target.GetProperty("scrapeUrl").GetString()!);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Prometheus listed no target in time.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Runs an instant query and returns each result's labels and value.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var response = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        response.GetProperty("status").GetString().Should().Be("success", $"the query {promql} should run");
        var results = new List<(Dictionary<string, string>, double)>();
        foreach (var item in response.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = new Dictionary<string, string>();
            foreach (var label in item.GetProperty("metric").EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString()!;
            }

            var value = item.GetProperty("value")[1].GetString()!;
            results.Add((labels, double.Parse(value, CultureInfo.InvariantCulture)));
        }

        return results;
    }

    /// <summary>
    /// Returns the exemplars stored for <paramref name="promql"/> over the last hour (needs the <c>exemplar-storage</c>
    /// feature): each with its series' labels, its own labels and its value.
    /// </summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Series, Dictionary<string, string> Labels, double Value)>> QueryExemplarsAsync(string promql)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds();
        var start = end - 3600;
        var response = await _http.GetFromJsonAsync<JsonElement>(
            $"/api/v1/query_exemplars?query={Uri.EscapeDataString(promql)}&start={start}&end={end}");
        response.GetProperty("status").GetString().Should().Be("success", $"the exemplar query {promql} should run");
        var results = new List<(Dictionary<string, string>, Dictionary<string, string>, double)>();
        foreach (var series in response.GetProperty("data").EnumerateArray())
        {
            var seriesLabels = series.GetProperty("seriesLabels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            foreach (var exemplar in series.GetProperty("exemplars").EnumerateArray())
            {
                var labels = exemplar.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
                results.Add((seriesLabels, labels, double.Parse(exemplar.GetProperty("value").GetString()!, CultureInfo.InvariantCulture)));
            }
        }

        return results;
    }

    /// <summary>Polls <paramref name="promql"/> until it returns at least one result.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> QueryUntilPresentAsync(string promql, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var results = await QueryAsync(promql);
            if (results.Count > 0 || DateTime.UtcNow > deadline)
            {
                return results;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Polls <paramref name="promql"/> (which must give one series) until its value is <paramref name="expected"/>
    /// or the time is up, and returns the last value seen (NaN while there is none).
    /// </summary>
    public async Task<double> QueryUntilValueAsync(string promql, double expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var results = await QueryAsync(promql);
            var value = results.Count == 1 ? results[0].Value : double.NaN;
            if (value == expected || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited at start with code {_process.ExitCode}.");
            }

            try
            {
                var response = await _http.GetAsync("/-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("prometheus did not become ready within 30 s.");
    }
}
