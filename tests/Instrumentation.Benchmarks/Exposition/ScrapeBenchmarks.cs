// Last result: 2026-12-04 23:54 UTC, `run.sh --filter '*ScrapeBenchmarks*'` (ShortRun) on branch protobuf, 2-core shared VM
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
// Previous result: 2026-12-04 09:04 UTC, `run.sh --quick` on main (ShortRun), 2-core shared VM (AMD EPYC, .NET 10), load average 1.2 to 1.5;
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

        for (var i = 0; i < SeriesCount; i++)
        {
            var method = new KeyValuePair<string, object?>(LabelNames[0], labelValues[i][0]);
            var id = new KeyValuePair<string, object?>(LabelNames[1], labelValues[i][1]);
            counter.WithLabels(labelValues[i]).Inc(i + 1);
            otelCounter.Add(i + 1, method, id);
            var child = histogram.WithLabels(labelValues[i]);
            for (var k = 0; k < 3; k++)
            {
                var value = values[((i * 3) + k) & ObservationValues.Mask];
                child.Observe(value);
                otelHistogram.Record(value, method, id);
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
    }

    [GlobalCleanup]
    public void Cleanup()
    {
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

    private static void ExpectLines(MetricsScraper scraper, int samples)
    {
        var text = scraper.Scrape(ExpositionFormat.PrometheusText);
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
            throw new InvalidOperationException($"The scrape wrote {lines} sample lines, expected {samples}: the rows would not compare like with like.");
        }
    }
}
