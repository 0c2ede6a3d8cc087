using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>
/// Stands in for the request's <see cref="IRequestBodyPipeFeature"/>: a <see cref="PipeReader"/> passing every call
/// through to the server's own reader and counting the bytes the application consumes. The server reader is taken
/// before <c>Request.Body</c> is replaced (by a <see cref="CountingStream"/>, counting reads by the stream), so the
/// server keeps its own pipe rather than adapting the replaced stream into a new one. One per request; not
/// thread-safe, as the request body is not.
/// </summary>
internal sealed class CountingRequestBody(PipeReader inner) : PipeReader, IRequestBodyPipeFeature
{
    private ReadOnlySequence<byte> _buffer;

    /// <summary>The body bytes consumed through this reader so far.</summary>
    public long Count { get; private set; }

    public PipeReader Reader => this;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) => Remember(inner.ReadAsync(cancellationToken));

    protected override ValueTask<ReadResult> ReadAtLeastAsyncCore(int minimumSize, CancellationToken cancellationToken) =>
        Remember(inner.ReadAtLeastAsync(minimumSize, cancellationToken));

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        _buffer = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        CountConsumed(consumed);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        CountConsumed(consumed);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private ValueTask<ReadResult> Remember(ValueTask<ReadResult> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            return RememberAsync(pending);
        }

        var result = pending.Result;
        _buffer = result.Buffer;
        return new ValueTask<ReadResult>(result);
    }

    private async ValueTask<ReadResult> RememberAsync(ValueTask<ReadResult> pending)
    {
        var result = await pending.ConfigureAwait(false);
        _buffer = result.Buffer;
        return result;
    }

    private void CountConsumed(SequencePosition consumed)
    {
        try
        {
            Count += _buffer.Slice(_buffer.Start, consumed).Length;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A position not from the last buffer read: the server reader will refuse it with its own error; the
            // count cannot know how much was consumed and leaves it out rather than fail the request here.
        }

        _buffer = default;
    }
}
