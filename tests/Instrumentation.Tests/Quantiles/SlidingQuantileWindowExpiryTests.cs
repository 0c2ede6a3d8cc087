using Instrumentation.Quantiles;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Quantiles;

public class SlidingQuantileWindowExpiryTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BucketLength = TimeSpan.FromMinutes(2);
    private const int AgeBuckets = 5;

    private readonly ManualTimeProvider _time = new();
    private readonly SlidingQuantileWindow _window;

    public SlidingQuantileWindowExpiryTests() =>
        _window = new SlidingQuantileWindow([new(0.5, 0.05), new(0.99, 0.001)], MaxAge, AgeBuckets, _time);

    [Fact]
    public void Query_AfterMaxAgeWithoutObservations_ReturnsNaN()
    {
        ObserveAndQuery(5, count: 1000);

        _time.Advance(MaxAge);

        Query().Should().OnlyContain(result => double.IsNaN(result));
        _window.Count.Should().Be(0);
    }

    [Fact]
    public void Query_ObservationAtTheStartOfABucket_CountsForAlmostMaxAge()
    {
        ObserveAndQuery(5, count: 1);

        _time.Advance(MaxAge - TimeSpan.FromTicks(1));
        Query().Should().Equal(5, 5);

        _time.Advance(TimeSpan.FromTicks(1));
        Query().Should().OnlyContain(result => double.IsNaN(result));
    }

    [Fact]
    public void Query_ObservationAtTheEndOfABucket_CountsForAtLeastMaxAgeLessOneBucket()
    {
        _time.Advance(BucketLength - TimeSpan.FromTicks(1));
        ObserveAndQuery(5, count: 1);

        _time.Advance(MaxAge - BucketLength);
        Query().Should().Equal(5, 5);

        _time.Advance(TimeSpan.FromTicks(1));
        Query().Should().OnlyContain(result => double.IsNaN(result));
    }

    [Fact]
    public void Query_PartialExpiry_DropsOnlyTheOldData()
    {
        ObserveAndQuery(1, count: 1000);
        _time.Advance(TimeSpan.FromMinutes(6));
        ObserveAndQuery(100, count: 1000);
        _time.Advance(TimeSpan.FromMinutes(3));
        _window.Count.Should().Be(2000);
        Query()[1].Should().Be(100);

        _time.Advance(TimeSpan.FromMinutes(1));

        Query().Should().Equal(100, 100);
        _window.Count.Should().Be(1000);
    }

    [Fact]
    public void Query_OverManyRotations_CountsExactlyTheObservationsOfTheLiveBuckets()
    {
        var observedPerBucket = new Dictionary<long, int>();
        var random = new Random(1);
        for (int minute = 0; minute < 60; minute++)
        {
            // Whole batches, queried at once, so each batch is dated within this minute.
            int count = random.Next(0, 4) * ObservationBuffer.Capacity;
            ObserveAndQuery(minute, count);
            long bucket = minute / 2;
            observedPerBucket[bucket] = observedPerBucket.GetValueOrDefault(bucket) + count;

            long expected = observedPerBucket.Where(pair => pair.Key > bucket - AgeBuckets).Sum(pair => pair.Value);
            _window.Count.Should().Be(expected, "at minute {0}", minute);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public void Query_BatchStartedBeforeTheWindow_IsDiscardedWhole()
    {
        // The batch is dated by its first value; the clock is not read for the other 255.
        _window.Observe(1);
        _time.Advance(MaxAge + BucketLength);
        for (int i = 1; i < ObservationBuffer.Capacity; i++)
        {
            _window.Observe(2);
        }

        Query().Should().OnlyContain(result => double.IsNaN(result));
        _window.Count.Should().Be(0);
    }

    [Fact]
    public void Query_BatchStartedInAnOlderLiveBucket_ExpiresWithThatBucket()
    {
        _window.Observe(1);
        _time.Advance(TimeSpan.FromMinutes(5));
        _window.Observe(1);
        Query();

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        _window.Count.Should().Be(2);
        _time.Advance(TimeSpan.FromTicks(1));
        _window.Count.Should().Be(0);
    }

    private void ObserveAndQuery(double value, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _window.Observe(value);
        }

        Query();
    }

    private double[] Query()
    {
        var results = new double[2];
        _window.Query(results);
        return results;
    }
}
