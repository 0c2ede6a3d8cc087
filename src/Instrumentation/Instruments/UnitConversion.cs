namespace Instrumentation.Instruments;

/// <summary>Maps Prometheus unit names to the UCUM units <c>System.Diagnostics.Metrics</c> and OpenTelemetry use.</summary>
internal static class UnitConversion
{
    public static string? ToUcum(string unit) => unit switch
    {
        "" => null,
        "seconds" => "s",
        "milliseconds" => "ms",
        "bytes" => "By",
        "ratio" => "1",
        _ => unit,
    };
}
