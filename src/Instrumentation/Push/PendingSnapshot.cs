namespace Instrumentation.Push;

/// <summary>One rendered snapshot waiting to be pushed: the request body and when it was taken.</summary>
internal sealed record PendingSnapshot(byte[] Body, DateTimeOffset TakenAt);
