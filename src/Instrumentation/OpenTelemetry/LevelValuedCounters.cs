namespace Instrumentation.OpenTelemetry;

/// <summary>
/// Instruments that are declared as (observable) counters but report a level, a value that goes down as well as
/// up: <see cref="ForeignMetricMapping"/> shows them as gauges, so <c>rate()</c> is never applied to them and their
/// names get no <c>_total</c>. A small explicit list of (meter, instrument) pairs known to be levels; everything
/// else keeps the type its instrument declares.
/// </summary>
internal static class LevelValuedCounters
{
    private static readonly HashSet<(string Meter, string Instrument)> Known =
    [
        // .NET's System.Runtime meter declares both with CreateObservableCounter, yet both go down:
        // ThreadPool.ThreadCount (threads retire when idle) and ThreadPool.PendingWorkItemCount (the queue drains).
        // System.Diagnostics.DiagnosticSource 11 declares them as up-down counters; an app that binds the runtime's
        // 10.0 copy still sees counters, so the list stays.
        ("System.Runtime", "dotnet.thread_pool.thread.count"),
        ("System.Runtime", "dotnet.thread_pool.queue.length"),
    ];

    /// <summary>Whether <paramref name="instrument"/> of <paramref name="meter"/> is a counter known to report a level.</summary>
    public static bool Contains(string meter, string instrument) => Known.Contains((meter, instrument));
}
