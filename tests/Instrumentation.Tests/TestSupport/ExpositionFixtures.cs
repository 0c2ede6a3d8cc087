using Instrumentation.Collection;
using Instrumentation.Instruments;

namespace Instrumentation.Tests.TestSupport;

/// <summary>
/// Families that the writer tests of more than one format (OpenMetrics, text 0.0.4, protobuf) record alike, built
/// here once so that each format's test states only what its format writes for them.
/// </summary>
public static class ExpositionFixtures
{
    /// <summary>
    /// <c>http_request_duration_seconds</c> (unit seconds, default buckets) with one series, <c>method="GET"</c>,
    /// that observed 0.001953125, 0.375, 7 and 100.
    /// </summary>
    public static void RecordGetRequestDurations(MetricFactory factory)
    {
        var histogram = factory.CreateHistogram("http_request_duration_seconds", "Request latency.", ["method"], unit: "seconds");
        var get = histogram.WithLabels("GET");
        get.Observe(0.001953125);
        get.Observe(0.375);
        get.Observe(7);
        get.Observe(100);
    }

    /// <summary>
    /// The gauge <c>room_temperature_celsius</c> (unit celsius) by <c>room</c>: kitchen 21.5, freezer -18,
    /// unknown NaN, sun +Inf, in that order; returned so that a test can add rooms.
    /// </summary>
    public static Gauge RecordRoomTemperatures(MetricFactory factory)
    {
        var gauge = factory.CreateGauge("room_temperature_celsius", "Temperature.", ["room"], unit: "celsius");
        gauge.WithLabels("kitchen").Set(21.5);
        gauge.WithLabels("freezer").Set(-18);
        gauge.WithLabels("unknown").Set(double.NaN);
        gauge.WithLabels("sun").Set(double.PositiveInfinity);
        return gauge;
    }

    /// <summary>
    /// The unlabelled histogram <c>job_duration_seconds</c> (unit seconds, buckets 0.1, 0.5 and 1): 0.05 observed
    /// outside any trace, then 0.3 under a recorded activity, whose ids it returns.
    /// </summary>
    public static (string TraceId, string SpanId) RecordJobDurationsWithOneTraced(MetricFactory factory)
    {
        var histogram = factory.CreateHistogram("job_duration_seconds", "Job duration.", buckets: [0.1, 0.5, 1], unit: "seconds");
        histogram.Observe(0.05);
        return TracedScope.Run(() => histogram.Observe(0.3));
    }

    /// <summary>A foreign gauge <c>process_uptime</c> of 12 whose unit, seconds, is not a suffix of its name.</summary>
    public static DelegateMetricsSource UptimeWithUnitNotInItsName() => new(visitor =>
    {
        visitor.BeginFamily(new MetricFamilyDescriptor("process_uptime", "Uptime.", "seconds", MetricType.Gauge));
        visitor.WriteGauge(new MetricLabels([], []), 12);
        visitor.EndFamily();
    });

    /// <summary>
    /// A foreign counter <c>events</c> of 2 with no created time, whose exemplar's trace and span ids (100 and 30
    /// characters) make its labels longer than OpenMetrics' 128 characters.
    /// </summary>
    public static DelegateMetricsSource EventsWithOversizedExemplar()
    {
        var oversized = new Exemplar(new string('a', 100), new string('b', 30), 1, 1700000000);
        return new DelegateMetricsSource(visitor =>
        {
            visitor.BeginFamily(new MetricFamilyDescriptor("events", "Events.", "", MetricType.Counter));
            visitor.WriteCounter(new MetricLabels([], []), 2, 0, oversized);
            visitor.EndFamily();
        });
    }
}
