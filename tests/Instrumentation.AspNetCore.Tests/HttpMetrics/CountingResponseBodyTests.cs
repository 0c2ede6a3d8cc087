using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Instrumentation.AspNetCore.HttpMetrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>
/// The response body stand-in passes every write through to the server's feature unchanged and counts exactly the
/// bytes written, whichever way: the pipe writer, the stream, a file.
/// </summary>
public sealed class CountingResponseBodyTests
{
    [Fact]
    public async Task Writer_PassesWritesThroughToTheServersWriter_AndCountsThem()
    {
        var sink = new MemoryStream();
        var server = new StreamResponseBodyFeature(sink);
        var body = new CountingResponseBody(server);

        var span = body.Writer.GetSpan(5);
        "hello"u8.CopyTo(span);
        body.Writer.Advance(5);
        await body.Writer.WriteAsync(" world"u8.ToArray());
        await body.Writer.FlushAsync();

        body.Count.Should().Be(11);
        Encoding.ASCII.GetString(sink.ToArray()).Should().Be("hello world");
        body.Writer.Should().BeSameAs(body, "the writer is the stand-in itself, not a stream adapter");
    }

    [Fact]
    public async Task Stream_WritesToTheServersStream_AndCountsThem()
    {
        var sink = new MemoryStream();
        var body = new CountingResponseBody(new StreamResponseBodyFeature(sink));

        await body.Stream.WriteAsync("abc"u8.ToArray());
        body.Stream.Write("de"u8);

        body.Count.Should().Be(5);
        sink.ToArray().Should().Equal("abcde"u8.ToArray());
    }

    [Fact]
    public async Task SendFileAsync_CountsTheBytesOfTheFileSent_FromTheOffset()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, new byte[1000]);
            var whole = new CountingResponseBody(new StreamResponseBodyFeature(new MemoryStream()));
            var tail = new CountingResponseBody(new StreamResponseBodyFeature(new MemoryStream()));
            var slice = new CountingResponseBody(new StreamResponseBodyFeature(new MemoryStream()));

            await whole.SendFileAsync(path, 0, null);
            await tail.SendFileAsync(path, 300, null);
            await slice.SendFileAsync(path, 100, 50);

            whole.Count.Should().Be(1000);
            tail.Count.Should().Be(700);
            slice.Count.Should().Be(50);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnyMixOfWrites_ArrivesWholeAndInOrder_AndIsCountedExactly()
    {
        var property = Prop.ForAll(
            Gen.Zip(Gen.Choose(0, 5000), Gen.Choose(0, 2)).ListOf().ToArbitrary(),
            writes =>
            {
                var sink = new MemoryStream();
                var body = new CountingResponseBody(new StreamResponseBodyFeature(sink));
                var expected = new List<byte>();
                var next = (byte)0;
                foreach (var (length, way) in writes)
                {
                    var chunk = new byte[length];
                    for (var i = 0; i < length; i++)
                    {
                        chunk[i] = next++;
                    }

                    switch (way)
                    {
                        case 0:
                            chunk.CopyTo(body.Writer.GetSpan(length));
                            body.Writer.Advance(length);
                            break;
                        case 1:
                            body.Writer.WriteAsync(chunk).AsTask().GetAwaiter().GetResult();
                            break;
                        default:
                            // Through the stream, the writer's bytes go out first, as the server would have them.
                            body.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
                            body.Stream.Write(chunk);
                            break;
                    }

                    expected.AddRange(chunk);
                }

                body.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
                return body.Count == expected.Count && sink.ToArray().SequenceEqual(expected);
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Fact]
    public async Task StartAndComplete_ReachTheServersFeature()
    {
        var server = new RecordingBodyFeature();
        var body = new CountingResponseBody(server);

        await body.StartAsync();
        body.DisableBuffering();
        await body.CompleteAsync();

        server.Calls.Should().Equal("StartAsync", "DisableBuffering", "CompleteAsync");
    }

    private sealed class RecordingBodyFeature : IHttpResponseBodyFeature
    {
        private readonly StreamResponseBodyFeature _inner = new(new MemoryStream());

        public List<string> Calls { get; } = [];

        public Stream Stream => _inner.Stream;

        public System.IO.Pipelines.PipeWriter Writer => _inner.Writer;

        public Task CompleteAsync()
        {
            Calls.Add(nameof(CompleteAsync));
            return Task.CompletedTask;
        }

        public void DisableBuffering() => Calls.Add(nameof(DisableBuffering));

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => _inner.SendFileAsync(path, offset, count, cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken = default)
        {
            Calls.Add(nameof(StartAsync));
            return Task.CompletedTask;
        }
    }
}
