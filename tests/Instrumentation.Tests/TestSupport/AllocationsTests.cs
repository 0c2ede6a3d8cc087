namespace Instrumentation.Tests.TestSupport;

/// <summary>The zero-allocation tests are only worth something if the meter sees an allocation when there is one.</summary>
public class AllocationsTests
{
    [Fact]
    public void Measure_WhenActionAllocates_ReportsTheBytes()
    {
        object? sink = null;

        var bytes = Allocations.Measure(() => sink = new byte[16], iterations: 100);

        bytes.Should().BeGreaterThanOrEqualTo(100 * 16);
        sink.Should().NotBeNull();
    }

    [Fact]
    public void Measure_WhenStructIsBoxed_ReportsTheBytes()
    {
        IDisposable? sink = null;

        var bytes = Allocations.Measure(() => sink = default(System.Threading.CancellationTokenRegistration), iterations: 100);

        bytes.Should().BeGreaterThan(0);
        sink.Should().NotBeNull();
    }
}
