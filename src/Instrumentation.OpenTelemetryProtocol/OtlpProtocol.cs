namespace Instrumentation.OpenTelemetryProtocol;

/// <summary>The transport of OTLP metrics export.</summary>
public enum OtlpProtocol
{
    /// <summary>Protobuf over HTTP (<c>POST {Endpoint}/v1/metrics</c>), the collector's port 4318 by default.</summary>
    HttpProtobuf,

    /// <summary>gRPC, the collector's port 4317 by default.</summary>
    Grpc,
}
