using System.Diagnostics;
using System.Diagnostics.Metrics;
using Instrumentation.Collection;
using static Instrumentation.Tests.OpenTelemetry.BridgeTestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

/// <summary>
/// How OpenTelemetry metric streams read as our snapshot model (MetricBatchWriter), driven through a
/// real ForeignMeterSource, because only the SDK makes batches.
/// </summary>
public sealed class MetricBatchWriterTests
{
    private static readonly double[] OpenTelemetryDefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    [Fact]
    public void Collect_LongCounterWithTags_IsCounterWithLabelsValueAndCreated()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        using var source = Listen(meterName);
        var counter = meter.CreateCounter<long>("orders.placed", "{order}", "Orders placed");

        counter.Add(3, new KeyValuePair<string, object?>("shop.region", "eu"));
        counter.Add(4, new KeyValuePair<string, object?>("shop.region", "eu"));
        counter.Add(5, new KeyValuePair<string, object?>("shop.region", "us"));

        var family = Collect(source).Family("orders_placed");
        family.Descriptor.Should().Be(new MetricFamilyDescriptor("orders_placed", "Orders placed", string.Empty, MetricType.Counter));
        family.Series.Should().HaveCount(2);
        family.SeriesWith(("shop_region", "eu")).Value.Should().Be(7);
        var us = family.SeriesWith(("shop_region", "us"));
        us.Value.Should().Be(5);
        us.LabelNames.Should().Equal("shop_region");
        us.CreatedUnixSeconds.Should().BeInRange(before - 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        us.Exemplar.Should().BeNull("nothing was measured inside a sampled activity");
    }

    [Fact]
    public void Collect_DoubleCounterInSeconds_GetsUnitSuffixAndUnit()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        var counter = meter.CreateCounter<double>("jobs.busy.time", "s", "Time spent busy");

        counter.Add(0.25);
        counter.Add(1.5);

        var family = Collect(source).Family("jobs_busy_time_seconds");
        family.Descriptor.Type.Should().Be(MetricType.Counter);
        family.Descriptor.Unit.Should().Be("seconds");
        family.Series.Should().ContainSingle().Which.Value.Should().Be(1.75);
        family.Series[0].Labels.Should().BeEmpty();
    }

    [Fact]
    public void Collect_CounterNamedWithTotal_IsStoredWithoutIt()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        meter.CreateCounter<long>("jobs.processed.total").Add(2);

        var visitor = Collect(source);

        visitor.Family("jobs_processed").Series.Should().ContainSingle().Which.Value.Should().Be(2);
    }

    [Fact]
    public void Collect_UpDownCounter_IsGaugeHoldingTheRunningSum()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        var connections = meter.CreateUpDownCounter<long>("server.active_connections", "{connection}", "Open connections");

        connections.Add(5, new KeyValuePair<string, object?>("server.port", 8080));
        connections.Add(-2, new KeyValuePair<string, object?>("server.port", 8080));
        connections.Add(-1, new KeyValuePair<string, object?>("server.port", 9090));

        var family = Collect(source).Family("server_active_connections");
        family.Descriptor.Should().Be(new MetricFamilyDescriptor("server_active_connections", "Open connections", string.Empty, MetricType.Gauge));
        family.SeriesWith(("server_port", "8080")).Value.Should().Be(3);
        family.SeriesWith(("server_port", "9090")).Value.Should().Be(-1);
    }

    [Fact]
    public void Collect_ObservableGauge_IsGaugeWithTheObservedValues()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        var temperature = 21.5;
        meter.CreateObservableGauge(
            "room.temperature",
            () => new[]
            {
                new Measurement<double>(temperature, new KeyValuePair<string, object?>("room", "kitchen")),
                new Measurement<double>(18, new KeyValuePair<string, object?>("room", "cellar")),
            },
            "Cel",
            "Room temperature");

        var first = Collect(source).Family("room_temperature_celsius");
        temperature = 23;
        var second = Collect(source).Family("room_temperature_celsius");

        first.Descriptor.Should().Be(new MetricFamilyDescriptor("room_temperature_celsius", "Room temperature", "celsius", MetricType.Gauge));
        first.SeriesWith(("room", "kitchen")).Value.Should().Be(21.5);
        first.SeriesWith(("room", "cellar")).Value.Should().Be(18);
        second.SeriesWith(("room", "kitchen")).Value.Should().Be(23, "each collection runs the callback again");
    }

    [Fact]
    public void Collect_Histogram_HasCumulativeBucketsEndingWithTheCount()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        var duration = meter.CreateHistogram(
            "http.server.request.duration",
            "s",
            "Duration of HTTP server requests",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });
        var get = new KeyValuePair<string, object?>("http.request.method", "GET");
        foreach (var seconds in new[] { 0.05, 0.1, 0.3, 0.7, 0.9, 2.0 })
        {
            duration.Record(seconds, get);
        }

        duration.Record(0.2, new KeyValuePair<string, object?>("http.request.method", "POST"));

        var family = Collect(source).Family("http_server_request_duration_seconds");
        family.Descriptor.Should().Be(new MetricFamilyDescriptor(
            "http_server_request_duration_seconds", "Duration of HTTP server requests", "seconds", MetricType.Histogram));
        var gets = family.SeriesWith(("http_request_method", "GET"));
        gets.UpperBounds.Should().Equal(0.1, 0.5, 1);
        gets.CumulativeCounts.Should().Equal(2, 3, 5, 6);
        gets.Count.Should().Be(6);
        gets.Sum.Should().BeApproximately(4.05, 1e-9);
        gets.BucketExemplars.Should().BeEmpty();
        var posts = family.SeriesWith(("http_request_method", "POST"));
        posts.CumulativeCounts.Should().Equal(0, 1, 1, 1);
        posts.Sum.Should().Be(0.2);
    }

    [Fact]
    public void Collect_HistogramWithoutAdvice_UsesTheSdkDefaultBounds()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        var latency = meter.CreateHistogram<long>("queue.latency", "ms");

        latency.Record(7);
        latency.Record(20000);

        var series = Collect(source).Family("queue_latency_milliseconds").Series.Should().ContainSingle().Subject;
        series.UpperBounds.Should().Equal(OpenTelemetryDefaultBounds);
        series.CumulativeCounts.Should().HaveCount(OpenTelemetryDefaultBounds.Length + 1);
        series.CumulativeCounts[1].Should().Be(0, "nothing is at or below 5");
        series.CumulativeCounts[2].Should().Be(1, "7 is at or below 10");
        series.CumulativeCounts[^2].Should().Be(1, "20000 is above the last bound");
        series.CumulativeCounts[^1].Should().Be(2);
        series.CumulativeCounts.Should().BeInAscendingOrder();
        series.Sum.Should().Be(20007);
    }

    [Fact]
    public void Collect_TagValuesOfAnyType_AreFormattedAndLabelNamesSanitizedAndSorted()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        meter.CreateCounter<long>("tagged").Add(
            1,
            new KeyValuePair<string, object?>("zone", "b"),
            new KeyValuePair<string, object?>("http.response.status_code", 200),
            new KeyValuePair<string, object?>("cache.hit", true),
            new KeyValuePair<string, object?>("ratio", 0.5),
            new KeyValuePair<string, object?>("a.b", "first"),
            new KeyValuePair<string, object?>("a_b", "second"));

        var series = Collect(source).Family("tagged").Series.Should().ContainSingle().Subject;

        series.LabelNames.Should().Equal("a_b", "cache_hit", "http_response_status_code", "ratio", "zone");
        series.Labels["a_b"].Should().Be("first;second", "keys that convert to the same label join their values in key order");
        series.Labels["cache_hit"].Should().Be("true");
        series.Labels["http_response_status_code"].Should().Be("200");
        series.Labels["ratio"].Should().Be("0.5");
        series.Labels["zone"].Should().Be("b");
    }

    [Fact]
    public void Collect_FamiliesComeInNameOrder_EachOnceWithAllItsPoints()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        meter.CreateCounter<long>("zeta").Add(1);
        meter.CreateUpDownCounter<int>("alpha").Add(1);
        var middle = meter.CreateCounter<long>("middle");
        middle.Add(1, new KeyValuePair<string, object?>("k", "1"));
        middle.Add(1, new KeyValuePair<string, object?>("k", "2"));
        middle.Add(1, new KeyValuePair<string, object?>("k", "3"));

        var visitor = Collect(source);

        visitor.Families.Select(f => f.Descriptor.Name).Should().Equal("alpha", "middle", "zeta");
        visitor.Family("middle").Series.Should().HaveCount(3);
    }

    [Fact]
    public void Collect_StreamsFromTwoMetersWithOneName_ShareOneFamilyApartByScopeName()
    {
        var firstName = UniqueMeterName();
        var secondName = UniqueMeterName();
        using var first = new Meter(firstName);
        using var second = new Meter(secondName);
        using var source = Listen(firstName, secondName);
        first.CreateCounter<long>("shared.requests", null, "First help").Add(1, new KeyValuePair<string, object?>("from", "first"));
        second.CreateCounter<long>("shared_requests", null, "Second help").Add(2, new KeyValuePair<string, object?>("from", "second"));
        first.CreateCounter<long>("repeated").Add(3);
        second.CreateCounter<long>("repeated").Add(4);

        var visitor = Collect(source);

        var shared = visitor.Family("shared_requests");
        shared.Descriptor.Help.Should().Be("First help");
        shared.SeriesWith(("from", "first"), ("otel_scope_name", firstName)).Value.Should().Be(1);
        shared.SeriesWith(("from", "second"), ("otel_scope_name", secondName)).Value.Should().Be(2);
        var repeated = visitor.Family("repeated");
        repeated.Series.Should().HaveCount(2, "the meter name tells the two series apart, so neither is lost");
        repeated.SeriesWith(("otel_scope_name", firstName)).Value.Should().Be(3);
        repeated.SeriesWith(("otel_scope_name", secondName)).Value.Should().Be(4);
    }

    [Fact]
    public void Collect_SameNameOfAnotherKind_IsLeftOutOfTheFamily()
    {
        var firstName = UniqueMeterName();
        var secondName = UniqueMeterName();
        using var first = new Meter(firstName);
        using var second = new Meter(secondName);
        using var source = Listen(firstName, secondName);
        first.CreateCounter<long>("clash").Add(1);
        second.CreateObservableGauge("clash", () => 42.0);

        var visitor = Collect(source);

        var clash = visitor.Family("clash");
        clash.Descriptor.Type.Should().Be(MetricType.Counter);
        clash.Series.Should().ContainSingle().Which.Value.Should().Be(1);
    }

    [Fact]
    public void Collect_MeasurementsInsideSampledActivity_CarryExemplars()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        using var activities = new ActivitySource(meterName);
        using var listener = SampleEverything(meterName);
        var counter = meter.CreateCounter<long>("traced.requests");
        var duration = meter.CreateHistogram(
            "traced.duration", "s", null, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });

        string traceId, spanId;
        using (var activity = activities.StartActivity("request"))
        {
            activity.Should().NotBeNull();
            traceId = activity!.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
            counter.Add(2);
            duration.Record(0.3);
        }

        var visitor = Collect(source);

        var exemplar = visitor.Family("traced_requests").Series.Single().Exemplar;
        exemplar.Should().NotBeNull();
        exemplar!.TraceId.Should().Be(traceId);
        exemplar.SpanId.Should().Be(spanId);
        exemplar.Value.Should().Be(2);
        var histogram = visitor.Family("traced_duration_seconds").Series.Single();
        histogram.BucketExemplars.Should().HaveCount(4);
        histogram.BucketExemplars[1].Should().NotBeNull("0.3 falls in the (0.1, 0.5] bucket");
        histogram.BucketExemplars[1]!.TraceId.Should().Be(traceId);
        histogram.BucketExemplars[1]!.Value.Should().Be(0.3);
        histogram.BucketExemplars.Where((_, i) => i != 1).Should().AllSatisfy(e => e.Should().BeNull());
    }
}
