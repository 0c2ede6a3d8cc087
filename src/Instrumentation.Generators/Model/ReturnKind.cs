namespace Instrumentation.Generators.Model;

/// <summary>How a decorated method's result is awaited before the call is recorded.</summary>
internal enum ReturnKind
{
    /// <summary>No result: recorded when the call returns.</summary>
    Void,

    /// <summary>A plain value (or an awaitable we do not know): recorded when the call returns.</summary>
    Value,

    /// <summary><c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>: recorded when the task completes.</summary>
    Awaitable,

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: each enumeration is recorded, until its end or disposal.</summary>
    AsyncEnumerable,

    /// <summary>Returns by reference: forwarded, not recorded.</summary>
    ByRef,
}
