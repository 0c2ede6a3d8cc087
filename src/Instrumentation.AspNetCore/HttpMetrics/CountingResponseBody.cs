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
    private readonly PipeWriter _writer = inner.Writer;
    private CountingStream? _stream;
    private long _written;

    /// <summary>The feature this one stands in for, to put back when the request is done.</summary>
    public IHttpResponseBodyFeature Inner { get; } = inner;

    /// <summary>The body bytes written so far, by the writer, the stream and files sent.</summary>
    public long Count => _written + (_stream?.Count ?? 0);

    public Stream Stream => _stream ??= new CountingStream(Inner.Stream);

    public PipeWriter Writer => this;

    public override bool CanGetUnflushedBytes => _writer.CanGetUnflushedBytes;

    public override long UnflushedBytes => _writer.UnflushedBytes;

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
        _writer.Advance(bytes);
        _written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => _writer.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _writer.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        _written += source.Length;
        return _writer.WriteAsync(source, cancellationToken);
    }

    public override void CancelPendingFlush() => _writer.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => _writer.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => _writer.CompleteAsync(exception);
}
