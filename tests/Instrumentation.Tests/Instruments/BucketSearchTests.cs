using FsCheck;
using FsCheck.Fluent;
using Instrumentation.Instruments;

namespace Instrumentation.Tests.Instruments;

/// <summary>
/// The branch-free bucket search against the plain definition (the first bound not below the value),
/// on every path it has: 256-bit and 128-bit vectors, the binary search, and the dispatcher.
/// </summary>
public class BucketSearchTests
{
    private static readonly Func<double[], double, int>[] Paths =
    [
        BucketSearch.CountBelow256,
        BucketSearch.CountBelow128,
        BucketSearch.BinarySearch,
        BucketSearch.Find,
    ];

    [Fact]
    public void Pad_FillsToAWholeVectorWithPositiveInfinity()
    {
        BucketSearch.Pad([1, 2, 3, 4, 5]).Should().Equal(1, 2, 3, 4, 5, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
        BucketSearch.Pad([1, 2, 3, 4]).Should().Equal(1, 2, 3, 4);
        BucketSearch.Pad([7]).Should().Equal(7, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);
    }

    [Theory]
    [InlineData(1.0, 0)]
    [InlineData(2.0, 1)]
    [InlineData(3.0, 2)]
    [InlineData(5.0, 4)]
    public void Find_ValueEqualToBound_ReturnsThatBoundsBucket(double value, int bucket) =>
        Every(Padded(1, 2, 3, 4, 5), value).Should().AllBeEquivalentTo(bucket);

    [Fact]
    public void Find_JustAboveBound_ReturnsTheNextBucket() =>
        Every(Padded(1, 2, 3), Math.BitIncrement(2.0)).Should().AllBeEquivalentTo(2);

    [Fact]
    public void Find_BeyondTheLastBound_ReturnsTheInfBucket()
    {
        var padded = Padded(1, 2, 3, 4, 5);
        Every(padded, 5.5).Should().AllBeEquivalentTo(5);
        Every(padded, double.MaxValue).Should().AllBeEquivalentTo(5);
    }

    [Fact]
    public void Find_BelowEveryBound_ReturnsTheFirstBucket() =>
        Every(Padded(1, 2, 3), -double.MaxValue).Should().AllBeEquivalentTo(0);

    [Fact]
    public void Find_NegativeZero_GoesWithPositiveZeroInTheBucketOfBoundZero()
    {
        var padded = Padded(-1, 0, 1);
        Every(padded, -0.0).Should().AllBeEquivalentTo(1);
        Every(padded, 0.0).Should().AllBeEquivalentTo(1);
        Every(Padded(-0.0, 1), 0.0).Should().AllBeEquivalentTo(0);
    }

    [Fact]
    public void Find_Subnormals_CompareByValue()
    {
        var padded = Padded(-double.Epsilon, 0, double.Epsilon, 1e-310, 1);
        Every(padded, -double.Epsilon).Should().AllBeEquivalentTo(0);
        Every(padded, double.Epsilon).Should().AllBeEquivalentTo(2);
        Every(padded, Math.BitIncrement(double.Epsilon)).Should().AllBeEquivalentTo(3);
        Every(padded, 1e-310).Should().AllBeEquivalentTo(3);
        Every(padded, 2e-310).Should().AllBeEquivalentTo(4);
    }

    [Fact]
    public void Find_MoreBoundsThanTheVectorLimit_StillFindsEveryBucket()
    {
        var bounds = Enumerable.Range(1, BucketSearch.MaxVectorBounds + 7).Select(i => (double)i).ToArray();
        var padded = BucketSearch.Pad(bounds);
        for (var bucket = 0; bucket <= bounds.Length; bucket++)
        {
            Every(padded, bucket + 0.5).Should().AllBeEquivalentTo(bucket);
            if (bucket < bounds.Length)
            {
                Every(padded, bounds[bucket]).Should().AllBeEquivalentTo(bucket);
            }
        }
    }

    [Fact]
    public void Find_AnySortedBoundsAndAnyFiniteValue_AgreesWithTheFirstBoundNotBelow()
    {
        var finite = ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite);
        var layouts = finite.ArrayOf().Where(values => values.Length is > 0 and <= 200)
            .Select(values => values.Distinct().Order().ToArray());
        var property = Prop.ForAll(layouts.ToArbitrary(), finite.ToArbitrary(), (bounds, extra) =>
        {
            var padded = BucketSearch.Pad(bounds);

            // Each bound itself, its neighbours on both sides, and an arbitrary value.
            var probes = bounds.SelectMany(bound => new[] { bound, Math.BitDecrement(bound), Math.BitIncrement(bound) })
                .Append(extra).Append(-0.0).Append(0.0).Where(double.IsFinite);
            foreach (var value in probes)
            {
                var expected = Array.FindIndex(bounds, bound => !(bound < value)) is var index and >= 0 ? index : bounds.Length;
                Every(padded, value).Should().AllBeEquivalentTo(expected, $"value {value:R} over [{string.Join(", ", bounds.Select(b => b.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]");
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    private static double[] Padded(params double[] bounds) => BucketSearch.Pad(bounds);

    private static int[] Every(double[] padded, double value) => [.. Paths.Select(path => path(padded, value))];
}
