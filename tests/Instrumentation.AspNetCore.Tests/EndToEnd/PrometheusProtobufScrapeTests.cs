using System.Diagnostics;
using Instrumentation.AspNetCore.Tests.TestSupport;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Microsoft.Extensions.DependencyInjection;

namespace Instrumentation.AspNetCore.Tests.EndToEnd;

/// <summary>
/// The real Prometheus (Debian's 2.42) started with <c>--enable-feature=native-histograms</c> asks for the
/// protobuf format first: it scrapes our app over it, and its query API gives back every value we recorded,
/// with the exemplars (<c>exemplar-storage</c> on too).
/// </summary>
public sealed class PrometheusProtobufScrapeTests : IAsyncLifetime
{
    private readonly PrometheusScrapeTarget _target = PrometheusScrapeTarget.Build(services => services.AddSingleton<IMetricsSource>(new NativeHistogramSource()));
    private readonly ActivitySource _traces = new("Instrumentation.AspNetCore.Tests.ProtobufExemplars." + Guid.NewGuid().ToString("N"));
    private ActivityListener? _listener;
    private string _traceId = string.Empty;

    public async Task InitializeAsync()
    {
        var metrics = _target.Metrics;
        var requests = metrics.CreateCounter("pb_requests", "Requests, by path", labelNames: ["path"]);
        var latency = metrics.CreateHistogram("pb_latency_seconds", "Latency", labelNames: ["method"], buckets: [0.05, 0.5, 5], unit: "seconds");
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, _traces),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        using (var activity = _traces.StartActivity("request") ?? throw new InvalidOperationException("The listener did not sample the activity."))
        {
            _traceId = activity.TraceId.ToHexString();
            requests.WithLabels("/a \"quoted\" \\ path\nnext ✓").Inc(7);
            latency.WithLabels("GET").Observe(0.3);
        }

        requests.WithLabels("/b").Inc(2.5);
        latency.WithLabels("GET").Observe(0.02);
        latency.WithLabels("GET").Observe(7);
        metrics.CreateGauge("pb_temperature_celsius", "Temperature", labelNames: ["room"], unit: "celsius").WithLabels("kitchen").Set(-21.5);
        var summary = metrics.CreateSummary("pb_job_seconds", "Job durations", unit: "seconds");
        for (var i = 1; i <= 100; i++)
        {
            summary.Observe(i / 100.0);
        }

        await _target.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        _listener?.Dispose();
        _traces.Dispose();
    }

    [Fact]
    public async Task Prometheus242WithNativeHistograms_ScrapesProtobufAndQueriesEveryValue()
    {
        using var client = new HttpClient();
        await client.GetStringAsync(_target.Url("/hello"));
        await using var prometheus = await PrometheusServer.StartAsync(
            [("pb", _target.Target)], "/metrics", "native-histograms", "exemplar-storage");

        var (health, lastError, _) = await prometheus.WaitForFirstScrapeAsync(TimeSpan.FromSeconds(30));

        lastError.Should().BeEmpty();
        health.Should().Be("up");
        _target.ServedContentTypes.Should().NotBeEmpty().And.OnlyContain(type => type == ContentNegotiation.PrometheusProtobufContentType);

        // Counters (labels with quotes, backslash, newline and non-ASCII), gauges.
        var counters = await prometheus.QueryUntilPresentAsync("pb_requests_total", TimeSpan.FromSeconds(15));
        counters.Should().HaveCount(2);
        counters.Single(r => r.Labels["path"] == "/a \"quoted\" \\ path\nnext ✓").Value.Should().Be(7);
        counters.Single(r => r.Labels["path"] == "/b").Value.Should().Be(2.5);
        (await prometheus.QueryAsync("pb_temperature_celsius{room=\"kitchen\"}")).Should().ContainSingle().Which.Value.Should().Be(-21.5);

        // A classic histogram: each bucket, the +Inf one, sum and count.
        (await prometheus.QueryAsync("pb_latency_seconds_bucket{method=\"GET\",le=\"0.05\"}")).Should().ContainSingle().Which.Value.Should().Be(1);
        (await prometheus.QueryAsync("pb_latency_seconds_bucket{method=\"GET\",le=\"0.5\"}")).Should().ContainSingle().Which.Value.Should().Be(2);
        (await prometheus.QueryAsync("pb_latency_seconds_bucket{method=\"GET\",le=\"5.0\"}")).Should().ContainSingle().Which.Value.Should().Be(2);
        (await prometheus.QueryAsync("pb_latency_seconds_bucket{method=\"GET\",le=\"+Inf\"}")).Should().ContainSingle().Which.Value.Should().Be(3);
        (await prometheus.QueryAsync("pb_latency_seconds_count{method=\"GET\"}")).Should().ContainSingle().Which.Value.Should().Be(3);
        (await prometheus.QueryAsync("pb_latency_seconds_sum{method=\"GET\"}")).Should().ContainSingle().Which.Value.Should().BeApproximately(7.32, 1e-9);

        // A summary: quantiles, sum and count.
        (await prometheus.QueryAsync("pb_job_seconds{quantile=\"0.5\"}")).Should().ContainSingle().Which.Value.Should().BeApproximately(0.5, 0.05);
        (await prometheus.QueryAsync("pb_job_seconds{quantile=\"0.99\"}")).Should().ContainSingle().Which.Value.Should().BeApproximately(0.99, 0.05);
        (await prometheus.QueryAsync("pb_job_seconds_count")).Should().ContainSingle().Which.Value.Should().Be(100);
        (await prometheus.QueryAsync("pb_job_seconds_sum")).Should().ContainSingle().Which.Value.Should().BeApproximately(50.5, 1e-9);

        // ASP.NET Core's own histogram, through the OpenTelemetry SDK.
        (await prometheus.QueryAsync("http_server_request_duration_seconds_count{http_route=\"/hello\"}")).Should().NotBeEmpty();

        // Native histograms (a snapshot written by hand until the native instrument lands): count and sum, and the
        // one that keeps classic bounds is still native here (Prometheus 2.42 ingests only the native view then).
        (await prometheus.QueryAsync("histogram_count(pb_native_seconds)")).Should().ContainSingle().Which.Value.Should().Be(7);
        (await prometheus.QueryAsync("histogram_sum(pb_native_seconds)")).Should().ContainSingle().Which.Value.Should().Be(9);
        // (0.5, 1] holds 2 of the 7; the zero bucket straddles 0, so Prometheus may count part of its one observation.
        (await prometheus.QueryAsync("histogram_fraction(0, 1, pb_native_seconds)")).Should().ContainSingle().Which.Value.Should().BeInRange(2.0 / 7, 3.0 / 7);
        (await prometheus.QueryAsync("histogram_count(pb_native_classic_seconds)")).Should().ContainSingle().Which.Value.Should().Be(3);
        (await prometheus.QueryAsync("pb_native_classic_seconds_bucket")).Should().BeEmpty();
        (await prometheus.QueryAsync("histogram_count(pb_native_empty_seconds)")).Should().ContainSingle().Which.Value.Should().Be(0);

        // Prometheus 2.42 tells native from classic by a zero threshold or count above 0 or a bucket delta, not by the
        // no-op span later versions read: with a zero threshold of 0 and nothing observed it sees a classic histogram
        // with a count of 0 (docs/exposition.md says so); from the first observation on, it is native.
        (await prometheus.QueryAsync("pb_native_unmarked_seconds_count")).Should().ContainSingle().Which.Value.Should().Be(0);

        // Exemplars travel too: on the counter and on the histogram bucket of the traced observation.
        var counterExemplars = await prometheus.QueryExemplarsAsync("pb_requests_total");
        counterExemplars.Should().ContainSingle().Which.Should().Match<(Dictionary<string, string> Series, Dictionary<string, string> Labels, double Value)>(
            e => e.Labels["trace_id"] == _traceId && e.Value == 7);
        var bucketExemplars = await prometheus.QueryExemplarsAsync("pb_latency_seconds_bucket");
        bucketExemplars.Should().ContainSingle().Which.Should().Match<(Dictionary<string, string> Series, Dictionary<string, string> Labels, double Value)>(
            e => e.Series["le"] == "0.5" && e.Labels["trace_id"] == _traceId && e.Value == 0.3);
    }

    /// <summary>
    /// Three native histograms: schema 0 with a zero bucket (1), positive buckets (0.5, 1] (2) and (2, 4] (3) and
    /// negative bucket [-2, -1) (1), sum 9; one keeping classic bounds; two with no observation yet, with and
    /// without a zero bucket.
    /// </summary>
    private sealed class NativeHistogramSource : IMetricsSource
    {
        public void Collect(IMetricsVisitor visitor)
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("pb_native_seconds", "Native latency.", "seconds", MetricType.Histogram));
            visitor.WriteHistogram(
                new MetricLabels([], []),
                new HistogramPoint([], [7], 9, 1700000000, [], new NativeHistogramBuckets(0, 1e-9, 1, [0, 2], [2, 3], [1], [1])));
            visitor.EndFamily();

            visitor.BeginFamily(new MetricFamilyDescriptor("pb_native_classic_seconds", "Native with classic bounds.", "seconds", MetricType.Histogram));
            visitor.WriteHistogram(
                new MetricLabels([], []),
                new HistogramPoint([1], [2, 3], 2.5, 1700000000, [], new NativeHistogramBuckets(3, 0, 0, [-8, 0, 8], [1, 1, 1], [], [])));
            visitor.EndFamily();

            visitor.BeginFamily(new MetricFamilyDescriptor("pb_native_empty_seconds", "Native, nothing observed.", "seconds", MetricType.Histogram));
            visitor.WriteHistogram(new MetricLabels([], []), new HistogramPoint([], [0], 0, 0, [], new NativeHistogramBuckets(3, 2.938735877055719e-39, 0, [], [], [], [])));
            visitor.EndFamily();

            visitor.BeginFamily(new MetricFamilyDescriptor("pb_native_unmarked_seconds", "Native, nothing observed, no zero bucket.", "seconds", MetricType.Histogram));
            visitor.WriteHistogram(new MetricLabels([], []), new HistogramPoint([], [0], 0, 0, [], new NativeHistogramBuckets(3, 0, 0, [], [], [], [])));
            visitor.EndFamily();
        }
    }
}
