using System.Text;
using System.Text.Unicode;
using Instrumentation.Collection;
using Instrumentation.Exposition;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Exposition;

public class OpenMetricsTextWriterTests
{
    private static string Write(IMetricsSource source) => Render.Text(source, ExpositionFormat.OpenMetrics);

    [Fact]
    public void Write_EmptySource_WritesOnlyEof()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());

        Write(factory).Should().Be("# EOF\n");
    }

    [Fact]
    public void Write_CounterWithoutLabels_NamesFamilyWithoutTotalAndAddsCreated()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateCounter("jobs_total", "Jobs done.").Inc(3);

        Write(factory).Should().Be(
            """
            # TYPE jobs counter
            # HELP jobs Jobs done.
            jobs_total 3
            jobs_created 1700000000.123
            # EOF

            """);
    }

    [Fact]
    public void Write_CounterWithUnitAndLabels_WritesUnitLineAndEscapesLabelValues()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var counter = factory.CreateCounter("sent_bytes", "Bytes \"sent\" to C:\\out\nper peer.", ["peer"], unit: "bytes");
        counter.WithLabels("a\"b\\c\nd").Inc(1024);

        Write(factory).Should().Be(
            """
            # TYPE sent_bytes counter
            # UNIT sent_bytes bytes
            # HELP sent_bytes Bytes \"sent\" to C:\\out\nper peer.
            sent_bytes_total{peer="a\"b\\c\nd"} 1024
            sent_bytes_created{peer="a\"b\\c\nd"} 1700000000.123
            # EOF

            """);
    }

    [Fact]
    public void Write_Gauge_HasNoSuffixAndNoCreated()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionFixtures.RecordRoomTemperatures(factory);

        Write(factory).Should().Be(
            """
            # TYPE room_temperature_celsius gauge
            # UNIT room_temperature_celsius celsius
            # HELP room_temperature_celsius Temperature.
            room_temperature_celsius{room="kitchen"} 21.5
            room_temperature_celsius{room="freezer"} -18
            room_temperature_celsius{room="unknown"} NaN
            room_temperature_celsius{room="sun"} +Inf
            # EOF

            """);
    }

    [Fact]
    public void Write_HistogramWithDefaultBuckets_WritesCanonicalLeSumCountAndCreated()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        ExpositionFixtures.RecordGetRequestDurations(factory);

        Write(factory).Should().Be(
            """
            # TYPE http_request_duration_seconds histogram
            # UNIT http_request_duration_seconds seconds
            # HELP http_request_duration_seconds Request latency.
            http_request_duration_seconds_bucket{method="GET",le="0.005"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.01"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.025"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.05"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.075"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.1"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.25"} 1
            http_request_duration_seconds_bucket{method="GET",le="0.5"} 2
            http_request_duration_seconds_bucket{method="GET",le="0.75"} 2
            http_request_duration_seconds_bucket{method="GET",le="1.0"} 2
            http_request_duration_seconds_bucket{method="GET",le="2.5"} 2
            http_request_duration_seconds_bucket{method="GET",le="5.0"} 2
            http_request_duration_seconds_bucket{method="GET",le="7.5"} 3
            http_request_duration_seconds_bucket{method="GET",le="10.0"} 3
            http_request_duration_seconds_bucket{method="GET",le="+Inf"} 4
            http_request_duration_seconds_sum{method="GET"} 107.376953125
            http_request_duration_seconds_count{method="GET"} 4
            http_request_duration_seconds_created{method="GET"} 1700000000.123
            # EOF

            """);
    }

    [Fact]
    public void Write_HistogramWithLargeBounds_WritesCanonicalExponents()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateHistogram("payload_bytes", "Payload size.", buckets: [100_000, 1e6, 1.1e23], unit: "bytes").Observe(5);

        Write(factory).Should().Contain(
            """
            payload_bytes_bucket{le="100000.0"} 1
            payload_bytes_bucket{le="1e+06"} 1
            payload_bytes_bucket{le="1.1e+23"} 1
            payload_bytes_bucket{le="+Inf"} 1
            payload_bytes_sum 5
            payload_bytes_count 1
            """);
    }

    [Fact]
    public void Write_HistogramWithNegativeBound_LeavesOutSumAndCount()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateHistogram("temperature_change_celsius", "Change.", buckets: [-1, 0, 1], unit: "celsius").Observe(-3);

        Write(factory).Should().Be(
            """
            # TYPE temperature_change_celsius histogram
            # UNIT temperature_change_celsius celsius
            # HELP temperature_change_celsius Change.
            temperature_change_celsius_bucket{le="-1.0"} 1
            temperature_change_celsius_bucket{le="0.0"} 1
            temperature_change_celsius_bucket{le="1.0"} 1
            temperature_change_celsius_bucket{le="+Inf"} 1
            temperature_change_celsius_created 1700000000.123
            # EOF

            """);
    }

    [Fact]
    public void Write_HistogramWhoseSumWentNegative_LeavesOutSumAndCount()
    {
        // Observe(-5) with non-negative bounds used to write _sum -5, which OpenMetrics parsers refuse.
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateHistogram("delta", "Delta.", buckets: [0, 1]).Observe(-5);

        Write(factory).Should().Be(
            """
            # TYPE delta histogram
            # HELP delta Delta.
            delta_bucket{le="0.0"} 1
            delta_bucket{le="1.0"} 1
            delta_bucket{le="+Inf"} 1
            delta_created 1700000000.123
            # EOF

            """);
        Render.Text(factory, ExpositionFormat.PrometheusText).Should().Contain("delta_sum -5\ndelta_count 1\n", "text 0.0.4 has no such rule");
    }

    [Fact]
    public void Write_HistogramWithNaNSum_LeavesOutSumAndCount()
    {
        var source = new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("foreign", "", "", MetricType.Histogram));
            visitor.WriteHistogram(default, new HistogramPoint([1.0], [1, 2], double.NaN, 0, []));
            visitor.EndFamily();
        });

        Write(source).Should().Be("# TYPE foreign histogram\nforeign_bucket{le=\"1.0\"} 1\nforeign_bucket{le=\"+Inf\"} 2\n# EOF\n");
    }

    [Fact]
    public void Write_SummaryWithNegativeQuantilesAndSum_LeavesThemOutAndKeepsTheCount()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        var summary = factory.CreateSummary("skew_seconds", "Clock skew.", objectives: [new(0.5, 0.05), new(0.99, 0.001)]);
        summary.Observe(-3);
        summary.Observe(-2);
        summary.Observe(1);

        var text = Write(factory);

        text.Should().Contain("skew_seconds{quantile=\"0.99\"} 1\n")
            .And.NotContain("quantile=\"0.5\"")
            .And.NotContain("skew_seconds_sum")
            .And.Contain("skew_seconds_count 3\n");
        OpenMetricsStructure.Validate(text).Should().BeEmpty();
        Render.Text(factory, ExpositionFormat.PrometheusText).Should().Contain("skew_seconds{quantile=\"0.5\"} -2\n").And.Contain("skew_seconds_sum -4\n");
    }

    [Fact]
    public void Write_SummaryFromHandWrittenSource_WritesCanonicalQuantilesSumCountAndCreated()
    {
        Write(DelegateMetricsSource.Summary()).Should().Be(
            """
            # TYPE rpc_duration_seconds summary
            # UNIT rpc_duration_seconds seconds
            # HELP rpc_duration_seconds RPC latency.
            rpc_duration_seconds{service="checkout",quantile="0.5"} 0.125
            rpc_duration_seconds{service="checkout",quantile="0.9"} 2
            rpc_duration_seconds{service="checkout",quantile="0.99"} 3.5
            rpc_duration_seconds{service="checkout",quantile="1.0"} NaN
            rpc_duration_seconds_sum{service="checkout"} 17.5
            rpc_duration_seconds_count{service="checkout"} 20
            rpc_duration_seconds_created{service="checkout"} 1700000000.5
            # EOF

            """);
    }

    [Fact]
    public void Write_SourceWithoutCreatedTime_LeavesOutCreated()
    {
        Write(DelegateMetricsSource.Summary(created: 0)).Should().NotContain("_created");
    }

    [Fact]
    public void Write_UnitThatIsNotANameSuffix_LeavesOutUnitLine()
    {
        var source = ExpositionFixtures.UptimeWithUnitNotInItsName();

        Write(source).Should().Be("# TYPE process_uptime gauge\n# HELP process_uptime Uptime.\nprocess_uptime 12\n# EOF\n");
    }

    [Fact]
    public void Write_CounterIncrementedUnderRecordedActivity_WritesExemplar()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var counter = factory.CreateCounter("orders", "Orders placed.", ["shop"]);
        var (traceId, spanId) = TracedScope.Run(() => counter.WithLabels("north").Inc());
        counter.WithLabels("south").Inc(4);

        Write(factory).Should().Be(
            $$"""
            # TYPE orders counter
            # HELP orders Orders placed.
            orders_total{shop="north"} 1 # {trace_id="{{traceId}}",span_id="{{spanId}}"} 1.0 1700000000.123
            orders_created{shop="north"} 1700000000.123
            orders_total{shop="south"} 4
            orders_created{shop="south"} 1700000000.123
            # EOF

            """);
    }

    [Fact]
    public void Write_HistogramObservedUnderRecordedActivity_WritesExemplarOnTheBucketOfTheValue()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        var (traceId, spanId) = ExpositionFixtures.RecordJobDurationsWithOneTraced(factory);

        Write(factory).Should().Be(
            $$"""
            # TYPE job_duration_seconds histogram
            # UNIT job_duration_seconds seconds
            # HELP job_duration_seconds Job duration.
            job_duration_seconds_bucket{le="0.1"} 1
            job_duration_seconds_bucket{le="0.5"} 2 # {trace_id="{{traceId}}",span_id="{{spanId}}"} 0.3 1700000000.123
            job_duration_seconds_bucket{le="1.0"} 2
            job_duration_seconds_bucket{le="+Inf"} 2
            job_duration_seconds_sum 0.35
            job_duration_seconds_count 2
            job_duration_seconds_created 1700000000.123
            # EOF

            """);
    }

    [Fact]
    public void Write_ExemplarWithOversizedLabels_LeavesExemplarOut()
    {
        var source = ExpositionFixtures.EventsWithOversizedExemplar();

        Write(source).Should().Be("# TYPE events counter\n# HELP events Events.\nevents_total 2\n# EOF\n");
    }

    [Fact]
    public void Write_UnicodeEverywhere_ProducesValidUtf8()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider(), exemplars: false);
        factory.CreateGauge("fruit", "Fruit 🍎 \uD800.", ["name"]).WithLabels("苹果 \uDFFF🍐").Set(1);

        var bytes = Render.Bytes(factory, ExpositionFormat.OpenMetrics);

        Utf8.IsValid(bytes).Should().BeTrue();
        Encoding.UTF8.GetString(bytes).Should().Contain("# HELP fruit Fruit 🍎 �.\n").And.Contain("fruit{name=\"苹果 �🍐\"} 1\n");
    }

    [Fact]
    public void Write_EveryType_FollowsOpenMetricsStructure()
    {
        using var factory = TestFactory.Create(new ManualTimeProvider());
        ExpositionSamples.PopulateEveryType(factory);
        using var scraper = new MetricsScraper([factory, ExpositionSamples.SummarySource()]);

        var text = scraper.Scrape(ExpositionFormat.OpenMetrics);

        OpenMetricsStructure.Validate(text).Should().BeEmpty();
    }
}
