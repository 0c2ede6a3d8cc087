namespace Instrumentation.OpenTelemetryProtocol;

/// <summary>
/// Settings of <c>AddOtlpMetricsExport()</c>, bound from the <c>"Metrics:Otlp"</c> configuration section and
/// validated at start-up.
/// </summary>
public sealed class OtlpExportOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Metrics:Otlp";

    /// <summary>
    /// The collector's base address, for example <c>http://127.0.0.1:4318</c>. With
    /// <see cref="OtlpProtocol.HttpProtobuf"/> the signal path <c>/v1/metrics</c> is appended unless the
    /// address already ends with it. Default null: <c>http://localhost:4318</c> for http/protobuf,
    /// <c>http://localhost:4317</c> for gRPC.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The transport. Default <see cref="OtlpProtocol.HttpProtobuf"/>.</summary>
    public OtlpProtocol Protocol { get; set; } = OtlpProtocol.HttpProtobuf;

    /// <summary>How often the current values are exported. Default 15 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The bound on one export request. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Headers sent with every export request, for example an authorization token.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The <c>service.name</c> resource attribute. Default null: the host's application name.
    /// </summary>
    public string? ServiceName { get; set; }
}
