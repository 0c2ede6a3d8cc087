using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>
/// Stands in for the response's <see cref="IHttpResponseBodyFeature"/> and counts the body bytes the application
/// writes, by whichever way it writes them: the <see cref="PipeWriter"/> (this object, passing every call through to
/// the server's own writer, so nothing is buffered, copied or flushed that the server would not), the
/// <see cref="Stream"/> (a counting wrapper of the server's stream, made only if asked for) and
/// <see cref="SendFileAsync"/>. Replacing <c>Response.Body</c> with a wrapping stream instead would make
/// <c>Response.BodyWriter</c> a stream adapter that flushes the headers and the body to the socket separately.
/// One per request; not thread-safe, as the response body is not.
/// </summary>
internal sealed class CountingResponseBody(IHttpResponseBodyFeature inner) : PipeWriter, IHttpResponseBodyFeature
{
    private PipeWriter? _writer;
    private CountingStream? _stream;
    private long _written;

    /// <summary>The feature this one stands in for, to put back when the request is done.</summary>
    public IHttpResponseBodyFeature Inner { get; } = inner;

    /// <summary>The body bytes written so far, by the writer, the stream and files sent.</summary>
    public long Count => _written + (_stream?.Count ?? 0);

    public Stream Stream => _stream ??= new CountingStream(Inner.Stream);

    // Asked for when first used: a server that makes its writer on demand makes none for a response without a body.
    private PipeWriter InnerWriter => _writer ??= Inner.Writer;

    public PipeWriter Writer => this;

    public override bool CanGetUnflushedBytes => InnerWriter.CanGetUnflushedBytes;

    public override long UnflushedBytes => InnerWriter.UnflushedBytes;

    public void DisableBuffering() => Inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => Inner.StartAsync(cancellationToken);

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await Inner.SendFileAsync(path, offset, count, cancellationToken).ConfigureAwait(false);
        _written += count ?? new FileInfo(path).Length - offset;
    }

    public Task CompleteAsync() => Inner.CompleteAsync();

    public override void Advance(int bytes)
    {
        InnerWriter.Advance(bytes);
        _written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => InnerWriter.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => InnerWriter.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => InnerWriter.FlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        _written += source.Length;
        return InnerWriter.WriteAsync(source, cancellationToken);
    }

    public override void CancelPendingFlush() => InnerWriter.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => InnerWriter.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => InnerWriter.CompleteAsync(exception);
}
