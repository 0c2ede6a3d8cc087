using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Exposition;

public class PrometheusTextWriterTests
{
    private static string Write(IMetricsSource source) => Render.Text(source, ExpositionFormat.PrometheusText);

    [Fact]
    public void Write_CounterWithoutLabels_UsesTotalInHelpTypeAndSample()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("jobs_total", "Jobs done.");
        counter.Inc();
        counter.Inc(2);

        Write(factory).Should().Be(
            """
            # HELP jobs_total Jobs done.
            # TYPE jobs_total counter
            jobs_total 3

            """);
    }

    [Fact]
    public void Write_CounterWithLabels_EscapesValues()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("requests", "Requests.", ["path", "drive", "note"]);
        counter.WithLabels("/a\"b\"", "C:\\temp\\", "line1\nline2").Inc();
        counter.WithLabels("/plain", "", "x").Inc(0.5);

        Write(factory).Should().Be(
            """
            # HELP requests_total Requests.
            # TYPE requests_total counter
            requests_total{path="/a\"b\"",drive="C:\\temp\\",note="line1\nline2"} 1
            requests_total{path="/plain",drive="",note="x"} 0.5

            """);
    }

    [Fact]
    public void Write_Gauge_WritesValuesAsGoDoes()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var gauge = factory.CreateGauge("queue_items", "Items waiting.", ["queue"]);
        gauge.WithLabels("small").Set(0.25);
        gauge.WithLabels("negative").Set(-3);
        gauge.WithLabels("million").Set(1_234_567);
        gauge.WithLabels("tiny").Set(0.00001234);

        Write(factory).Should().Be(
            """
            # HELP queue_items Items waiting.
            # TYPE queue_items gauge
            queue_items{queue="small"} 0.25
            queue_items{queue="negative"} -3
            queue_items{queue="million"} 1.234567e+06
            queue_items{queue="tiny"} 1.234e-05

            """);
    }

    [Fact]
    public void Write_SpecialValues_AreSpelledPlusInfMinusInfAndNaN()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var gauge = factory.CreateGauge("edge", "Edge values.", ["case"]);
        gauge.WithLabels("pos").Set(double.PositiveInfinity);
        gauge.WithLabels("neg").Set(double.NegativeInfinity);
        gauge.WithLabels("nan").Set(double.NaN);

        Write(factory).Should().Be(
            """
            # HELP edge Edge values.
            # TYPE edge gauge
            edge{case="pos"} +Inf
            edge{case="neg"} -Inf
            edge{case="nan"} NaN

            """);
    }

    [Fact]
    public void Write_HistogramWithDefaultBuckets_WritesCumulativeBucketsSumAndCount()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionFixtures.RecordGetRequestDurations(factory);

        Write(factory).Should().Be(
            """
            # HELP http_request_duration_seconds Request latency.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{method="GET",le="0.005"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.01"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.025"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.05"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.075"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.1"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.25"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.5"} 2
            http_request_duration_seconds_bucket{method="GET",le="0.75"} 2
            http_request_duration_seconds_bucket{method="GET",le="1"} 2
            http_request_duration_seconds_bucket{method="GET",le="2.5"} 2
            http_request_duration_seconds_bucket{method="GET",le="5"} 2
            http_request_duration_seconds_bucket{method="GET",le="7.5"} 3
            http_request_duration_seconds_bucket{method="GET",le="10"} 3
            http_request_duration_seconds_bucket{method="GET",le="+Inf"} 4
            http_request_duration_seconds_sum{method="GET"} 107.376953125
            http_request_duration_seconds_count{method="GET"} 4

            """);
    }

    [Fact]
    public void Write_HistogramWithoutLabels_PutsOnlyLeInBraces()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var histogram = factory.CreateHistogram("payload_bytes", "Payload size.", buckets: [1, 1e6], unit: "bytes");
        histogram.Observe(512);

        Write(factory).Should().Be(
            """
            # HELP payload_bytes Payload size.
            # TYPE payload_bytes histogram
            payload_bytes_bucket{le="1"} 0
            payload_bytes_bucket{le="1e+06"} 1
            payload_bytes_bucket{le="+Inf"} 1
            payload_bytes_sum 512
            payload_bytes_count 1

            """);
    }

    [Fact]
    public void Write_SummaryFromHandWrittenSource_WritesQuantilesSumAndCount()
    {
        Write(DelegateMetricsSource.Summary()).Should().Be(
            """
            # HELP rpc_duration_seconds RPC latency.
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{service="checkout",quantile="0.5"} 0.125
            rpc_duration_seconds{service="checkout",quantile="0.9"} 2
            rpc_duration_seconds{service="checkout",quantile="0.99"} 3.5
            rpc_duration_seconds{service="checkout",quantile="1"} NaN
            rpc_duration_seconds_sum{service="checkout"} 17.5
            rpc_duration_seconds_count{service="checkout"} 20

            """);
    }

    [Fact]
    public void Write_HelpWithBackslashNewlineAndQuote_EscapesBackslashAndNewlineOnly()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("paths", "Reads \"C:\\data\"\nthen more.").Set(1);

        Write(factory).Should().StartWith("# HELP paths Reads \"C:\\\\data\"\\nthen more.\n# TYPE paths gauge\n");
    }

    [Fact]
    public void Write_EmptyHelp_OmitsHelpLine()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateGauge("undocumented", "").Set(1);

        Write(factory).Should().Be("# TYPE undocumented gauge\nundocumented 1\n");
    }

    [Fact]
    public void Write_UnicodeLabelValues_PassThroughAsUtf8AndLoneSurrogatesBecomeReplacementCharacters()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var gauge = factory.CreateGauge("fruit", "Fruit.", ["name"]);
        gauge.WithLabels("🍎 pomme ñ 苹果").Set(1);
        gauge.WithLabels("bad\uD800pair\uDC00\\end\uD83D").Set(2);

        var bytes = Render.Bytes(factory, ExpositionFormat.PrometheusText);

        Utf8.IsValid(bytes).Should().BeTrue();
        Encoding.UTF8.GetString(bytes).Should().Be(
            """
            # HELP fruit Fruit.
            # TYPE fruit gauge
            fruit{name="🍎 pomme ñ 苹果"} 1
            fruit{name="bad�pair�\\end�"} 2

            """);
    }

    [Fact]
    public void Write_FamilyWithNoSeries_WritesNothing()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        factory.CreateCounter("never_used", "Labelled, so no series until WithLabels.", ["kind"]);
        var emptyForeign = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("foreign_empty", "No points.", "", MetricType.Gauge));
            visitor.EndFamily();
        });

        Write(factory).Should().BeEmpty();
        Write(emptyForeign).Should().BeEmpty();
    }

    [Fact]
    public void Write_ForeignSeriesWithDifferentLabelNames_WritesEachSeriesOwnLabels()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("http_server_active_requests", "Active requests.", "", MetricType.Gauge));
            visitor.WriteGauge(new MetricLabels(["method"], ["GET"]), 2);
            visitor.WriteGauge(new MetricLabels(["method", "scheme"], ["POST", "https"]), 1);
            visitor.WriteGauge(new MetricLabels([], []), 0);
            visitor.EndFamily();
        });

        Write(source).Should().Be(
            """
            # HELP http_server_active_requests Active requests.
            # TYPE http_server_active_requests gauge
            http_server_active_requests{method="GET"} 2
            http_server_active_requests{method="POST",scheme="https"} 1
            http_server_active_requests 0

            """);
    }

    [Fact]
    public void Write_CounterWithExemplar_LeavesExemplarOut()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("traced_jobs", "Jobs.");
        using (new TracedScope())
        {
            counter.Inc();
        }

        Write(factory).Should().Be("# HELP traced_jobs_total Jobs.\n# TYPE traced_jobs_total counter\ntraced_jobs_total 1\n");
    }

    [Fact]
    public void Write_SeriesOutsideFamily_Throws()
    {
        var writer = new PrometheusTextWriter(new ArrayBufferWriter<byte>());

        var act = () => writer.WriteGauge(new MetricLabels([], []), 1);

        act.Should().Throw<InvalidOperationException>().WithMessage("*outside BeginFamily()*");
    }

    [Fact]
    public void Write_SeriesOfAnotherTypeThanItsFamily_Throws()
    {
        var writer = new PrometheusTextWriter(new ArrayBufferWriter<byte>());
        writer.BeginFamily(new MetricFamilyDescriptor("requests", "", "", MetricType.Counter));

        var act = () => writer.WriteGauge(new MetricLabels([], []), 1);

        act.Should().Throw<InvalidOperationException>().WithMessage("Family 'requests' is a counter, but a gauge series was written to it.");
    }

    [Fact]
    public void Complete_WithFamilyStillOpen_Throws()
    {
        var writer = new PrometheusTextWriter(new ArrayBufferWriter<byte>());
        writer.BeginFamily(new MetricFamilyDescriptor("requests", "", "", MetricType.Counter));

        var act = writer.Complete;

        act.Should().Throw<InvalidOperationException>().WithMessage("*'requests' was still open*");
    }
}
