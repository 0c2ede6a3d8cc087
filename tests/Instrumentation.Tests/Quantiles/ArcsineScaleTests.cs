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

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(128)]
    [InlineData(1000)]
    public void MaxQuantile_MatchesTheArcsineDefinition(double compression)
    {
        for (int i = 0; i <= 1000; i++)
        {
            double start = i / 1000.0;
            double k = (compression / (2 * Math.PI) * Math.Asin((2 * start) - 1)) + 1;
            double expected = k >= compression / 4 ? 1 : (Math.Sin(k * 2 * Math.PI / compression) + 1) / 2;

            ArcsineScale.MaxQuantile(start, compression).Should().BeApproximately(expected, 1e-12, "at start {0}", start);
        }
    }
}
