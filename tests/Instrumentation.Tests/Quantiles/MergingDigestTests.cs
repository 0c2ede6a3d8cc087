using Instrumentation.Quantiles;

namespace Instrumentation.Tests.Quantiles;

public class MergingDigestTests
{
    private const double Compression = 100;

    [Theory]
    [InlineData("random")]
    [InlineData("ascending")]
    [InlineData("descending")]
    public void AddSorted_ManyBatches_KeepsAtMostCompressionCentroids(string order)
    {
        var digest = new MergingDigest(Compression);
        var scratch = new MergingDigest(Compression);
        var random = new Random(7);
        var batch = new double[ObservationBuffer.Capacity];
        for (int b = 0; b < 2000; b++)
        {
            for (int i = 0; i < batch.Length; i++)
            {
                batch[i] = order switch
                {
                    "ascending" => (b * batch.Length) + i,
                    "descending" => -((b * batch.Length) + i),
                    _ => random.NextDouble(),
                };
            }

            Array.Sort(batch);
            digest.AddSorted(batch, scratch);
            digest.CentroidCount.Should().BeLessThanOrEqualTo((int)Compression);
        }

        digest.TotalWeight.Should().Be(2000 * batch.Length);
    }

    [Fact]
    public void MergeFrom_SeveralDigests_KeepsTotalWeightMinAndMax()
    {
        var sources = new MergingDigest[5];
        var scratch = new MergingDigest(Compression);
        var random = new Random(11);
        for (int s = 0; s < sources.Length; s++)
        {
            sources[s] = new MergingDigest(Compression);
            var values = new double[1000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (s * 10) + random.NextDouble();
            }

            Array.Sort(values);
            sources[s].AddSorted(values, scratch);
        }

        var merged = new MergingDigest(Compression);
        merged.MergeFrom(sources);

        merged.TotalWeight.Should().Be(5000);
        merged.Min.Should().Be(sources[0].Min);
        merged.Max.Should().Be(sources[4].Max);
        merged.CentroidCount.Should().BeLessThanOrEqualTo((int)Compression);
        merged.Quantile(0.5).Should().BeInRange(20, 21, "the middle source holds the median");
    }

    [Fact]
    public void MergeFrom_NoSources_IsEmpty()
    {
        var merged = new MergingDigest(Compression);

        merged.MergeFrom([]);

        merged.TotalWeight.Should().Be(0);
        double.IsNaN(merged.Quantile(0.5)).Should().BeTrue();
    }

    [Fact]
    public void Quantile_AtZeroAndOne_ReturnsExactMinAndMax()
    {
        var digest = Filled(0.25, 7, 3, 1e6, -4);

        digest.Quantile(0).Should().Be(-4);
        digest.Quantile(1).Should().Be(1e6);
    }

    [Fact]
    public void Quantile_FewValues_ReturnsTheValueAtThatRank()
    {
        var digest = Filled(10, 20, 30, 40, 50);

        digest.Quantile(0.5).Should().Be(30);
        digest.Quantile(0.3).Should().BeInRange(20, 30);
        digest.Quantile(0.01).Should().Be(10);
        digest.Quantile(0.99).Should().Be(50);
    }

    [Fact]
    public void Quantile_IsMonotonicInQ()
    {
        var random = new Random(3);
        var values = new double[50_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Exp(3 * random.NextDouble()) - 5;
        }

        var digest = Filled(values);

        double previous = double.NegativeInfinity;
        for (double q = 0; q <= 1; q += 0.0005)
        {
            double estimate = digest.Quantile(q);
            estimate.Should().BeGreaterThanOrEqualTo(previous);
            previous = estimate;
        }
    }

    [Fact]
    public void Clear_EmptiesTheDigestAndKeepsItUsable()
    {
        var digest = Filled(1, 2, 3);

        digest.Clear();

        digest.TotalWeight.Should().Be(0);
        digest.CentroidCount.Should().Be(0);
        double.IsNaN(digest.Quantile(0.5)).Should().BeTrue();
        digest.AddSorted([5.0], new MergingDigest(Compression));
        digest.Quantile(0.5).Should().Be(5);
    }

    private static MergingDigest Filled(params double[] values)
    {
        var digest = new MergingDigest(Compression);
        var scratch = new MergingDigest(Compression);
        for (int i = 0; i < values.Length; i += ObservationBuffer.Capacity)
        {
            var batch = values.AsSpan(i, Math.Min(ObservationBuffer.Capacity, values.Length - i)).ToArray();
            Array.Sort(batch);
            digest.AddSorted(batch, scratch);
        }

        return digest;
    }
}
