using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.TestSupport.PrometheusProtobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.Endpoints;

public sealed class MapMetricsTests(WebApplicationFactory<Program> sample) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string PrometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    // What Prometheus 2.42 sends with --enable-feature=native-histograms.
    private const string PrometheusNativeHistogramsAccept =
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    [Fact]
    public async Task Get_WithoutAccept_ServesPrometheusText()
    {
        using var client = sample.CreateClient();
        await client.GetStringAsync("/hello");

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("# TYPE hello_total counter").And.MatchRegex(@"(?m)^hello_total [1-9]\d*$");
        body.Should().NotContain("# EOF");
    }

    [Fact]
    public async Task Get_WithPrometheusAcceptHeader_ServesOpenMetrics()
    {
        using var client = sample.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", PrometheusAccept);

        using var response = await client.SendAsync(request);

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/openmetrics-text");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().EndWith("# EOF\n").And.Contain("# TYPE hello counter");
    }

    [Fact]
    public async Task Get_WithPrometheusNativeHistogramsAcceptHeader_ServesDelimitedProtobuf()
    {
        using var client = sample.CreateClient();
        await client.GetStringAsync("/hello");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", PrometheusNativeHistogramsAccept);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
        var families = PrometheusProtobufDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        families.Single(f => f.Name == "hello_total").Metrics.Single().Counter!.Value.Should().BeGreaterThanOrEqualTo(1);
        families.Single(f => f.Name == "http_server_request_duration_seconds").Type.Should().Be(DecodedFamily.Histogram);
        families.Select(f => f.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Head_WithProtobufAccept_AnswersTheProtobufContentTypeWithoutBody()
    {
        using var client = sample.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", PrometheusNativeHistogramsAccept);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.google.protobuf");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Get_CountsWhatTheSampleHandlersRecorded()
    {
        using var client = sample.CreateClient();
        var before = await ReadSampleAsync(client, "orders_total{fruit=\"banana\"}");

        (await client.PostAsync("/order/banana", null)).EnsureSuccessStatusCode();
        (await client.PostAsync("/order/banana", null)).EnsureSuccessStatusCode();

        (await ReadSampleAsync(client, "orders_total{fruit=\"banana\"}")).Should().Be(before + 2);
        var body = await client.GetStringAsync("/metrics");
        body.Should().MatchRegex(@"order_duration_seconds_bucket\{fruit=""banana"",le=""\+Inf""\} [1-9]");
        body.Should().Contain("packing_duration_seconds{quantile=\"0.99\"}");
    }

    [Fact]
    public async Task Get_ExportsAspNetCoreBuiltInMetricsWithRouteTemplates()
    {
        using var client = sample.CreateClient();
        await client.GetStringAsync("/hello");

        var body = await client.GetStringAsync("/metrics");

        body.Should().Contain("# TYPE http_server_request_duration_seconds histogram");
        body.Should().MatchRegex(@"http_server_request_duration_seconds_count\{[^}]*http_route=""/hello""");
    }

    [Fact]
    public async Task Get_WritesEachFamilyOnce()
    {
        using var client = sample.CreateClient();
        await client.GetStringAsync("/hello");

        var body = await client.GetStringAsync("/metrics");

        body.Split('\n').Count(line => line == "# TYPE hello_total counter").Should().Be(1);
    }

    [Fact]
    public async Task Head_ReturnsHeadersWithoutBody()
    {
        using var client = sample.CreateClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/metrics"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task MapMetrics_ReturnsAConventionBuilder_SoRequireAuthorizationApplies()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddMetrics();
        builder.Services.AddAuthentication("Test").AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, RejectingAuthenticationHandler>("Test", null);
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapMetrics().RequireAuthorization();
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task MapMetrics_UsesTheConfiguredPath()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Metrics:Path"] = "/internal/prometheus";
        builder.AddMetrics();
        await using var app = builder.Build();
        app.MapMetrics();
        await app.StartAsync();
        using var client = app.GetTestClient();

        (await client.GetAsync("/internal/prometheus")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/{id}")]
    [InlineData("/{**rest}")]
    [InlineData("/metrics/{format}")]
    public async Task MapMetrics_ConfiguredPathWithRouteSyntax_RefusesToStartSayingUseALiteralPath(string path)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Metrics:Path"] = path;
        builder.AddMetrics();
        await using var app = builder.Build();

        var start = async () =>
        {
            app.MapMetrics();
            await app.StartAsync();
        };

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>())
            .Which.Message.Should().Contain($"Metrics:Path '{path}' must be a literal path such as '/metrics'");
    }

    [Fact]
    public async Task MapMetrics_WithARouteParameterPattern_ThrowsSayingUseALiteralPath()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddMetrics();
        await using var app = builder.Build();

        var map = () => app.MapMetrics("/{tenant}/metrics");

        map.Should().Throw<ArgumentException>().WithParameterName("pattern")
            .WithMessage("The metrics path '/{tenant}/metrics' must be a literal path*Remove the braces*");
    }

    [Fact]
    public async Task MapMetrics_WithoutAddMetrics_FailsNamingTheMissingCall()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();

        var map = () => app.MapMetrics();

        map.Should().Throw<InvalidOperationException>().WithMessage("*builder.AddMetrics()*");
    }

    [Fact]
    public async Task Get_WithPrometheusScrapeTimeoutHeader_LeavesOutACallbackSlowerThanIt_AndAnswersInTime()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            // Slower than the scrape's 0.5 s, well within the 10 s callback timeout.
            await using var app = await StartWithCallbackAsync(() =>
            {
                release.Wait(TimeSpan.FromSeconds(8));
                return 1;
            });
            using var client = app.GetTestClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", "0.5");
            var watch = Stopwatch.StartNew();

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();

            watch.Stop();
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            body.Should().NotContain("\nslow_reading ", "a callback still running when the scrape's time is up is left out")
                .And.Contain("\nsteady_reading 2\n");

            // A sanity bound, not a speed judgement: without the header's deadline the callback would hold the scrape 8 s.
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
        }
        finally
        {
            release.Set();
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    [InlineData("0,01")]
    public async Task Get_WithAMalformedScrapeTimeoutHeader_IgnoresItAndWaitsForCallbacksAsUsual(string value)
    {
        await using var app = await StartWithCallbackAsync(() =>
        {
            Thread.Sleep(100);
            return 1;
        });
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", value);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\nslow_reading 1\n").And.Contain("\nsteady_reading 2\n");
    }

    [Fact]
    public async Task Get_WithTwoScrapeTimeoutHeaders_IgnoresThem()
    {
        await using var app = await StartWithCallbackAsync(() =>
        {
            Thread.Sleep(100);
            return 1;
        });
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", ["0.001", "0.001"]);

        using var response = await client.SendAsync(request);

        (await response.Content.ReadAsStringAsync()).Should().Contain("\nslow_reading 1\n", "a repeated header is malformed, so the 1 ms it names is not applied");
    }

    /// <summary>Starts a test server with a 10 s callback timeout, a gauge read through <paramref name="callback"/> and a plain one.</summary>
    private static async Task<WebApplication> StartWithCallbackAsync(Func<double> callback)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Metrics:CallbackTimeout"] = "00:00:10";
        builder.AddMetrics();
        var app = builder.Build();
        app.MapMetrics();
        var metrics = app.Services.GetRequiredService<MetricFactory>();
        metrics.CreateGauge("slow_reading", "Read through a callback.").SetCallback(callback);
        metrics.CreateGauge("steady_reading", "Set directly.").Set(2);
        await app.StartAsync();
        return app;
    }

    private static async Task<double> ReadSampleAsync(HttpClient client, string series)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var body = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
