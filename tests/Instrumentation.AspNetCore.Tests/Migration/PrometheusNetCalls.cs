using System.Diagnostics;
using Instrumentation.Instruments;
using Instrumentation.Quantiles;
using Instrumentation.Testing;
using Prometheus;

namespace Instrumentation.AspNetCore.Tests.Migration;

/// <summary>
/// The same instrument calls made through prometheus-net 8.2.1 (a custom registry, so no default metrics) and through
/// our <see cref="MetricFactory"/>, one line each, as docs/migrating.md's table pairs them.
/// </summary>
internal static class PrometheusNetCalls
{
    public static async Task<string> ThroughPrometheusNetAsync(bool openMetrics)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);

        var requests = factory.CreateCounter("app_requests_total", "Requests handled", new CounterConfiguration { LabelNames = ["method", "code"] });
        requests.WithLabels("GET", "200").Inc();
        requests.WithLabels("GET", "200").Inc();
        requests.WithLabels("POST", "500").Inc(2.5);
        var errors = factory.CreateCounter("app_errors", "Errors without _total in the name");
        Throws(() => errors.CountExceptions(() => throw new InvalidOperationException("counted")));
        errors.CountExceptions(() => { });

        var queue = factory.CreateGauge("app_queue_length", "Messages waiting", new GaugeConfiguration { LabelNames = ["queue"] });
        queue.WithLabels("fruits").Set(12);
        queue.WithLabels("fruits").Inc();
        queue.WithLabels("fruits").Dec(3);
        queue.WithLabels("big").Set(123456789);
        queue.WithLabels("small").Set(0.000123);
        var inProgress = factory.CreateGauge("app_jobs_in_progress", "Jobs running");
        using (inProgress.TrackInProgress())
        {
            inProgress.Inc(0);
        }

        var latency = factory.CreateHistogram("app_request_duration_seconds", "Latency", new HistogramConfiguration
        {
            LabelNames = ["route"],
            Buckets = Prometheus.Histogram.ExponentialBuckets(0.01, 2, 5),
        });
        latency.WithLabels("/a").Observe(0.015);
        latency.WithLabels("/a").Observe(0.5);
        latency.WithLabels("/b").Observe(3);
        using (Traced())
        {
            requests.WithLabels("GET", "204").Inc();                  // exemplars: Activity.Current's trace and span ids
            latency.WithLabels("/traced").Observe(0.03);
        }

        var defaults = factory.CreateHistogram("app_default_buckets_seconds", "Default buckets");
        defaults.Observe(0.3);
        var timed = factory.CreateHistogram("app_timed_seconds", "Timed block", new HistogramConfiguration { Buckets = [60] });
        using (timed.NewTimer())
        {
        }

        var jobs = factory.CreateSummary("app_job_duration_seconds", "Job time", new SummaryConfiguration
        {
            LabelNames = ["queue"],
            Objectives = [new QuantileEpsilonPair(0.5, 0.05), new QuantileEpsilonPair(0.9, 0.01), new QuantileEpsilonPair(0.99, 0.001)],
        });
        for (var i = 1; i <= 100; i++)
        {
            jobs.WithLabels("fruits").Observe(i);
        }

        var plain = factory.CreateSummary("app_plain_summary_seconds", "No objectives");
        plain.Observe(2);

        using var body = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(body, openMetrics ? Prometheus.ExpositionFormat.OpenMetricsText : Prometheus.ExpositionFormat.PrometheusText);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    public static string ThroughOurs(bool openMetrics)
    {
        using var metrics = new MetricFactory();

        var requests = metrics.CreateCounter("app_requests_total", "Requests handled", labelNames: ["method", "code"]);
        requests.WithLabels("GET", "200").Inc();
        requests.WithLabels("GET", "200").Inc();
        requests.WithLabels("POST", "500").Inc(2.5);
        var errors = metrics.CreateCounter("app_errors", "Errors without _total in the name");
        Throws(() => errors.CountExceptions(() => throw new InvalidOperationException("counted")));
        errors.CountExceptions(() => { });

        var queue = metrics.CreateGauge("app_queue_length", "Messages waiting", labelNames: ["queue"]);
        queue.WithLabels("fruits").Set(12);
        queue.WithLabels("fruits").Inc();
        queue.WithLabels("fruits").Dec(3);
        queue.WithLabels("big").Set(123456789);
        queue.WithLabels("small").Set(0.000123);
        var inProgress = metrics.CreateGauge("app_jobs_in_progress", "Jobs running");
        using (inProgress.TrackInProgress())
        {
            inProgress.Inc(0);
        }

        var latency = metrics.CreateHistogram("app_request_duration_seconds", "Latency", labelNames: ["route"], buckets: Buckets.Exponential(0.01, 2, 5));
        latency.WithLabels("/a").Observe(0.015);
        latency.WithLabels("/a").Observe(0.5);
        latency.WithLabels("/b").Observe(3);
        using (Traced())
        {
            requests.WithLabels("GET", "204").Inc();
            latency.WithLabels("/traced").Observe(0.03);
        }

        var defaults = metrics.CreateHistogram("app_default_buckets_seconds", "Default buckets");
        defaults.Observe(0.3);
        var timed = metrics.CreateHistogram("app_timed_seconds", "Timed block", buckets: [60]);
        using (timed.NewTimer())
        {
        }

        var jobs = metrics.CreateSummary("app_job_duration_seconds", "Job time", labelNames: ["queue"],
            objectives: [new QuantileObjective(0.5, 0.05), new QuantileObjective(0.9, 0.01), new QuantileObjective(0.99, 0.001)]);
        for (var i = 1; i <= 100; i++)
        {
            jobs.WithLabels("fruits").Observe(i);
        }

        var plain = metrics.CreateSummary("app_plain_summary_seconds", "No objectives", objectives: []);
        plain.Observe(2);

        return metrics.ExpositionOf(openMetrics ? Exposition.ExpositionFormat.OpenMetrics : Exposition.ExpositionFormat.PrometheusText);
    }

    private static readonly ActivitySource Tracing = new("Instrumentation.Tests.Migration");

    private static readonly ActivityListener SampleAll = Listen();

    /// <summary>A sampled activity with a fixed trace and span id, so both libraries' exemplars can be compared.</summary>
    private static Activity Traced()
    {
        GC.KeepAlive(SampleAll);
        var parent = new ActivityContext(ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"), ActivitySpanId.CreateFromString("b7ad6b7169203331"), ActivityTraceFlags.Recorded);
        return Tracing.StartActivity("traced", ActivityKind.Internal, parent) ?? throw new InvalidOperationException("The activity was not sampled.");
    }

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Instrumentation.Tests.Migration",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static void Throws(Action action)
    {
        try
        {
            action();
        }
        catch (InvalidOperationException)
        {
        }
    }
}
