// Last result: 2026-12-05 00:20 UTC, `--paired Counter LabelLookup Gauge Histogram Summary Scrape --rounds 200` on branch peer-benchmarks,
// 2-core shared VM (AMD EPYC, .NET 10.0.12), load average at start 22.54, 21.27, 22.62 (other builds running: BenchmarkDotNet
// ShortRun figures at this load were not readable). Ratio = median over rounds of row / floor of the same round; see docs/benchmarks.md.
// | row | ns/op (median) | ratio to floor | quartiles | ratio of means | B/op |
// | --- | ---: | ---: | --- | ---: | ---: |
// | Scrape_Counters_Prometheus | 124.31 | 66.28 | 65.13-69.09 | 92.36 | 0 |
// | OTel_Scrape_Counters_Prometheus | 723.08 | 393.05 | 265.53-595.72 | 483.93 | 0.04 |
// | Scrape_Histograms_Prometheus | 2385.03 | 1238.07 | 1076.55-1489.38 | 1396.65 | 0 |
// | OTel_Scrape_Histograms_Prometheus | 3020.78 | 1573.41 | 1335.53-1857.27 | 1748.57 | 0.04 |
// | PromNet_Scrape_Counters | 606.09 | 299.83 | 108.67-532.46 | 337.13 | 1.71 |
// | PromNet_Scrape_Histograms | 5878.22 | 3106.10 | 2813.99-3549.08 | 3439.56 | 1.71 |
// | OTelExporter_Scrape_Counters | 905.27 | 475.17 | 356.29-616.72 | 562.01 | 0.61 |
// | OTelExporter_Scrape_Histograms | 4590.77 | 2451.05 | 2173.58-2819.44 | 2702.19 | 0.61 |
// | Floor_InterlockedAdd | 1.89 | 1.00 | 1.00-1.00 | 1.00 | 0 |
//
// Protobuf rows (branch protobuf): 2026-12-04 23:54 UTC, `run.sh --filter '*ScrapeBenchmarks*'` (ShortRun) on branch protobuf, 2-core shared VM
// (AMD EPYC, .NET 10.0.12), load average 22 to 28 (other builds running): the nanoseconds are inflated and noisy; read
// Allocated ('-' = 0 B for the whole scrape, so the protobuf rows allocate nothing per series) and, loosely, the
// protobuf rows against the text rows of the same run.
// | Method                            | Mean         | Error         | StdDev        | Ratio    | RatioSD | Allocated | Alloc Ratio |
// |---------------------------------- |-------------:|--------------:|--------------:|---------:|--------:|----------:|------------:|
// | Scrape_Counters_OpenMetrics       |   789.747 ns |  1,058.002 ns |    57.9927 ns |   135.25 |    8.84 |         - |          NA |
// | Scrape_Counters_Protobuf          |   404.898 ns |    380.708 ns |    20.8679 ns |    69.34 |    3.26 |         - |          NA |
// | Scrape_Histograms_OpenMetrics     | 2,568.186 ns |  5,465.148 ns |   299.5632 ns |   439.82 |   44.92 |         - |          NA |
// | Scrape_Histograms_Protobuf        | 2,784.007 ns |  5,080.002 ns |   278.4520 ns |   476.78 |   41.91 |         - |          NA |
// | Floor_InterlockedAdd              |     5.840 ns |      1.859 ns |     0.1019 ns |     1.00 |    0.02 |         - |          NA |
// | Scrape_Counters_Prometheus        |   394.122 ns |  1,009.182 ns |    55.3167 ns |    67.50 |    8.27 |         - |          NA |
// | OTel_Scrape_Counters_Prometheus   |   982.502 ns |  1,011.910 ns |    55.4662 ns |   168.26 |    8.60 |         - |          NA |
// | Scrape_Histograms_Prometheus      | 3,181.892 ns |  7,946.451 ns |   435.5718 ns |   544.92 |   65.12 |         - |          NA |
// | OTel_Scrape_Histograms_Prometheus | 6,466.340 ns | 44,378.200 ns | 2,432.5189 ns | 1,107.41 |  361.19 |         - |          NA |
//
// Before issue 18: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
// see docs/benchmarks.md for the targets and the verdicts.
// | Method                            | Mean       | Error       | StdDev     | Ratio  | RatioSD | Allocated | Alloc Ratio |
// |---------------------------------- |-----------:|------------:|-----------:|-------:|--------:|----------:|------------:|
// | Floor_InterlockedAdd              |   5.552 ns |   0.6196 ns |  0.0340 ns |   1.00 |    0.01 |         - |          NA |
// | Scrape_Counters_Prometheus        | 102.179 ns |  63.9407 ns |  3.5048 ns |  18.40 |    0.56 |         - |          NA |
// | OTel_Scrape_Counters_Prometheus   | 200.589 ns | 464.4132 ns | 25.4561 ns |  36.13 |    3.98 |         - |          NA |
// | Scrape_Histograms_Prometheus      | 578.098 ns | 375.9741 ns | 20.6084 ns | 104.12 |    3.26 |         - |          NA |
// | OTel_Scrape_Histograms_Prometheus | 626.650 ns | 135.6536 ns |  7.4356 ns | 112.87 |    1.30 |         - |          NA |
//
// Earlier result: 2026-11-22 08:29 UTC, `run.sh --filter '*ScrapeBenchmarks*'` (ShortRun), 2-core shared VM (AMD EPYC, .NET 10.0.12), load about 1.2:
// read the Ratio column (multiple of the floor row in the same run), not the nanoseconds. The quick run ten minutes
// earlier gave 31.1x / 124.6x for our two Prometheus rows (54.8x / 149.8x OpenTelemetry): the counter row is noisy.
// See docs/benchmarks.md for the targets and the analysis.
// Scrape rows: Mean, Ratio and Allocated are PER SERIES (OperationsPerInvoke = 10,000); '-' = 0 B for the whole scrape.
// | Method                            | Mean         | Error         | StdDev     | Ratio  | RatioSD | Allocated | Alloc Ratio |
// |---------------------------------- |-------------:|--------------:|-----------:|-------:|--------:|----------:|------------:|
// | Scrape_Counters_OpenMetrics       |   217.663 ns |    33.0331 ns |  1.8107 ns |  39.79 |    0.29 |         - |          NA |
// | Scrape_Histograms_OpenMetrics     | 1,821.847 ns |   639.1986 ns | 35.0366 ns | 333.02 |    5.55 |         - |          NA |
// | Floor_InterlockedAdd              |     5.471 ns |     0.1024 ns |  0.0056 ns |   1.00 |    0.00 |         - |          NA |
// | Scrape_Counters_Prometheus        |    89.463 ns |    41.9123 ns |  2.2974 ns |  16.35 |    0.36 |         - |          NA |
// | OTel_Scrape_Counters_Prometheus   |   279.072 ns | 1,231.8236 ns | 67.5204 ns |  51.01 |   10.69 |         - |          NA |
// | Scrape_Histograms_Prometheus      |   697.587 ns |   161.6321 ns |  8.8596 ns | 127.51 |    1.41 |         - |          NA |
// | OTel_Scrape_Histograms_Prometheus |   854.823 ns |   378.8240 ns | 20.7646 ns | 156.26 |    3.29 |         - |          NA |

using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Baselines;
using Instrumentation.Benchmarks.Configuration;
using Instrumentation.Benchmarks.Support;
using Instrumentation.Exposition;
using Instrumentation.Instruments;
using Instrumentation.OpenTelemetry;

namespace Instrumentation.Benchmarks.Exposition;

/// <summary>
/// A whole scrape of <see cref="SeriesCount"/> series, collected and written as Prometheus text (or
/// OpenMetrics, or the Prometheus protobuf format) by <see cref="MetricsScraper.WriteAsync"/> into <see cref="Stream.Null"/>: the scraper
/// keeps its buffer between scrapes, so this is the steady state of a <c>/metrics</c> endpoint.
/// Counters (one family) and histograms (one family, 14 default buckets), each series with two labels.
/// </summary>
/// <remarks>
/// <para>
/// Every scrape row declares <c>OperationsPerInvoke = SeriesCount</c>, so its Mean is the cost of one
/// series and its Ratio the multiple of one <c>Interlocked.Add</c> (the floor row, 64 adds per
/// invocation, is also per operation). Allocated is per series too: multiply by 10,000 for a scrape.
/// </para>
/// <para>
/// The OpenTelemetry baseline holds the same series as SDK instruments (<c>Counter&lt;double&gt;</c>,
/// <c>Histogram&lt;double&gt;</c> with the same bounds) recorded with the same two tags, collected by
/// the SDK through our <see cref="ForeignMeterSource"/> (a <c>BaseExportingMetricReader</c> over a
/// pull exporter that walks the metric points into our visitor) and written by the same scraper and
/// writer. It is the cost of exposing SDK-aggregated series in our format, not of an OpenTelemetry
/// Prometheus exporter (that package is not available to us).
/// </para>
/// </remarks>
public class ScrapeBenchmarks : FloorBenchmark
{
    /// <summary>Series per family, and operations per scrape invocation.</summary>
    public const int SeriesCount = 10_000;

    private const int Methods = 4;
    private static readonly string[] LabelNames = ["method", "id"];
    private static readonly string[] MethodValues = ["GET", "POST", "PUT", "DELETE"];

    private MetricFactory _counterFactory = null!;
    private MetricFactory _histogramFactory = null!;
    private MetricsScraper _counterScraper = null!;
    private MetricsScraper _histogramScraper = null!;
    private Meter _otelCounterMeter = null!;
    private Meter _otelHistogramMeter = null!;
    private ForeignMeterSource _otelCounterSource = null!;
    private ForeignMeterSource _otelHistogramSource = null!;
    private MetricsScraper _otelCounterScraper = null!;
    private MetricsScraper _otelHistogramScraper = null!;
    private PrometheusNetPeer _promNetCounters = null!;
    private PrometheusNetPeer _promNetHistograms = null!;
    private Meter _exporterCounterMeter = null!;
    private Meter _exporterHistogramMeter = null!;
    private OpenTelemetryPrometheusScrape _exporterCounters = null!;
    private OpenTelemetryPrometheusScrape _exporterHistograms = null!;

    [GlobalSetup]
    public void Setup()
    {
        var values = ObservationValues.Create(Buckets.Default);
        var labelValues = new string[SeriesCount][];
        for (var i = 0; i < SeriesCount; i++)
        {
            labelValues[i] = [MethodValues[i % Methods], (i / Methods).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        _counterFactory = new MetricFactory(new MetricFactoryOptions { MeterName = "Instrumentation.Benchmarks.Scrape.Counters", CardinalityLimit = SeriesCount * 2 });
        var counter = _counterFactory.CreateCounter("bench_requests_total", "Requests handled.", LabelNames);
        _histogramFactory = new MetricFactory(new MetricFactoryOptions { MeterName = "Instrumentation.Benchmarks.Scrape.Histograms", CardinalityLimit = SeriesCount * 2 });
        var histogram = _histogramFactory.CreateHistogram("bench_request_duration_seconds", "Request duration.", LabelNames);

        _otelCounterMeter = new Meter("Instrumentation.Benchmarks.Scrape.OTelCounters");
        _otelHistogramMeter = new Meter("Instrumentation.Benchmarks.Scrape.OTelHistograms");
        _otelCounterSource = ForeignSource(_otelCounterMeter.Name);
        _otelHistogramSource = ForeignSource(_otelHistogramMeter.Name);
        var otelCounter = _otelCounterMeter.CreateCounter<double>("bench_requests", unit: null, description: "Requests handled.");
        var otelHistogram = _otelHistogramMeter.CreateHistogram(
            "bench_request_duration",
            unit: "s",
            description: "Request duration.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets.Default });

        // prometheus-net: the same series on private registries (no default metrics), exemplars off (nothing to write).
        _promNetCounters = PrometheusNetPeer.WithoutExemplars();
        _promNetHistograms = PrometheusNetPeer.WithoutExemplars();
        var promCounter = _promNetCounters.Factory.CreateCounter("bench_requests_total", "Requests handled.", LabelNames);
        var promHistogram = _promNetHistograms.Factory.CreateHistogram(
            "bench_request_duration_seconds",
            "Request duration.",
            LabelNames,
            new Prometheus.HistogramConfiguration { Buckets = [.. Buckets.Default] });

        // The OpenTelemetry Prometheus exporter: SDK instruments again, on meters only it listens to.
        _exporterCounterMeter = new Meter("Instrumentation.Benchmarks.Scrape.ExporterCounters");
        _exporterHistogramMeter = new Meter("Instrumentation.Benchmarks.Scrape.ExporterHistograms");
        _exporterCounters = new OpenTelemetryPrometheusScrape(_exporterCounterMeter.Name, SeriesCount * 2);
        _exporterHistograms = new OpenTelemetryPrometheusScrape(_exporterHistogramMeter.Name, SeriesCount * 2);
        var exporterCounter = _exporterCounterMeter.CreateCounter<double>("bench_requests", unit: null, description: "Requests handled.");
        var exporterHistogram = _exporterHistogramMeter.CreateHistogram(
            "bench_request_duration",
            unit: "s",
            description: "Request duration.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets.Default });

        for (var i = 0; i < SeriesCount; i++)
        {
            var method = new KeyValuePair<string, object?>(LabelNames[0], labelValues[i][0]);
            var id = new KeyValuePair<string, object?>(LabelNames[1], labelValues[i][1]);
            counter.WithLabels(labelValues[i]).Inc(i + 1);
            otelCounter.Add(i + 1, method, id);
            promCounter.WithLabels(labelValues[i]).Inc(i + 1);
            exporterCounter.Add(i + 1, method, id);
            var child = histogram.WithLabels(labelValues[i]);
            var promChild = promHistogram.WithLabels(labelValues[i]);
            for (var k = 0; k < 3; k++)
            {
                var value = values[((i * 3) + k) & ObservationValues.Mask];
                child.Observe(value);
                otelHistogram.Record(value, method, id);
                promChild.Observe(value);
                exporterHistogram.Record(value, method, id);
            }
        }

        _counterScraper = new MetricsScraper([_counterFactory]);
        _histogramScraper = new MetricsScraper([_histogramFactory]);
        _otelCounterScraper = new MetricsScraper([_otelCounterSource]);
        _otelHistogramScraper = new MetricsScraper([_otelHistogramSource]);

        // Every row must write the same number of sample lines: 10,000 counters, or 10,000 x (15 buckets + sum + count).
        ExpectLines(_counterScraper, SeriesCount);
        ExpectLines(_otelCounterScraper, SeriesCount);
        ExpectLines(_histogramScraper, SeriesCount * (Buckets.Default.Count + 3));
        ExpectLines(_otelHistogramScraper, SeriesCount * (Buckets.Default.Count + 3));
        ExpectLines("PromNet_Scrape_Counters", _promNetCounters.Scrape(), SeriesCount);
        ExpectLines("PromNet_Scrape_Histograms", _promNetHistograms.Scrape(), SeriesCount * (Buckets.Default.Count + 3));
        ExpectLines("OTelExporter_Scrape_Counters", _exporterCounters.ScrapeText(), SeriesCount);
        ExpectLines("OTelExporter_Scrape_Histograms", _exporterHistograms.ScrapeText(), SeriesCount * (Buckets.Default.Count + 3));
        ExpectSameValues();
    }

    /// <summary>
    /// Same totals everywhere: the sum of every counter sample (1 + 2 + ... + 10,000) and of every
    /// histogram <c>_count</c> and <c>_sum</c> line, in each library's own output.
    /// </summary>
    private void ExpectSameValues()
    {
        var counterTotal = SeriesCount * (SeriesCount + 1) / 2.0;
        foreach (var (row, text) in (IEnumerable<(string, string)>)
        [
            ("Scrape_Counters_Prometheus", _counterScraper.Scrape(ExpositionFormat.PrometheusText)),
            ("OTel_Scrape_Counters_Prometheus", _otelCounterScraper.Scrape(ExpositionFormat.PrometheusText)),
            ("PromNet_Scrape_Counters", _promNetCounters.Scrape()),
            ("OTelExporter_Scrape_Counters", _exporterCounters.ScrapeText()),
        ])
        {
            RecordingCheck.Equal(row, "the total of the counter samples", counterTotal, SumOfSamples(text, "_total"));
        }

        var histogramTexts = (IEnumerable<(string, string)>)
        [
            ("Scrape_Histograms_Prometheus", _histogramScraper.Scrape(ExpositionFormat.PrometheusText)),
            ("OTel_Scrape_Histograms_Prometheus", _otelHistogramScraper.Scrape(ExpositionFormat.PrometheusText)),
            ("PromNet_Scrape_Histograms", _promNetHistograms.Scrape()),
            ("OTelExporter_Scrape_Histograms", _exporterHistograms.ScrapeText()),
        ];
        var expectedSum = double.NaN;
        foreach (var (row, text) in histogramTexts)
        {
            RecordingCheck.Equal(row, "the total of the _count samples", SeriesCount * 3, SumOfSamples(text, "_count"));
            var sum = SumOfSamples(text, "_sum");
            expectedSum = double.IsNaN(expectedSum) ? sum : expectedSum;
            RecordingCheck.Equal(row, "the total of the _sum samples (relative to the first row's)", 1, sum / expectedSum);
        }
    }

    /// <summary>The sum of the values of every sample line whose metric name ends with <paramref name="suffix"/> (any timestamp ignored).</summary>
    private static double SumOfSamples(string text, string suffix)
    {
        double total = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (!line.AsSpan(0, nameEnd).EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var afterLabels = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : nameEnd;
            var fields = line[afterLabels..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            total += double.Parse(fields[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporterCounters.Dispose();
        _exporterHistograms.Dispose();
        _exporterCounterMeter.Dispose();
        _exporterHistogramMeter.Dispose();
        _counterScraper.Dispose();
        _histogramScraper.Dispose();
        _otelCounterScraper.Dispose();
        _otelHistogramScraper.Dispose();
        _otelCounterSource.Dispose();
        _otelHistogramSource.Dispose();
        _otelCounterMeter.Dispose();
        _otelHistogramMeter.Dispose();
        _counterFactory.Dispose();
        _histogramFactory.Dispose();
    }

    /// <summary>10,000 counter series of our own, Prometheus text.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Scrape_Counters_Prometheus() => Scrape(_counterScraper, ExpositionFormat.PrometheusText);

    /// <summary>The same, OpenMetrics (adds <c>_created</c> lines and the exemplar slot).</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    public void Scrape_Counters_OpenMetrics() => Scrape(_counterScraper, ExpositionFormat.OpenMetrics);

    /// <summary>The same, Prometheus protobuf (delimited MetricFamily messages, created timestamp per series).</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    public void Scrape_Counters_Protobuf() => Scrape(_counterScraper, ExpositionFormat.PrometheusProtobuf);

    /// <summary>10,000 SDK counter series collected through <see cref="ForeignMeterSource"/>, Prometheus text.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTel_Scrape_Counters_Prometheus() => Scrape(_otelCounterScraper, ExpositionFormat.PrometheusText);

    /// <summary>10,000 histogram series of our own (14 buckets), Prometheus text.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void Scrape_Histograms_Prometheus() => Scrape(_histogramScraper, ExpositionFormat.PrometheusText);

    /// <summary>The same, OpenMetrics.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    public void Scrape_Histograms_OpenMetrics() => Scrape(_histogramScraper, ExpositionFormat.OpenMetrics);

    /// <summary>The same, Prometheus protobuf (15 bucket messages per series, created timestamp).</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    public void Scrape_Histograms_Protobuf() => Scrape(_histogramScraper, ExpositionFormat.PrometheusProtobuf);

    /// <summary>10,000 SDK histogram series (same bounds) collected through <see cref="ForeignMeterSource"/>, Prometheus text.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTel_Scrape_Histograms_Prometheus() => Scrape(_otelHistogramScraper, ExpositionFormat.PrometheusText);

    /// <summary>prometheus-net: 10,000 counter series, <c>CollectAndExportAsTextAsync</c> into <c>Stream.Null</c>.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Scrape_Counters() => _promNetCounters.Registry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();

    /// <summary>prometheus-net: 10,000 histogram series (same 14 buckets).</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void PromNet_Scrape_Histograms() => _promNetHistograms.Registry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();

    /// <summary>The OpenTelemetry Prometheus exporter's scrape middleware: 10,000 SDK counter series.</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTelExporter_Scrape_Counters() => _exporterCounters.Scrape(Stream.Null);

    /// <summary>The OpenTelemetry Prometheus exporter's scrape middleware: 10,000 SDK histogram series (same bounds).</summary>
    [Benchmark(OperationsPerInvoke = SeriesCount)]
    [BenchmarkCategory(BenchmarkCategories.Quick)]
    public void OTelExporter_Scrape_Histograms() => _exporterHistograms.Scrape(Stream.Null);

    private static void Scrape(MetricsScraper scraper, ExpositionFormat format)
    {
        // Stream.Null completes synchronously, so the ValueTask never allocates a Task.
        var pending = scraper.WriteAsync(Stream.Null, format);
        if (pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult();
        }
        else
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    private static ForeignMeterSource ForeignSource(string meterName)
    {
        var options = new ForeignMeterSourceOptions { CardinalityLimit = SeriesCount * 2, Exemplars = false };
        options.Meters.Add(meterName);
        return new ForeignMeterSource(options);
    }

    private static void ExpectLines(MetricsScraper scraper, int samples) =>
        ExpectLines("our scraper", scraper.Scrape(ExpositionFormat.PrometheusText), samples);

    private static void ExpectLines(string row, string text, int samples)
    {
        var lines = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.IsEmpty && line[0] != '#')
            {
                lines++;
            }
        }

        if (lines != samples)
        {
            throw new InvalidOperationException($"{row}: the scrape wrote {lines} sample lines, expected {samples}: the rows would not compare like with like.");
        }
    }
}
