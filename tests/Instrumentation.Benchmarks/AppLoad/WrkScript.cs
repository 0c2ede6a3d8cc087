namespace Instrumentation.Benchmarks.AppLoad;

/// <summary>What the load test's requests.lua sends, for the smoke test to send the same.</summary>
internal static class WrkScript
{
    /// <summary>The body of every POST /orders (requests.lua has the same text).</summary>
    public const string OrderBody = "{\"item\":42,\"quantity\":3}";
}
