// Beside prometheus-net 8.2.1: 2026-12-05 00:00 UTC, `--memory-report` on branch peer-benchmarks, .NET 10.0.12, 64-bit; each series
// created by WithLabels with a new one-element array and given one recording, retained after a full GC:
// | series kind | ours retained (B) | prometheus-net retained (B) | ours / prometheus-net | ours allocated (B) | prometheus-net allocated (B) |
// | --- | ---: | ---: | ---: | ---: | ---: |
// | counter | 121.7 | 408.5 | 0.30 | 215.4 | 557.3 |
// | histogram (14 buckets) | 238.9 | 711.9 | 0.34 | 335.4 | 861.3 |
// | summary (3 quantiles, 10 min in 5 age buckets) | 15842.8 | 69994.1 | 0.23 | 15951.4 | 70149.3 |
//
// Last result: 2026-12-04 08:45 UTC, `run.sh` (memory report printed first), .NET 10, 64-bit: histogram series now keep their
// counts inline (243.7 B, was 267.7 B with a separate array); counters hold their striped-cells array directly (+8 B).
// | series kind | allocated per series (B) | retained per series (B) | of which child object (B) | of which label-values array (B) | of which store (B) | target (B) | met |
// | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
// | counter | 183.4 | 123.5 | 72.0 | 32.0 | 19.5 | 128 | met |
// | gauge | 183.4 | 123.7 | 72.0 | 32.0 | 19.7 | 128 | met |
// | histogram (14 buckets) | 303.4 | 243.7 | 192.0 | 32.0 | 19.7 | 256 | met |
// | summary (3 quantiles, 5 age buckets) | 15919.4 | 15858.5 | 15808.0 | 32.0 | 18.5 | 16384 | met |

using System.Globalization;
using System.Text;
using Instrumentation.Benchmarks.Baselines;
using Instrumentation.Instruments;

namespace Instrumentation.Benchmarks.Memory;

/// <summary>
/// Measures what one labelled series costs in memory, per instrument kind: creates
/// <see cref="SeriesCount"/> children through <c>WithLabels</c> and divides the bytes allocated on
/// this thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) and the bytes still live after a
/// full collection (<see cref="GC.GetTotalMemory(bool)"/>) by the count.
/// </summary>
/// <remarks>
/// The label value strings are created before the measured region, so their cost is not counted
/// (it is printed on its own line for reference); the label-values array a series keeps, its child
/// object and its share of the child store (dictionary node and buckets, ordered list) are counted.
/// "Child object" creates the same number of bare children without a store, to split the total.
/// To add a kind, add a <see cref="SeriesKind"/> to <see cref="Kinds"/>. The summary kind uses the
/// default objectives and window, whose buffers a series allocates when it is created, not on its
/// first observation, so creating the children measures them.
/// </remarks>
internal static class MemoryPerSeriesReport
{
    /// <summary>Children created per measurement.</summary>
    public const int SeriesCount = 10_000;

    private static readonly SeriesKind[] Kinds =
    [
        new("counter", 128,
            (factory, name) => factory.CreateCounter(name, "Memory probe.", ["id"]).WithLabels,
            (factory, name) => { var family = factory.CreateCounter(name, "Memory probe.", ["id"]); return values => new CounterChild(family, values); }),
        new("gauge", 128,
            (factory, name) => factory.CreateGauge(name, "Memory probe.", ["id"]).WithLabels,
            (factory, name) => { var family = factory.CreateGauge(name, "Memory probe.", ["id"]); return values => new GaugeChild(family, values); }),
        new("histogram (14 buckets)", 256,
            (factory, name) => factory.CreateHistogram(name, "Memory probe.", ["id"]).WithLabels,
            (factory, name) => { var family = factory.CreateHistogram(name, "Memory probe.", ["id"]); return values => HistogramChild.Create(family, values); }),
        new("summary (3 quantiles, 5 age buckets)", 16 * 1024,
            (factory, name) => factory.CreateSummary(name, "Memory probe.", ["id"]).WithLabels,
            (factory, name) => { var family = factory.CreateSummary(name, "Memory probe.", ["id"]); return values => new SummaryChild(family, values); }),
    ];

    /// <summary>Runs every measurement and returns the report as a Markdown table.</summary>
    public static string Run()
    {
        var labelValues = new string[SeriesCount];
        var stringBytes = Allocated(() =>
        {
            for (var i = 0; i < SeriesCount; i++)
            {
                labelValues[i] = string.Create(CultureInfo.InvariantCulture, $"value-{i}");
            }
        });

        // Bare children need their label arrays made ahead too, so only the object is counted.
        var keyArrays = new string[SeriesCount][];
        var arrayBytes = Allocated(() =>
        {
            for (var i = 0; i < SeriesCount; i++)
            {
                keyArrays[i] = [labelValues[i]];
            }
        });

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Memory per series: {SeriesCount:N0} children with one label each, .NET {Environment.Version}, {(Environment.Is64BitProcess ? "64" : "32")}-bit.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Label value strings (created beforehand, not counted below): {stringBytes / (double)SeriesCount:F1} B each.");
        report.AppendLine();
        report.AppendLine("| series kind | allocated per series (B) | retained per series (B) | of which child object (B) | of which label-values array (B) | of which store (B) | target (B) | met |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");

        // The default cardinality limit (2,000) would send most of the 10,000 lookups to the overflow series.
        using var factory = new MetricFactory(new MetricFactoryOptions { MeterName = "Instrumentation.Benchmarks.Memory", CardinalityLimit = int.MaxValue });
        var index = 0;
        foreach (var kind in Kinds)
        {
            index++;
            var withLabels = kind.CreateFamily(factory, $"memory_probe_{index}");
            var bare = kind.CreateBare(factory, $"memory_probe_bare_{index}");

            // Warm up both paths (JIT, first-use statics) on values outside the measured set.
            withLabels(["warm-up"]);
            bare(["warm-up"]);

            object? last = null;
            var (allocated, retained) = Measure(() =>
            {
                for (var i = 0; i < SeriesCount; i++)
                {
                    // A one-element span over the array slot: no array is allocated for the call.
                    last = withLabels(new ReadOnlySpan<string>(in labelValues[i]));
                }
            });

            if (last is not Series { LabelValues: [var lastValue] } || !ReferenceEquals(lastValue, labelValues[^1]))
            {
                throw new InvalidOperationException($"{kind.Name}: the last lookup did not return its own series (overflow?); the figures would not be per series.");
            }

            var children = new object[SeriesCount];
            var (childBytes, _) = Measure(() =>
            {
                for (var i = 0; i < SeriesCount; i++)
                {
                    children[i] = bare(keyArrays[i]);
                }
            });
            GC.KeepAlive(children);

            var perSeries = retained / (double)SeriesCount;
            var perChild = childBytes / (double)SeriesCount;
            var perArray = arrayBytes / (double)SeriesCount;
            report.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Name} | {allocated / (double)SeriesCount:F1} | {perSeries:F1} | {perChild:F1} | {perArray:F1} | {perSeries - perChild - perArray:F1} | {kind.TargetBytes} | {(perSeries <= kind.TargetBytes ? "met" : "not met")} |");
        }

        report.AppendLine();
        report.AppendLine("Allocated counts everything the creation allocated, including arrays the store outgrew and discarded; retained is what stays live after a full GC (the series' real footprint); the target is judged on retained.");
        report.AppendLine();
        AppendPeerComparison(report, labelValues);
        return report.ToString();
    }

    /// <summary>
    /// Ours beside prometheus-net 8.2.1 (private registry, its default configuration): each series is looked up
    /// through <c>WithLabels</c> with a one-element array made in the measured loop (so a library that keeps
    /// the caller's array is charged for it) and records one value, so buffers a library allocates on first use count too.
    /// </summary>
    private static void AppendPeerComparison(StringBuilder report, string[] labelValues)
    {
        var summaryObjectives = new Prometheus.SummaryConfiguration
        {
            Objectives = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)],
            MaxAge = TimeSpan.FromMinutes(10),
            AgeBuckets = 5,
        };
        var peers = new (string Kind, Func<MetricFactory, Func<string[], object>> Ours, Func<Prometheus.IMetricFactory, Func<string[], object>> PromNet)[]
        {
            ("counter",
                factory => { var family = factory.CreateCounter("peer_counter", "Memory probe.", ["id"]); return values => { var child = family.WithLabels(values); child.Inc(); return child; }; },
                factory => { var family = factory.CreateCounter("peer_counter", "Memory probe.", ["id"]); return values => { var child = family.WithLabels(values); child.Inc(); return child; }; }),
            ("histogram (14 buckets)",
                factory => { var family = factory.CreateHistogram("peer_histogram", "Memory probe.", ["id"]); return values => { var child = family.WithLabels(values); child.Observe(0.3); return child; }; },
                factory => { var family = factory.CreateHistogram("peer_histogram", "Memory probe.", ["id"], new Prometheus.HistogramConfiguration { Buckets = [.. Buckets.Default] }); return values => { var child = family.WithLabels(values); child.Observe(0.3); return child; }; }),
            ("summary (3 quantiles, 10 min in 5 age buckets)",
                factory => { var family = factory.CreateSummary("peer_summary", "Memory probe.", ["id"]); return values => { var child = family.WithLabels(values); child.Observe(0.3); return child; }; },
                factory => { var family = factory.CreateSummary("peer_summary", "Memory probe.", ["id"], summaryObjectives); return values => { var child = family.WithLabels(values); child.Observe(0.3); return child; }; }),
        };

        report.AppendLine(CultureInfo.InvariantCulture, $"Beside prometheus-net 8.2.1: {SeriesCount:N0} series each, created by WithLabels with a new one-element array and given one recording (prometheus-net: private registry, default configuration, the same buckets and objectives).");
        report.AppendLine();
        report.AppendLine("| series kind | ours retained (B) | prometheus-net retained (B) | ours / prometheus-net | ours allocated (B) | prometheus-net allocated (B) |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        using var factory = new MetricFactory(new MetricFactoryOptions { MeterName = "Instrumentation.Benchmarks.Memory.Peers", CardinalityLimit = int.MaxValue });
        foreach (var (kind, ours, promNet) in peers)
        {
            var (oursAllocated, oursRetained) = MeasureSeries(ours(factory), labelValues);
            var peer = PrometheusNetPeer.Default();
            var (peerAllocated, peerRetained) = MeasureSeries(promNet(peer.Factory), labelValues);
            GC.KeepAlive(peer);
            report.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {oursRetained / (double)SeriesCount:F1} | {peerRetained / (double)SeriesCount:F1} | {oursRetained / (double)peerRetained:F2} | {oursAllocated / (double)SeriesCount:F1} | {peerAllocated / (double)SeriesCount:F1} |");
        }
    }

    private static (long Allocated, long Retained) MeasureSeries(Func<string[], object> createAndRecord, string[] labelValues)
    {
        // Warm up (JIT, first-use statics) on a value outside the measured set.
        createAndRecord(["warm-up"]);
        var series = new object[SeriesCount];
        var measured = Measure(() =>
        {
            for (var i = 0; i < SeriesCount; i++)
            {
                series[i] = createAndRecord([labelValues[i]]);
            }
        });
        GC.KeepAlive(series);
        return measured;
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static (long Allocated, long Retained) Measure(Action action)
    {
        var liveBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = Allocated(action);
        var liveAfter = GC.GetTotalMemory(forceFullCollection: true);
        return (allocated, liveAfter - liveBefore);
    }

    private delegate object LabelledLookup(params ReadOnlySpan<string> labelValues);

    private sealed record SeriesKind(
        string Name,
        int TargetBytes,
        Func<MetricFactory, string, LabelledLookup> CreateFamily,
        Func<MetricFactory, string, Func<string[], object>> CreateBare);
}
