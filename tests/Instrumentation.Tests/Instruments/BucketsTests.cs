using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class BucketsTests
{
    [Fact]
    public void Default_IsThePrometheusDefaultLayout()
    {
        Buckets.Default.Should().Equal(.005, .01, .025, .05, .075, .1, .25, .5, .75, 1, 2.5, 5, 7.5, 10);
    }

    [Fact]
    public void Linear_ReturnsCountBoundsEachWidthApart()
    {
        Buckets.Linear(1, 2, 4).Should().Equal(1, 3, 5, 7);
        Buckets.Linear(-1, 0.5, 3).Should().Equal(-1, -0.5, 0);
        Buckets.Linear(10, 1, 1).Should().Equal(10);
    }

    [Theory]
    [InlineData(0, 1, 0, "count")]
    [InlineData(0, 1, -3, "count")]
    [InlineData(0, 0, 3, "width")]
    [InlineData(0, -1, 3, "width")]
    [InlineData(0, double.NaN, 3, "width")]
    [InlineData(0, double.PositiveInfinity, 3, "width")]
    [InlineData(double.NaN, 1, 3, "start")]
    [InlineData(double.NegativeInfinity, 1, 3, "start")]
    public void Linear_WithInvalidArgument_ThrowsNamingIt(double start, double width, int count, string parameter)
    {
        var act = () => Buckets.Linear(start, width, count);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void Exponential_ReturnsCountBoundsEachFactorTimesTheLast()
    {
        Buckets.Exponential(1, 2, 4).Should().Equal(1, 2, 4, 8);
        Buckets.Exponential(0.001, 10, 3).Should().BeEquivalentTo(
            new[] { 0.001, 0.01, 0.1 },
            o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-15)).WhenTypeIs<double>());
        Buckets.Exponential(5, 3, 1).Should().Equal(5);
    }

    [Theory]
    [InlineData(1, 2, 0, "count")]
    [InlineData(0, 2, 3, "start")]
    [InlineData(-1, 2, 3, "start")]
    [InlineData(double.NaN, 2, 3, "start")]
    [InlineData(double.PositiveInfinity, 2, 3, "start")]
    [InlineData(1, 1, 3, "factor")]
    [InlineData(1, 0.5, 3, "factor")]
    [InlineData(1, double.NaN, 3, "factor")]
    [InlineData(1, double.PositiveInfinity, 3, "factor")]
    public void Exponential_WithInvalidArgument_ThrowsNamingIt(double start, double factor, int count, string parameter)
    {
        var act = () => Buckets.Exponential(start, factor, count);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void LinearAndExponential_AreAcceptedAsHistogramBuckets()
    {
        using var factory = TestFactory.Create();

        factory.CreateHistogram("a", "A", buckets: Buckets.Linear(0, 0.1, 20)).Buckets.Should().HaveCount(20);
        factory.CreateHistogram("b", "B", buckets: Buckets.Exponential(0.001, 2, 20)).Buckets.Should().HaveCount(20);
    }

    [Fact]
    public void Default_CannotBeCastToAWritableArray()
    {
        Buckets.Default.Should().NotBeAssignableTo<double[]>();
        using var metrics = new MetricFactory();
        metrics.CreateHistogram("latency_seconds", "Latency").Buckets.Should().NotBeAssignableTo<double[]>();
    }
}
