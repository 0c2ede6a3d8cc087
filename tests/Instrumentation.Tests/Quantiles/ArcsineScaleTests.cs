using Instrumentation.Quantiles;

namespace Instrumentation.Tests.Quantiles;

public class ArcsineScaleTests
{
    [Fact]
    public void MaxQuantile_CentroidsAreNarrowInTheTailsAndWideAtTheMedian()
    {
        double atStart = ArcsineScale.MaxQuantile(0, 100);
        double atMedian = ArcsineScale.MaxQuantile(0.5, 100) - 0.5;

        atStart.Should().BeApproximately((1 - Math.Cos(2 * Math.PI / 100)) / 2, 1e-12);
        atMedian.Should().BeApproximately(Math.Sin(2 * Math.PI / 100) / 2, 1e-12);
        atStart.Should().BeLessThan(atMedian / 10);
    }

    [Fact]
    public void MaxQuantile_NearTheEnd_IsOne()
    {
        ArcsineScale.MaxQuantile(0.99999, 100).Should().Be(1);
        ArcsineScale.MaxQuantile(1, 100).Should().Be(1);
    }

    [Fact]
    public void MaxQuantile_OutsideZeroToOneThroughRounding_IsClamped() =>
        ArcsineScale.MaxQuantile(-1e-17, 100).Should().Be(ArcsineScale.MaxQuantile(0, 100));
}
