using Instrumentation.Collection;
using Instrumentation.OpenTelemetry;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

public class MergedSeriesTests
{
    [Fact]
    public void AddHistogram_NativePointsOfTwoSchemas_AddsUpAtTheCoarserSchema()
    {
        var series = new MergedSeries("k", new MetricLabels([], []));

        // Schema 1: buckets 1 and 2 are (1, 1.41] and (1.41, 2]; both lie in schema-0 bucket 1, (1, 2].
        series.AddHistogram(new HistogramPoint([], [3], 4.5, 10, [], new NativeHistogramBuckets(1, 0, 1, [1, 2], [1, 1], [], [])));
        series.AddHistogram(new HistogramPoint([], [2], 5, 5, [], new NativeHistogramBuckets(0, 0, 0, [1, 2], [1, 1], [], [])));
        series.AddHistogram(new HistogramPoint([], [1], 8, 7, [], new NativeHistogramBuckets(1, 0, 0, [6], [1], [], [])));

        var point = series.ToHistogramPoint();
        var native = RecordedNativeBuckets.Copy(point.Native);
        native.Schema.Should().Be(0);
        native.Positive.Should().Equal(new Dictionary<int, long> { [1] = 3, [2] = 1, [3] = 1 });
        native.ZeroCount.Should().Be(1);
        point.Count.Should().Be(6);
        point.Sum.Should().Be(17.5);
        point.CreatedUnixSeconds.Should().Be(5);
    }
}
