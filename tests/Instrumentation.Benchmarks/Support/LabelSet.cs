namespace Instrumentation.Benchmarks.Support;

/// <summary>The label names and values the labelled rows use, ours and OpenTelemetry's alike.</summary>
internal static class LabelSet
{
    /// <summary>Three label names.</summary>
    public static readonly string[] Names = ["method", "route", "status"];

    /// <summary>The first two label names, for the two-tag histogram baseline.</summary>
    public static readonly string[] TwoNames = ["method", "route"];

    /// <summary>The values <c>"a", "b", "c"</c> of the performance targets.</summary>
    public static readonly string[] Values = ["a", "b", "c"];

    /// <summary>The same label/value pairs as <c>System.Diagnostics.Metrics</c> tags.</summary>
    public static KeyValuePair<string, object?> Tag(int index) => new(Names[index], Values[index]);
}
