using System.Buffers;
using System.Text;
using Instrumentation.Collection;
using Instrumentation.Push;

namespace Instrumentation.Tests.Push;

public sealed class LineProtocolWriterTests
{
    private const long Timestamp = 1_700_000_000_123_000_000;

    [Fact]
    public void Counter_WritesTotalMeasurementWithValueField()
    {
        using var metrics = new MetricFactory();
        metrics.CreateCounter("orders", "Orders", ["fruit"]).WithLabels("apple").Inc(3);

        Render(metrics).Should().Be("orders_total,fruit=apple value=3 1700000000123000000\n");
    }

    [Fact]
    public void Gauge_SortsTagsAndEscapesCommasSpacesAndEquals()
    {
        using var metrics = new MetricFactory();
        metrics.CreateGauge("room_temperature", "T", ["room", "building"]).WithLabels("living room", "a=b,c").Set(21.5);

        Render(metrics).Should().Be(@"room_temperature,building=a\=b\,c,room=living\ room value=21.5 1700000000123000000" + "\n");
    }

    [Fact]
    public void Histogram_WritesCountSumAndOneCumulativeFieldPerBucket()
    {
        using var metrics = new MetricFactory();
        var histogram = metrics.CreateHistogram("latency_seconds", "Latency", buckets: [0.5, 1]);
        histogram.Observe(0.25);
        histogram.Observe(0.75);
        histogram.Observe(3);

        Render(metrics).Should().Be("latency_seconds count=3i,sum=4,le_0.5=1i,le_1=2i,le_+Inf=3i 1700000000123000000\n");
    }

    [Fact]
    public void Summary_WritesCountSumAndFiniteQuantiles()
    {
        var text = Render(writer =>
        {
            writer.BeginFamily(new MetricFamilyDescriptor("rpc_seconds", "RPC", "seconds", MetricType.Summary));
            writer.WriteSummary(new MetricLabels(["method"], ["get"]), new SummaryPoint([0.5, 0.9, 0.99], [0.2, 1e-05, double.NaN], 1.5, 4, 0));
            writer.EndFamily();
        });

        text.Should().Be("rpc_seconds,method=get count=4i,sum=1.5,quantile_0.5=0.2,quantile_0.9=1e-05 1700000000123000000\n");
    }

    [Fact]
    public void EmptyLabelValue_IsNoTag()
    {
        var text = Render(writer =>
        {
            writer.BeginFamily(new MetricFamilyDescriptor("up", "Up", string.Empty, MetricType.Gauge));
            writer.WriteGauge(new MetricLabels(["a", "b"], [string.Empty, "x"]), 1);
            writer.EndFamily();
        });

        text.Should().Be("up,b=x value=1 1700000000123000000\n");
    }

    [Fact]
    public void NonFiniteGauge_WritesNoLine()
    {
        var text = Render(writer =>
        {
            writer.BeginFamily(new MetricFamilyDescriptor("g", "G", string.Empty, MetricType.Gauge));
            writer.WriteGauge(new MetricLabels([], []), double.NaN);
            writer.WriteGauge(new MetricLabels([], []), double.PositiveInfinity);
            writer.WriteGauge(new MetricLabels([], []), -2.5e+06);
            writer.EndFamily();
        });

        text.Should().Be("g value=-2.5e+06 1700000000123000000\n");
    }

    [Fact]
    public void SeriesOfAnotherTypeThanItsFamily_Throws()
    {
        var writer = new LineProtocolWriter(new ArrayBufferWriter<byte>(), Timestamp);
        writer.BeginFamily(new MetricFamilyDescriptor("g", "G", string.Empty, MetricType.Gauge));

        var act = () => writer.WriteCounter(new MetricLabels([], []), 1, 0, null);

        act.Should().Throw<InvalidOperationException>().WithMessage("*'g' is a gauge*counter*");
    }

    [Theory]
    [InlineData("cpu load,a=b", @"cpu\ load\,a=b")]
    [InlineData("été", "été")]
    [InlineData(@"ends\", @"ends\\ ")]
    public void Measurement_EscapesCommasAndSpacesOnly(string text, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        LineProtocolEscaping.WriteMeasurement(output, text, string.Empty);

        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be(expected);
    }

    [Theory]
    [InlineData("a=b, c", @"a\=b\,\ c")]
    [InlineData("line\nbreak", @"line\ break")]
    [InlineData(@"back\slash ""quoted""", @"back\slash\ ""quoted""")]
    public void TagKeyAndValue_EscapeCommasEqualsAndSpaces(string text, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        LineProtocolEscaping.WriteKey(output, text);

        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be(expected);
    }

    [Theory]
    [InlineData(@"trailing backslash\", @"trailing\ backslash\\ ")]
    [InlineData(@"\", @"\\ ")]
    [InlineData(@"two\\", @"two\\\ ")]
    [InlineData(@"a\,b", @"a\\,b")]
    [InlineData(@"a\ b", @"a\\ b")]
    public void TagKeyAndValue_EndingInBackslash_GetAnEscapedSpaceSoTheBackslashEscapesNothing(string text, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        LineProtocolEscaping.WriteKey(output, text);

        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be(expected);
    }

    [Fact]
    public void Gauge_WithLabelValueEndingInBackslash_EndsTheTagSetWithAnUnescapedSpace()
    {
        using var metrics = new MetricFactory();
        metrics.CreateGauge("g", "G", ["v", "w"]).WithLabels(@"C:\", @"D:\").Set(7);

        Render(metrics).Should().Be(@"g,v=C:\\ ,w=D:\\  value=7 1700000000123000000" + "\n");
    }

    [Theory]
    [InlineData(@"name\", "_total", @"name\_total")]
    [InlineData("a b", "_total", @"a\ b_total")]
    [InlineData("plain", "", "plain")]
    public void Measurement_WithSuffix_IsEscapedAsOneToken(string name, string suffix, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        LineProtocolEscaping.WriteMeasurement(output, name, suffix);

        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be(expected);
    }

    private static string Render(IMetricsSource source) => Render(source.Collect);

    private static string Render(Action<LineProtocolWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(new LineProtocolWriter(output, Timestamp));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
