using Instrumentation.Quantiles;

namespace Instrumentation.Tests.Quantiles;

public class QuantileObjectivesTests
{
    [Fact]
    public void Validate_UnsortedObjectives_ReturnsSortedCopy()
    {
        QuantileObjective[] input = [new(0.99, 0.001), new(0.5, 0.05), new(0.9, 0.01)];

        var sorted = QuantileObjectives.Validate(input, "rpc_seconds");

        sorted.Should().Equal(new QuantileObjective(0.5, 0.05), new QuantileObjective(0.9, 0.01), new QuantileObjective(0.99, 0.001));
        input[0].Should().Be(new QuantileObjective(0.99, 0.001), "the caller's objectives are left as they were");
    }

    [Fact]
    public void Validate_NoObjectives_ReturnsEmpty() =>
        QuantileObjectives.Validate([], "rpc_seconds").Should().BeEmpty();

    [Theory]
    [InlineData(-0.5, "-0.5")]
    [InlineData(-1e-300, "-1E-300")]
    [InlineData(1.5, "1.5")]
    [InlineData(1.0000000000000002, "1.0000000000000002")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Validate_QuantileOutsideZeroToOne_ThrowsNamingMetricAndValue(double quantile, string shown)
    {
        var act = () => QuantileObjectives.Validate([new(0.5, 0.05), new(quantile, 0.01)], "rpc_seconds");

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Summary 'rpc_seconds': quantile {shown} must be between 0 and 1 inclusive (0 reports the minimum, 1 the maximum).*")
            .Which.ParamName.Should().Be("objectives");
    }

    [Fact]
    public void Validate_QuantilesZeroAndOne_AreAccepted()
    {
        var sorted = QuantileObjectives.Validate([new(1, 0), new(0.5, 0.05), new(0, 0)], "rpc_seconds");

        sorted.Select(o => o.Quantile).Should().Equal(0, 0.5, 1);
    }

    [Theory]
    [InlineData(-0.01, "-0.01")]
    [InlineData(1.0, "1")]
    [InlineData(double.NaN, "NaN")]
    public void Validate_ErrorOutsideZeroToOne_ThrowsNamingMetricAndValue(double error, string shown)
    {
        var act = () => QuantileObjectives.Validate([new(0.9, error)], "rpc_seconds");

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Summary 'rpc_seconds': error {shown} of quantile 0.9 must be at least 0 and less than 1.*");
    }

    [Fact]
    public void Validate_ZeroError_IsAccepted() =>
        QuantileObjectives.Validate([new(0.9, 0)], "rpc_seconds").Should().ContainSingle();

    [Fact]
    public void Validate_DuplicateQuantile_ThrowsNamingMetricAndValue()
    {
        var act = () => QuantileObjectives.Validate([new(0.9, 0.01), new(0.5, 0.05), new(0.9, 0.001)], "rpc_seconds");

        act.Should().Throw<ArgumentException>()
            .WithMessage("Summary 'rpc_seconds': quantile 0.9 is listed more than once.*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ValidateWindow_MaxAgeNotPositive_ThrowsNamingMetricAndValue(int seconds)
    {
        var maxAge = TimeSpan.FromSeconds(seconds);

        var act = () => QuantileObjectives.ValidateWindow(maxAge, 5, "rpc_seconds");

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Summary 'rpc_seconds': max age {maxAge} must be positive.*")
            .Which.ParamName.Should().Be("maxAge");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(61)]
    public void ValidateWindow_AgeBucketsOutOfRange_ThrowsNamingMetricAndValue(int ageBuckets)
    {
        var act = () => QuantileObjectives.ValidateWindow(TimeSpan.FromMinutes(10), ageBuckets, "rpc_seconds");

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Summary 'rpc_seconds': age buckets {ageBuckets} must be between 1 and 60.*")
            .Which.ParamName.Should().Be("ageBuckets");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    public void ValidateWindow_AgeBucketsAtBounds_IsAccepted(int ageBuckets)
    {
        var act = () => QuantileObjectives.ValidateWindow(TimeSpan.FromTicks(1), ageBuckets, "rpc_seconds");

        act.Should().NotThrow();
    }
}
