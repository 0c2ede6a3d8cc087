using Instrumentation.Exposition;

namespace Instrumentation.Tests.Exposition;

public class ContentNegotiationTests
{
    // What Prometheus 2.42 sends (scrape/scrape.go: scrapeAcceptHeader), and with --enable-feature=native-histograms.
    private const string PrometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private const string Prometheus242NativeHistogramsAccept =
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    // What Prometheus 3.x sends (acceptHeader over scrape_protocols): the default list, and PrometheusProto first.
    private const string Prometheus3Accept =
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private const string Prometheus3ProtobufFirstAccept =
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1";

    private const string Protobuf = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

    public static TheoryData<string?, ExpositionFormat> Cases => new()
    {
        { PrometheusAccept, ExpositionFormat.OpenMetrics },
        { Prometheus242NativeHistogramsAccept, ExpositionFormat.PrometheusProtobuf },
        { Prometheus3Accept, ExpositionFormat.OpenMetrics },
        { Prometheus3ProtobufFirstAccept, ExpositionFormat.PrometheusProtobuf },
        { "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,application/openmetrics-text;version=1.0.0;q=0.6,text/plain;version=0.0.4;q=0.3,*/*;q=0.2", ExpositionFormat.PrometheusProtobuf },
        { Protobuf, ExpositionFormat.PrometheusProtobuf },
        { ContentNegotiation.PrometheusProtobufContentType, ExpositionFormat.PrometheusProtobuf },
        { "Application/Vnd.Google.Protobuf; Proto=\"io.prometheus.client.MetricFamily\"; Encoding=\"delimited\"", ExpositionFormat.PrometheusProtobuf },
        { "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily", ExpositionFormat.PrometheusText },
        { "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily,application/openmetrics-text;q=0.5", ExpositionFormat.OpenMetrics },
        { "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text", ExpositionFormat.PrometheusText },
        { "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=compact-text", ExpositionFormat.PrometheusText },
        { "application/vnd.google.protobuf;encoding=delimited", ExpositionFormat.PrometheusText },
        { "application/vnd.google.protobuf;proto=io.prometheus.client.Metric;encoding=delimited", ExpositionFormat.PrometheusText },
        { "application/vnd.google.protobuf", ExpositionFormat.PrometheusText },
        { "application/*;q=1," + Protobuf + ";q=0.1", ExpositionFormat.PrometheusProtobuf },
        { Protobuf + ";q=0", ExpositionFormat.PrometheusText },
        { Protobuf + ";q=0,application/openmetrics-text", ExpositionFormat.OpenMetrics },
        { Protobuf + ";q=0.5,application/openmetrics-text;version=1.0.0;q=0.8", ExpositionFormat.OpenMetrics },
        { Protobuf + ";q=0.5,text/plain;version=0.0.4;q=0.6", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text;q=0.5," + Protobuf + ";q=0.5", ExpositionFormat.PrometheusProtobuf },
        { "text/plain;q=0.5," + Protobuf + ";q=0.5", ExpositionFormat.PrometheusProtobuf },
        { Protobuf + ";q=abc,text/plain;q=0.1", ExpositionFormat.PrometheusText },
        { null, ExpositionFormat.PrometheusText },
        { "", ExpositionFormat.PrometheusText },
        { "   ", ExpositionFormat.PrometheusText },
        { "*/*", ExpositionFormat.PrometheusText },
        { "application/*", ExpositionFormat.PrometheusText },
        { "text/plain", ExpositionFormat.PrometheusText },
        { "text/plain;version=0.0.4", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text", ExpositionFormat.OpenMetrics },
        { "application/openmetrics-text; version=0.0.1", ExpositionFormat.OpenMetrics },
        { "application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics },
        { "Application/OpenMetrics-Text; Version=1.0.0", ExpositionFormat.OpenMetrics },
        { "application/openmetrics-text;version=\"1.0.0\"", ExpositionFormat.OpenMetrics },
        { "application/openmetrics-text;version=2.0.0", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text;version=1.0.0;q=0", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text;version=1.0.0;q=0.0,*/*", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text;q=0.5,text/plain;q=0.9", ExpositionFormat.PrometheusText },
        { "text/plain;version=0.0.4;q=0.5,application/openmetrics-text;version=1.0.0;q=0.5", ExpositionFormat.OpenMetrics },
        { "text/plain;q=0,application/openmetrics-text;q=0.1", ExpositionFormat.OpenMetrics },
        { "text/plain;version=1.0.0,application/openmetrics-text;q=0.2", ExpositionFormat.OpenMetrics },
        { "*/*;q=1,application/openmetrics-text;q=0.3", ExpositionFormat.OpenMetrics },
        { "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ExpositionFormat.PrometheusText },
        { "garbage", ExpositionFormat.PrometheusText },
        { ";;;,,,===", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text;q=abc", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text;q=-1", ExpositionFormat.PrometheusText },
        { "application/openmetrics-text;;q", ExpositionFormat.OpenMetrics },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Select_AcceptHeader_ChoosesAsPrometheusClientsDo(string? accept, ExpositionFormat expected) =>
        ContentNegotiation.Select(accept).Should().Be(expected);

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText, "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData(ExpositionFormat.OpenMetrics, "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData(ExpositionFormat.PrometheusProtobuf, "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited")]
    public void ContentTypeOf_Format_IsTheRegisteredMediaType(ExpositionFormat format, string expected) =>
        ContentNegotiation.ContentTypeOf(format).Should().Be(expected);

    [Fact]
    public void ContentTypeOf_UndefinedFormat_Throws()
    {
        var act = () => ContentNegotiation.ContentTypeOf((ExpositionFormat)42);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
