using System.IO.Pipelines;
using FsCheck;
using FsCheck.Fluent;
using Instrumentation.AspNetCore.HttpMetrics;

namespace Instrumentation.AspNetCore.Tests.HttpMetrics;

/// <summary>
/// The request body stand-in hands the server reader's buffers through unchanged and counts the bytes the
/// application consumed: not what it only examined, not what it never read.
/// </summary>
public sealed class CountingRequestBodyTests
{
    [Fact]
    public async Task ReadAsync_ThenAdvanceToTheEnd_CountsTheWholeBuffer()
    {
        var reader = await ReaderOverAsync(new byte[1234]);

        var result = await reader.ReadAsync();
        reader.AdvanceTo(result.Buffer.End);

        reader.Count.Should().Be(1234);
        reader.Reader.Should().BeSameAs(reader);
    }

    [Fact]
    public async Task AdvanceTo_ConsumingPart_CountsOnlyTheConsumedBytes_AndExaminedIsNotConsumed()
    {
        var reader = await ReaderOverAsync(new byte[100]);

        var result = await reader.ReadAsync();
        reader.AdvanceTo(result.Buffer.GetPosition(10), result.Buffer.End);
        reader.Count.Should().Be(10);

        reader.TryRead(out var rest).Should().BeTrue();
        rest.Buffer.Length.Should().Be(90, "the unconsumed bytes come back");
        reader.AdvanceTo(rest.Buffer.Start);
        reader.Count.Should().Be(10);
    }

    [Fact]
    public async Task ReadAtLeastAsync_CountsWhatIsConsumed()
    {
        var reader = await ReaderOverAsync(new byte[64]);

        var result = await reader.ReadAtLeastAsync(32);
        reader.AdvanceTo(result.Buffer.GetPosition(32));

        reader.Count.Should().Be(32);
    }

    [Fact]
    public async Task CopyToAsync_CountsEverythingCopied()
    {
        var reader = await ReaderOverAsync(new byte[5000]);
        var target = new MemoryStream();

        await reader.CopyToAsync(target);

        reader.Count.Should().Be(5000);
        target.Length.Should().Be(5000);
    }

    [Fact]
    public void AnyConsumptionPattern_CountsExactlyTheBytesConsumed()
    {
        var property = Prop.ForAll(
            Gen.Choose(0, 20_000).ToArbitrary(),
            Gen.Choose(1, 3000).ListOf().ToArbitrary(),
            (length, steps) =>
            {
                var reader = ReaderOverAsync(new byte[length]).GetAwaiter().GetResult();
                long consumed = 0;
                foreach (var step in steps)
                {
                    var result = reader.ReadAsync().AsTask().GetAwaiter().GetResult();
                    var take = Math.Min(step, result.Buffer.Length);
                    reader.AdvanceTo(result.Buffer.GetPosition(take), result.Buffer.End);
                    consumed += take;
                    if (result.IsCompleted && take == result.Buffer.Length)
                    {
                        break;
                    }
                }

                return reader.Count == consumed;
            });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    private static async Task<CountingRequestBody> ReaderOverAsync(byte[] body)
    {
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 512));
        await pipe.Writer.WriteAsync(body);
        await pipe.Writer.CompleteAsync();
        return new CountingRequestBody(pipe.Reader);
    }
}
