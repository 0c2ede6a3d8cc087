using Instrumentation.Quantiles;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Quantiles;

public class SlidingQuantileWindowTests
{
    private static readonly QuantileObjective[] DefaultObjectives = [new(0.5, 0.05), new(0.9, 0.01), new(0.99, 0.001)];

    [Fact]
    public void Query_EmptyWindow_ReturnsNaNForEachObjective()
    {
        var window = NewWindow();

        Query(window).Should().OnlyContain(result => double.IsNaN(result));
        window.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(42.5)]
    [InlineData(-3e-7)]
    [InlineData(0)]
    public void Query_SingleValue_ReturnsThatValueForEachObjective(double value)
    {
        var window = NewWindow();

        window.Observe(value);

        Query(window).Should().OnlyContain(result => result == value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(100_000)]
    public void Query_ConstantStream_ReturnsThatValueExactly(int count)
    {
        var window = NewWindow();
        for (int i = 0; i < count; i++)
        {
            window.Observe(0.1);
        }

        Query(window).Should().OnlyContain(result => result == 0.1);
        window.Count.Should().Be(count);
    }

    [Fact]
    public void Query_ExtremeObjectives_StayWithinTheObservedRange()
    {
        var window = new SlidingQuantileWindow([new(0.0001, 0), new(0.9999, 0)], TimeSpan.FromMinutes(10), 5, new ManualTimeProvider());
        var random = new Random(5);
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        for (int i = 0; i < 10_000; i++)
        {
            double value = Math.Exp(10 * random.NextDouble());
            min = Math.Min(min, value);
            max = Math.Max(max, value);
            window.Observe(value);
        }

        var results = new double[2];
        window.Query(results);

        results[0].Should().BeInRange(min, max);
        results[1].Should().BeInRange(min, max);
    }

    [Fact]
    public void Query_TwoValues_ReportsEachTailExactly()
    {
        var window = new SlidingQuantileWindow([new(0.01, 0.001), new(0.99, 0.001)], TimeSpan.FromMinutes(10), 5, new ManualTimeProvider());
        window.Observe(7);
        window.Observe(-7);

        var results = new double[2];
        window.Query(results);

        results.Should().Equal(-7, 7);
    }

    [Fact]
    public void Query_RepeatedWithoutNewObservations_ReturnsTheSameEstimates()
    {
        var window = NewWindow();
        foreach (double value in QuantileStreams.Exponential(seed: 4))
        {
            window.Observe(value);
        }

        Query(window).Should().Equal(Query(window));
    }

    [Fact]
    public void Query_ResultsShorterThanObjectives_Throws()
    {
        var window = NewWindow();

        var act = () => window.Query(new double[2]);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("results");
    }

    [Fact]
    public void Count_CountsObservationsOnceTheyAreMerged()
    {
        var window = NewWindow();
        for (int i = 0; i < 1000; i++)
        {
            window.Observe(i);
        }

        window.Count.Should().Be(1000 / ObservationBuffer.Capacity * ObservationBuffer.Capacity, "only full batches are merged before a query");
        Query(window);
        window.Count.Should().Be(1000);
    }

    [Fact]
    public void EstimatedBytes_DefaultWindow_IsAtMost16KiB()
    {
        var window = new SlidingQuantileWindow(
            DefaultObjectives, SlidingQuantileWindow.DefaultMaxAge, SlidingQuantileWindow.DefaultAgeBuckets, new ManualTimeProvider());

        window.EstimatedBytes.Should().BeLessThanOrEqualTo(16 * 1024);
    }

    [Fact]
    public void EstimatedBytes_DoesNotGrowWithObservationsOrRotation()
    {
        var time = new ManualTimeProvider();
        var window = NewWindow(time);
        int before = window.EstimatedBytes;
        for (int i = 0; i < 50_000; i++)
        {
            window.Observe(i);
            if (i % 5000 == 0)
            {
                time.Advance(TimeSpan.FromMinutes(1));
                Query(window);
            }
        }

        window.EstimatedBytes.Should().Be(before);
    }

    [Fact]
    public void ObserveAndQuery_InSteadyState_AllocateNothing()
    {
        var time = new ManualTimeProvider();
        var window = NewWindow(time);
        Span<double> results = stackalloc double[DefaultObjectives.Length];
        var values = QuantileStreams.LogNormal(seed: 9);
        foreach (double value in values)
        {
            window.Observe(value);
        }

        window.Query(results);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
        {
            // Covers the fast path, the flush of full batches, rotation of expired buckets and the query merge.
            foreach (double value in values)
            {
                window.Observe(value);
            }

            time.Advance(TimeSpan.FromMinutes(1));
            window.Query(results);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0);
    }

    [Fact]
    public void Observe_ReadsTheClockOnlyOncePerBatchAndOncePerFlush()
    {
        var time = new ManualTimeProvider();
        var window = NewWindow(time);
        long before = time.Reads;
        const int Batches = 100;

        for (int i = 0; i < Batches * ObservationBuffer.Capacity; i++)
        {
            window.Observe(i);
        }

        (time.Reads - before).Should().BeLessThanOrEqualTo(2 * Batches);
    }

    [Fact]
    public void Constructor_UnsortedObjectives_Throws()
    {
        var act = () => new SlidingQuantileWindow([new(0.9, 0.01), new(0.5, 0.05)], TimeSpan.FromMinutes(1), 5, new ManualTimeProvider());

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("objectives");
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(60, 0)]
    [InlineData(60, 61)]
    public void Constructor_InvalidWindow_Throws(int maxAgeSeconds, int ageBuckets)
    {
        var act = () => new SlidingQuantileWindow(DefaultObjectives, TimeSpan.FromSeconds(maxAgeSeconds), ageBuckets, new ManualTimeProvider());

        act.Should().Throw<ArgumentException>();
    }

    private static SlidingQuantileWindow NewWindow(ManualTimeProvider? time = null) =>
        new(DefaultObjectives, SlidingQuantileWindow.DefaultMaxAge, SlidingQuantileWindow.DefaultAgeBuckets, time ?? new ManualTimeProvider());

    private static double[] Query(SlidingQuantileWindow window)
    {
        var results = new double[DefaultObjectives.Length];
        window.Query(results);
        return results;
    }
}
