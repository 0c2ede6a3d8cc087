namespace Instrumentation.OpenTelemetryProtocol.Tests;

public sealed class OtlpMetricsExportTests
{
    [Theory]
    [InlineData(null, OtlpProtocol.HttpProtobuf, "http://localhost:4318/v1/metrics")]
    [InlineData(null, OtlpProtocol.Grpc, "http://localhost:4317/")]
    [InlineData("http://127.0.0.1:4318", OtlpProtocol.HttpProtobuf, "http://127.0.0.1:4318/v1/metrics")]
    [InlineData("http://collector:4318/otlp/", OtlpProtocol.HttpProtobuf, "http://collector:4318/otlp/v1/metrics")]
    [InlineData("http://collector:4318/v1/metrics", OtlpProtocol.HttpProtobuf, "http://collector:4318/v1/metrics")]
    [InlineData("http://collector:4317", OtlpProtocol.Grpc, "http://collector:4317/")]
    public void ResolveEndpoint_AddsTheSignalPathForHttpOnly(string? endpoint, OtlpProtocol protocol, string expected)
    {
        var options = new OtlpExportOptions { Endpoint = endpoint is null ? null : new Uri(endpoint), Protocol = protocol };

        OtlpMetricsExport.ResolveEndpoint(options).ToString().Should().Be(expected);
    }
}
