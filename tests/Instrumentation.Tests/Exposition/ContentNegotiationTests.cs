using Instrumentation.Exposition;

namespace Instrumentation.Tests.Exposition;

public class ContentNegotiationTests
{
    private const string PrometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    public static TheoryData<string?, ExpositionFormat> Cases => new()
    {
        { PrometheusAccept, ExpositionFormat.OpenMetrics },
        { "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,application/openmetrics-text;version=1.0.0;q=0.6,text/plain;version=0.0.4;q=0.3,*/*;q=0.2", ExpositionFormat.OpenMetrics },
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
    public void ContentTypeOf_Format_IsTheRegisteredMediaType(ExpositionFormat format, string expected) =>
        ContentNegotiation.ContentTypeOf(format).Should().Be(expected);

    [Fact]
    public void ContentTypeOf_UndefinedFormat_Throws()
    {
        var act = () => ContentNegotiation.ContentTypeOf((ExpositionFormat)42);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
