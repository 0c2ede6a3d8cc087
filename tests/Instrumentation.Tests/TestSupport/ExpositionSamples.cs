using Instrumentation.Collection;

namespace Instrumentation.Tests.TestSupport;

/// <summary>A registry holding every metric type with awkward label values, for format validation.</summary>
public static class ExpositionSamples
{
    public static readonly string[] TrickyValues =
    [
        "plain",
        "",
        "quote \" inside",
        "back\\slash",
        "new\nline",
        "trailing backslash \\",
        "braces {} commas , equals =",
        "# not a comment",
        "emoji 🍎 and 苹果",
        "lone \uD800 surrogate",
    ];

    public static void PopulateEveryType(MetricFactory factory)
    {
        var counter = factory.CreateCounter("shop_orders_total", "Orders placed, by \"shop\" (C:\\shops)\nsecond line.", ["shop"]);
        var bytes = factory.CreateCounter("shop_sent_bytes_total", "Bytes sent.", unit: "bytes");
        var gauge = factory.CreateGauge("shop_queue_items", "Items waiting.", ["queue"]);
        var histogram = factory.CreateHistogram("shop_request_duration_seconds", "Request latency.", ["route"], unit: "seconds");
        var custom = factory.CreateHistogram("shop_payload_bytes", "Payload size.", buckets: [100, 100_000, 1e6, 1e7], unit: "bytes");

        for (var i = 0; i < TrickyValues.Length; i++)
        {
            counter.WithLabels(TrickyValues[i]).Inc(i + 0.5);
            gauge.WithLabels(TrickyValues[i]).Set(i - 4.25);
            histogram.WithLabels(TrickyValues[i]).Observe(i * 0.37);
        }

        bytes.Inc(123_456_789);
        gauge.WithLabels("infinite").Set(double.PositiveInfinity);
        gauge.WithLabels("minus infinite").Set(double.NegativeInfinity);
        gauge.WithLabels("not a number").Set(double.NaN);
        custom.Observe(50);
        custom.Observe(2e6);
    }

    public static DelegateMetricsSource SummarySource() => new(visitor =>
    {
        visitor.BeginFamily(new MetricFamilyDescriptor("worker_job_duration_seconds", "Job duration.", "seconds", MetricType.Summary));
        for (var i = 0; i < TrickyValues.Length; i++)
        {
            visitor.WriteSummary(
                new MetricLabels(["queue"], [TrickyValues[i]]),
                new SummaryPoint([0.5, 0.9, 0.99], [0.1 * i, 0.2 * i, i == 0 ? double.NaN : 0.3 * i], 1.5 * i, i * 3, 1700000000.25));
        }

        visitor.EndFamily();
    });
}
