using System.Net.Http.Headers;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Exposition;
using Instrumentation.Instruments;
using Instrumentation.TestSupport.PrometheusProtobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instrumentation.AspNetCore.Tests.EndToEnd;

/// <summary>
/// Our native histogram instrument, end to end: an app records a known distribution, the real Prometheus 2.42
/// (<c>--enable-feature=native-histograms</c>) scrapes it over protobuf, and PromQL's <c>histogram_count</c>,
/// <c>histogram_sum</c> and <c>histogram_quantile</c> give back what was recorded; promtool and the text formats
/// still accept the same app, and Google.Protobuf's reader decodes the same values from our body.
/// </summary>
public sealed class NativeHistogramScrapeTests : IAsyncLifetime
{
    private const int Schema = 3;
    private readonly int _port = FreePort.Next();
    private readonly double[] _latencies = KnownDistribution();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.AddMetrics(options => options.IncludeDefaultMeters = false);
        _app = builder.Build();
        _app.MapMetrics();

        var metrics = _app.Services.GetRequiredService<MetricFactory>();
        var latency = metrics.CreateHistogram(
            "nh_latency_seconds",
            "Latency, native with classic buckets kept",
            new NativeHistogramOptions { Schema = Schema, ClassicBuckets = [0.01, 0.1, 1, 10] },
            ["route"],
            unit: "seconds");
        var sizes = metrics.CreateHistogram("nh_delta", "Signed deltas, native only", new NativeHistogramOptions { Schema = Schema });
        foreach (var value in _latencies)
        {
            latency.WithLabels("/fruit").Observe(value);
        }

        foreach (var value in new[] { -4.0, -0.25, 0, 0.5, 2, 3 })
        {
            sizes.Observe(value);
        }

        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Prometheus242_NativeHistogram_CountSumAndQuantilesMatchTheRecordedDistribution()
    {
        await using var prometheus = await PrometheusServer.StartAsync([("nh", $"127.0.0.1:{_port}")], "/metrics", "native-histograms");

        var (health, lastError, _) = await prometheus.WaitForFirstScrapeAsync(TimeSpan.FromSeconds(30));
        lastError.Should().BeEmpty();
        health.Should().Be("up");

        var count = await prometheus.QueryUntilPresentAsync("histogram_count(nh_latency_seconds{route=\"/fruit\"})", TimeSpan.FromSeconds(15));
        count.Should().ContainSingle().Which.Value.Should().Be(_latencies.Length);
        (await prometheus.QueryAsync("histogram_sum(nh_latency_seconds)")).Should().ContainSingle().Which.Value.Should().Be(_latencies.Sum(), "every value is a multiple of 2^-10, so any order of adding is exact");

        // Prometheus estimates inside the bucket holding the rank, so the estimate and the true quantile share a bucket:
        // they differ by at most its width, a factor 2^(2^-schema) (9% at schema 3).
        var sorted = _latencies.Order().ToArray();
        var relativeError = Math.Pow(2, Math.Pow(2, -Schema)) - 1;
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
        {
            var exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
            var estimate = (await prometheus.QueryAsync(FormattableString.Invariant($"histogram_quantile({q}, nh_latency_seconds)"))).Should().ContainSingle().Subject.Value;
            (Math.Abs(estimate - exact) / exact).Should().BeLessThanOrEqualTo(relativeError, FormattableString.Invariant($"q={q}: exact {exact}, Prometheus {estimate}"));
        }

        // Negative observations and the zero bucket: count and sum, and the fraction below zero (2 of 6, the zero bucket straddling 0).
        (await prometheus.QueryAsync("histogram_count(nh_delta)")).Should().ContainSingle().Which.Value.Should().Be(6);
        (await prometheus.QueryAsync("histogram_sum(nh_delta)")).Should().ContainSingle().Which.Value.Should().Be(1.25);
        (await prometheus.QueryAsync("histogram_fraction(-10, 0, nh_delta)")).Should().ContainSingle().Which.Value.Should().BeInRange(2.0 / 6, 3.0 / 6);
    }

    [Fact]
    public async Task Promtool_AcceptsTheTextOutputOfTheSameApp()
    {
        var promtool = ExternalTool.Require("promtool", "prometheus");
        var text = await ScrapeAsync("text/plain");

        var (exitCode, output) = await ExternalTool.RunAsync(promtool, "check metrics", text, TimeSpan.FromSeconds(30));

        exitCode.Should().Be(0, $"promtool check metrics said:\n{output}");
        text.Should().Contain("nh_latency_seconds_bucket{route=\"/fruit\",le=\"0.1\"}")
            .And.Contain(FormattableString.Invariant($"nh_latency_seconds_count{{route=\"/fruit\"}} {_latencies.Length}"))
            .And.Contain("nh_delta_bucket{le=\"+Inf\"} 6").And.Contain("nh_delta_sum 1.25");
    }

    [Fact]
    public async Task OpenMetrics_ShowsTheClassicBucketsAndEndsWithEof()
    {
        var text = await ScrapeAsync("application/openmetrics-text; version=1.0.0");

        text.Should().Contain(FormattableString.Invariant($"nh_latency_seconds_bucket{{route=\"/fruit\",le=\"+Inf\"}} {_latencies.Length}"))
            .And.Contain(FormattableString.Invariant($"nh_latency_seconds_bucket{{route=\"/fruit\",le=\"0.01\"}} {_latencies.Count(v => v <= 0.01)}"))
            .And.Contain("nh_delta_bucket{le=\"+Inf\"} 6")
            .And.EndWith("# EOF\n");
    }

    [Fact]
    public async Task ProtobufBody_DecodedWithGoogleProtobuf_HoldsTheRecordedBuckets()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_port}/metrics"));
        request.Headers.TryAddWithoutValidation("Accept", ContentNegotiation.PrometheusProtobufContentType);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        var histogram = PrometheusProtobufDecoder.Decode(body).Single(f => f.Name == "nh_latency_seconds").Metrics.Single().Histogram!;

        histogram.Schema.Should().Be(Schema);
        histogram.SampleCount.Should().Be((ulong)_latencies.Length);
        histogram.SampleSum.Should().Be(_latencies.Sum());
        var decoded = Expand(histogram.PositiveSpans, histogram.PositiveDeltas);
        var expected = _latencies.GroupBy(v => NativeBucketIndex.Of(v, Schema)).ToDictionary(g => g.Key, g => (long)g.Count());
        decoded.Where(b => b.Value != 0).Should().BeEquivalentTo(expected);
        histogram.Buckets.Select(b => b.UpperBound).Should().Equal(0.01, 0.1, 1, 10, double.PositiveInfinity);
    }

    /// <summary>10,000 latencies from 1 ms to about 10 s, log-uniform, each a multiple of 2^-10 s; seeded, so the same every run.</summary>
    private static double[] KnownDistribution()
    {
        var random = new Random(17);
        var values = new double[10_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(1, Math.Round(Math.Exp(random.NextDouble() * Math.Log(10_240)))) / 1024;
        }

        return values;
    }

    /// <summary>Spans and deltas back to bucket index → count.</summary>
    private static Dictionary<int, long> Expand(IReadOnlyList<DecodedSpan> spans, IReadOnlyList<long> deltas)
    {
        var buckets = new Dictionary<int, long>();
        var index = 0;
        var position = 0;
        long count = 0;
        foreach (var span in spans)
        {
            index += span.Offset ?? 0;
            for (var i = 0; i < (span.Length ?? 0); i++)
            {
                count += deltas[position++];
                buckets[index++] = count;
            }
        }

        return buckets;
    }

    private async Task<string> ScrapeAsync(string accept)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_port}/metrics"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
