using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>
/// Starts every configuration on a free port, sends each route the requests the load test sends, scrapes the metrics
/// endpoint and checks that it shows what the configuration records (and, for the bare app, that there is none).
/// Cheap: the script's <c>--dry</c> runs it in CI, so the load test cannot rot unnoticed.
/// </summary>
internal static class Smoke
{
    private const int Series = 100;

    /// <summary>Names each configuration's scrape must show after the requests (the extra series included).</summary>
    private static readonly Dictionary<AppConfiguration, string[]> Expected = new()
    {
        [AppConfiguration.Bare] = [],
        [AppConfiguration.BareWithNoOpListener] = [],
        [AppConfiguration.OursOwnCellsPrototype] =
        [
            "http_request_duration_seconds_count{method=\"GET\",route=\"/items/{id:int}\",status_code=\"200\"}",
            "aspnetcore_prototype_request_duration_seconds_count{http_request_method=\"POST\",http_response_status_code=\"201\",http_route=\"/orders\"",
        ],
        [AppConfiguration.Ours] =
        [
            "http_request_duration_seconds_bucket{method=\"POST\",route=\"/orders\",status_code=\"201\"",
            "http_request_duration_seconds_count{method=\"GET\",route=\"/items/{id:int}\",status_code=\"200\"}",
            "http_server_request_duration_seconds_count{",
            "http_request_size_bytes_count{method=\"POST\",route=\"/orders\",status=\"201\"}",
            "app_load_series_9_total{id=\"9\"} 10",
        ],
        [AppConfiguration.OursAddMetricsOnly] = ["http_server_request_duration_seconds_count{", "app_load_series_9_total{id=\"9\"} 10"],
        [AppConfiguration.OursWithoutSizes] =
        [
            "http_request_duration_seconds_count{method=\"GET\",route=\"/items/{id:int}\",status_code=\"200\"}",
            "app_load_series_9_total{id=\"9\"} 10",
        ],
        [AppConfiguration.OursWithoutAspNetCoreMeters] =
        [
            "http_request_duration_seconds_count{method=\"GET\",route=\"/items/{id:int}\",status_code=\"200\"}",
            "http_request_size_bytes_count{method=\"POST\",route=\"/orders\",status=\"201\"}",
        ],
        [AppConfiguration.PrometheusNet] =
        [
            "http_request_duration_seconds_count{code=\"201\",method=\"POST\",controller=\"\",action=\"\",endpoint=\"/orders\"}",
            "http_requests_received_total{code=\"200\",method=\"GET\",controller=\"\",action=\"\",endpoint=\"/items/{id:int}\"}",
            "app_load_series_9_total{id=\"9\"} 10",
        ],
        [AppConfiguration.OpenTelemetry] =
        [
            "http_server_request_duration_seconds_count{",
            "http_route=\"/items/{id:int}\"",
            "app_load_series_9_total{otel_scope_name=\"AppLoad.Series\"",
        ],
    };

    public static async Task<int> RunAsync(TextWriter output)
    {
        var failures = 0;
        foreach (var (name, configuration) in Configurations.ByName)
        {
            var problems = await CheckAsync(configuration).ConfigureAwait(false);
            await output.WriteLineAsync($"{name}: {(problems.Count == 0 ? "serves its routes and metrics" : "FAILED\n  " + string.Join("\n  ", problems))}").ConfigureAwait(false);
            failures += problems.Count == 0 ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<List<string>> CheckAsync(AppConfiguration configuration)
    {
        var problems = new List<string>();
        await using var app = LoadApp.Build(configuration, "http://127.0.0.1:0", Series);
        await app.StartAsync().ConfigureAwait(false);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            await ExpectAsync(client.GetAsync(new Uri("/", UriKind.Relative)), HttpStatusCode.OK, Routes.Greeting, "GET /", problems).ConfigureAwait(false);
            await ExpectAsync(client.GetAsync(new Uri("/items/42", UriKind.Relative)), HttpStatusCode.OK, "\"name\":\"item 42\"", "GET /items/42", problems).ConfigureAwait(false);
            using var order = new StringContent(WrkScript.OrderBody, Encoding.UTF8, "application/json");
            await ExpectAsync(client.PostAsync(new Uri("/orders", UriKind.Relative), order), HttpStatusCode.Created, "\"quantity\":3", "POST /orders", problems).ConfigureAwait(false);

            using var scrape = await client.GetAsync(new Uri(LoadApp.MetricsPath, UriKind.Relative)).ConfigureAwait(false);
            var text = await scrape.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (configuration is AppConfiguration.Bare or AppConfiguration.BareWithNoOpListener)
            {
                if (scrape.StatusCode != HttpStatusCode.NotFound)
                {
                    problems.Add($"the bare app answered {LoadApp.MetricsPath} with {(int)scrape.StatusCode}: it must have no metrics");
                }
            }
            else if (scrape.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"GET {LoadApp.MetricsPath}: {(int)scrape.StatusCode}");
            }
            else
            {
                problems.AddRange(Expected[configuration].Where(e => !text.Contains(e, StringComparison.Ordinal)).Select(e => $"the scrape lacks {e}"));
            }
        }
        finally
        {
            await app.StopAsync().ConfigureAwait(false);
        }

        return problems;
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> request, HttpStatusCode status, string contains, string what, List<string> problems)
    {
        using var response = await request.ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != status || !body.Contains(contains, StringComparison.Ordinal))
        {
            problems.Add($"{what}: {(int)response.StatusCode} {body}, expected {(int)status} with {contains}");
        }
    }
}
