namespace Handlers;

/// <summary>The metrics every handler records into, one series per method, route and status.</summary>
public static class HandlerMetricNames
{
    /// <summary>Summary of handler latency: quantiles 0.5, 0.9, 0.99 over 10 minutes, <c>_sum</c> and <c>_count</c>.</summary>
    public const string Duration = "handler_duration_seconds";

    /// <summary>Help text of <see cref="Duration"/>.</summary>
    public const string DurationHelp = "Time spent in the sample's handlers, in seconds";

    /// <summary>Counter of handler calls, with <c>result</c> and <c>exception</c>.</summary>
    public const string Calls = "handler_calls";

    /// <summary>Help text of <see cref="Calls"/>.</summary>
    public const string CallsHelp = "Calls of the sample's handlers";
}
