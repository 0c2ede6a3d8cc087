namespace Instrumentation.Collection;

/// <summary>
/// A sampled measurement linked to the trace that produced it (OpenMetrics exemplar).
/// </summary>
/// <param name="TraceId">The W3C trace id (32 lowercase hex characters).</param>
/// <param name="SpanId">The W3C span id (16 lowercase hex characters).</param>
/// <param name="Value">The measured value.</param>
/// <param name="TimestampUnixSeconds">When it was measured, in seconds since the Unix epoch.</param>
public sealed record Exemplar(string TraceId, string SpanId, double Value, double TimestampUnixSeconds);
