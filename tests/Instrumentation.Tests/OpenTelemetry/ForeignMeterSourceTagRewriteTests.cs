using System.Diagnostics.Metrics;
using Instrumentation.OpenTelemetry;
using static Instrumentation.Tests.OpenTelemetry.BridgeTestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

public sealed class ForeignMeterSourceTagRewriteTests
{
    private static readonly KeyValuePair<string, object?> Get = new("method", "GET");

    [Fact]
    public void Collect_WithRewrite_AddsUpHistogramSeriesThatCoincideAfterwards()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        var duration = meter.CreateHistogram<double>("rewrite.duration", "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        using var source = Listen(meterName);
        source.RewriteTagValues(new TagValueRewrite(meterName, "status", FirstDigitClass));

        duration.Record(0.05, Get, Status(200));
        duration.Record(0.5, Get, Status(204));
        duration.Record(5, Get, Status(201));
        duration.Record(0.5, Get, Status(404));
        var family = Collect(source).Family("rewrite_duration_seconds");

        family.Series.Should().HaveCount(2);
        var success = family.SeriesWith(("method", "GET"), ("status", "2xx"));
        success.CumulativeCounts.Should().Equal(1, 2, 3);
        success.Count.Should().Be(3);
        success.Sum.Should().BeApproximately(5.55, 1e-9);
        family.SeriesWith(("method", "GET"), ("status", "4xx")).CumulativeCounts.Should().Equal(0, 1, 1);
    }

    [Fact]
    public void Collect_WithRewrite_AddsUpCountersAndUpDownCountersAndKeepsTheEarliestStart()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        var requests = meter.CreateCounter<long>("rewrite.requests");
        var active = meter.CreateUpDownCounter<long>("rewrite.active");
        using var source = Listen(meterName);
        source.RewriteTagValues(new TagValueRewrite(meterName, "status", FirstDigitClass));

        requests.Add(3, Status(200));
        var created = Collect(source).Family("rewrite_requests").Series.Single().CreatedUnixSeconds;
        requests.Add(4, Status(201));
        active.Add(2, Status(500));
        active.Add(5, Status(503));
        var visitor = Collect(source);

        var counter = visitor.Family("rewrite_requests").Series.Should().ContainSingle().Subject;
        counter.Labels.Should().Equal(new Dictionary<string, string> { ["status"] = "2xx" });
        counter.Value.Should().Be(7);
        counter.CreatedUnixSeconds.Should().Be(created, "the merged series started when its first part did");
        visitor.Family("rewrite_active").Series.Should().ContainSingle().Which.Value.Should().Be(7);
    }

    [Fact]
    public void Collect_Rewrite_AppliesOnlyToItsMeterAndTag()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var otherMeter = new Meter(meterName + ".Other");
        var requests = meter.CreateCounter<long>("rewrite.scoped");
        var others = otherMeter.CreateCounter<long>("rewrite.other");
        using var source = Listen(meterName, meterName + ".Other");
        source.RewriteTagValues(new TagValueRewrite(meterName, "status", FirstDigitClass));

        requests.Add(1, Status(200), new KeyValuePair<string, object?>("code", "200"));
        others.Add(1, Status(200));
        var visitor = Collect(source);

        visitor.Family("rewrite_scoped").Series.Single().Labels.Should().Equal(new Dictionary<string, string> { ["code"] = "200", ["status"] = "2xx" });
        visitor.Family("rewrite_other").Series.Single().Labels["status"].Should().Be("200");
    }

    [Fact]
    public void RewriteTagValues_ForTheSameMeterAndTagAgain_ReplacesTheEarlierRule()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        var requests = meter.CreateCounter<long>("rewrite.replaced");
        using var source = Listen(meterName);
        source.RewriteTagValues(new TagValueRewrite(meterName, "status", FirstDigitClass));
        source.RewriteTagValues(new TagValueRewrite(meterName, "status", static v => "code " + v));

        requests.Add(1, Status(200));

        Collect(source).Family("rewrite_replaced").Series.Single().Labels["status"].Should().Be("code 200");
    }

    private static KeyValuePair<string, object?> Status(int code) => new("status", code);

    private static string FirstDigitClass(string value) => value[0] + "xx";
}
