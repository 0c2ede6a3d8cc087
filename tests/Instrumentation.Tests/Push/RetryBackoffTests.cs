using Instrumentation.Push;

namespace Instrumentation.Tests.Push;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 0.5, 750)]
    [InlineData(2, 0.0, 1000)]
    [InlineData(3, 0.0, 2000)]
    [InlineData(4, 0.0, 2500)]
    [InlineData(4, 0.999, 4997.5)]
    [InlineData(60, 0.0, 2500)]
    public void Delay_DoublesPerRetry_CapsAtMax_KeepsHalfFixed(int retry, double jitter, double expectedMilliseconds)
    {
        RetryBackoff.Delay(retry, Base, Max, jitter).TotalMilliseconds.Should().BeApproximately(expectedMilliseconds, 0.001);
    }

    [Fact]
    public void Delay_WithRetryZero_Throws()
    {
        var act = () => RetryBackoff.Delay(0, Base, Max, 0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
