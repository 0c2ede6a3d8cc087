using CsCheck;
using Instrumentation.Collection;
using Instrumentation.Instruments;

namespace Instrumentation.Tests.Instruments;

public class NativeBucketIndexTests
{
    public static TheoryData<int> Schemas()
    {
        var data = new TheoryData<int>();
        for (var schema = NativeHistogramBuckets.MinSchema; schema <= NativeHistogramBuckets.MaxSchema; schema++)
        {
            data.Add(schema);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Of_PowerOfTwo_IsTheUpperBoundOfItsBucket(int schema)
    {
        for (var exponent = -60; exponent <= 60; exponent++)
        {
            // 2^e closes bucket e·2^s at schema s >= 0; at negative schemas, the bucket whose range holds it: ceil(e / 2^-s).
            var expected = schema >= 0 ? exponent << schema : (int)Math.Ceiling(exponent / (double)(1 << -schema));
            NativeBucketIndex.Of(Math.ScaleB(1, exponent), schema).Should().Be(expected, $"2^{exponent} at schema {schema}");
        }
    }

    [Fact]
    public void Of_JustAboveOne_IsBucketOne()
    {
        NativeBucketIndex.Of(Math.BitIncrement(1.0), 3).Should().Be(1);
        NativeBucketIndex.Of(Math.BitIncrement(1.0), 0).Should().Be(1);
        NativeBucketIndex.Of(Math.BitIncrement(1.0), -4).Should().Be(1);
    }

    [Fact]
    public void Bounds_AtSchemaThree_AgreeWithPrometheusWithinOneUlp()
    {
        // client_golang's schema-3 bounds (frac in [0.5, 1)), doubled: the bucket bounds Prometheus uses in [1, 2).
        // Ours are the correctly rounded 2^(k/8); Prometheus' table is one ulp lower at some bounds (2^(1/2) among them).
        double[] prometheus = [0.5, 0.5452538663326288, 0.5946035575013605, 0.6484197773255048, 0.7071067811865475, 0.7711054127039704, 0.8408964152537144, 0.9170040432046711];
        for (var k = 0; k < prometheus.Length; k++)
        {
            var bound = prometheus[k] * 2;
            NativeBucketIndex.Of(Math.BitDecrement(bound), 3).Should().Be(k, $"just below {bound} is bucket {k}");
            NativeBucketIndex.Of(Math.BitIncrement(Math.BitIncrement(bound)), 3).Should().Be(k + 1, $"two ulps above {bound} is bucket {k + 1}");
        }
    }

    [Fact]
    public void Of_Subnormal_ContinuesBelowTheNormalRange()
    {
        NativeBucketIndex.Of(double.Epsilon, 0).Should().Be(-1074);
        NativeBucketIndex.Of(double.Epsilon, 3).Should().Be(-1074 * 8);
        NativeBucketIndex.Of(double.Epsilon, -4).Should().Be((int)Math.Ceiling(-1074 / 16.0));
        NativeBucketIndex.Of(3 * double.Epsilon, 1).Should().Be(NativeBucketIndex.Of(3, 1) - (1074 * 2));
    }

    [Fact]
    public void Of_AnyPositiveValue_LiesInsideItsBucketBounds()
    {
        Gen.Double[double.Epsilon, double.MaxValue].Select(Gen.Int[NativeHistogramBuckets.MinSchema, NativeHistogramBuckets.MaxSchema]).Sample((value, schema) =>
        {
            var index = NativeBucketIndex.Of(value, schema);
            var upper = NativeHistogramBuckets.UpperBound(index, schema);
            var lower = NativeHistogramBuckets.UpperBound(index - 1, schema);
            return lower < value && value <= upper;
        });
    }

    [Fact]
    public void Of_OneSchemaCoarser_IsTheFinerIndexReduced()
    {
        // What makes halving the resolution exact: every bucket at schema s lies inside one bucket at s - 1.
        Gen.Double[double.Epsilon, double.MaxValue].Select(Gen.Int[NativeHistogramBuckets.MinSchema + 1, NativeHistogramBuckets.MaxSchema]).Sample((value, schema) =>
            NativeBucketIndex.Of(value, schema - 1) == NativeBucketIndex.Reduce(NativeBucketIndex.Of(value, schema), 1));
    }

    [Fact]
    public void Of_AgreesWithTheLogarithmAwayFromBounds()
    {
        Gen.Double[1e-300, 1e300].Select(Gen.Int[NativeHistogramBuckets.MinSchema, NativeHistogramBuckets.MaxSchema]).Sample((value, schema) =>
        {
            var scaled = Math.Log2(value) * Math.ScaleB(1, schema);
            var nearBound = Math.Abs(scaled - Math.Round(scaled)) < 1e-6;
            return nearBound || NativeBucketIndex.Of(value, schema) == (int)Math.Ceiling(scaled);
        });
    }
}
