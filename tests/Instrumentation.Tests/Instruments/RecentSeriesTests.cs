using CsCheck;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

public class RecentSeriesTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Find_AfterOffer_ReturnsTheSeriesForThatKeyOnly()
    {
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("calls", "Calls", ["route", "method", "status"]);
        var recent = new RecentSeries<CounterChild>(8, counter);
        var child = counter.WithLabels("/a", "GET", "200");
        var generation = recent.Generation;

        recent.Offer("/a", "GET", 200, generation, child);

        recent.Find("/a", "GET", 200, generation).Should().BeSameAs(child);
        recent.Find("/a", "GET", 404, generation).Should().BeNull();
        recent.Find("/a", "POST", 200, generation).Should().BeNull();
        recent.Find("/b", "GET", 200, generation).Should().BeNull();
    }

    [Fact]
    public void Find_ComparesScopeAndMethodByReference_SoAnEqualCopyIsAMiss()
    {
        // Keys are the strings a site already holds (interned methods, a route's own template): a copy is only slower.
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("calls", "Calls", ["method"]);
        var recent = new RecentSeries<CounterChild>(1, counter);
        var route = "/a";
        recent.Offer(route, "GET", 200, recent.Generation, counter.WithLabels("GET"));

        recent.Find(new string(route.AsSpan()), "GET", 200, recent.Generation).Should().BeNull();
        recent.Find(route, new string("GET".AsSpan()), 200, recent.Generation).Should().BeNull();
    }

    [Fact]
    public void Find_AfterASeriesOfItsFamilyExpired_ReturnsNull_SoTheRemovedSeriesIsNotRecordedInto()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var other = factory.CreateCounter("other", "Other", ["x"]);
        var recent = new RecentSeries<CounterChild>(8, other, counter);
        var generation = recent.Generation;
        var kept = counter.WithLabels("/a");
        kept.Inc();
        recent.Offer("/a", "GET", 200, generation, kept);
        RecordingVisitor.Collect(factory);

        _clock.Advance(Idle);
        RecordingVisitor.Collect(factory).HasFamily("calls").Should().BeFalse();

        recent.Generation.Should().NotBe(generation);
        recent.Find("/a", "GET", 200, recent.Generation).Should().BeNull();
    }

    [Fact]
    public void Offer_NeverReplacesALiveEntry_ButTakesTheSlotOfAStaleOne()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var recent = new RecentSeries<CounterChild>(1, counter);
        var a = counter.WithLabels("/a");
        var b = counter.WithLabels("/b");
        a.Inc();
        recent.Offer("/a", "GET", 200, recent.Generation, a);

        recent.HasRoomFor("/b", "GET", 200).Should().BeFalse();
        recent.Offer("/b", "GET", 200, recent.Generation, b);
        recent.Find("/b", "GET", 200, recent.Generation).Should().BeNull();
        recent.Find("/a", "GET", 200, recent.Generation).Should().BeSameAs(a);

        RecordingVisitor.Collect(factory);
        _clock.Advance(Idle);
        RecordingVisitor.Collect(factory);

        recent.HasRoomFor("/b", "GET", 200).Should().BeTrue();
        var b2 = counter.WithLabels("/b");
        recent.Offer("/b", "GET", 200, recent.Generation, b2);
        recent.Find("/b", "GET", 200, recent.Generation).Should().BeSameAs(b2);
    }

    [Fact]
    public void Offer_WithAGenerationReadBeforeARemoval_KeepsAnEntryThatIsAlreadyStale()
    {
        // A removal between reading the generation and the label lookup could have removed the series just found.
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var recent = new RecentSeries<CounterChild>(4, counter);
        counter.WithLabels("/old").Inc();
        RecordingVisitor.Collect(factory);
        var before = recent.Generation;
        _clock.Advance(Idle);
        RecordingVisitor.Collect(factory);

        recent.Offer("/a", "GET", 200, before, counter.WithLabels("/a"));

        recent.Find("/a", "GET", 200, recent.Generation).Should().BeNull();
    }

    [Fact]
    public void FindingAKeptSeries_AndMissingOneWhoseSlotIsTaken_AllocateNothing()
    {
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var recent = new RecentSeries<CounterChild>(1, counter);
        recent.Offer("/a", "GET", 200, recent.Generation, counter.WithLabels("/a"));

        Allocations.Measure(() =>
        {
            recent.Find("/a", "GET", 200, recent.Generation)!.Inc();
            _ = recent.Find("/b", "GET", 200, recent.Generation);
            _ = recent.HasRoomFor("/b", "GET", 200);
        }).Should().Be(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-8)]
    public void Constructor_WithASlotCountThatIsNotAPowerOfTwo_Throws(int slots)
    {
        var create = () => new RecentSeries<CounterChild>(slots, null);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*power of two*");
    }

    [Fact]
    public void Recording_ThroughTheCacheOrTheLookup_AlwaysLandsInTheSeriesThatIsExported()
    {
        // Random keys (many sharing slots), random sweeps that expire series: whatever the cache holds, every update
        // goes to the series WithLabels returns now, and the exported totals are the updates made since each expiry.
        string[] routes = ["/a", "/b", "/c", "/d", "/e"];
        string[] methods = ["GET", "POST"];
        int[] statuses = [200, 201, 404, 500];
        var operation = Gen.Int[0, 9].Select(Gen.Int[0, routes.Length - 1], Gen.Int[0, methods.Length - 1], Gen.Int[0, statuses.Length - 1]);
        Gen.Int[0, 3].Select(operation.Array[1, 200]).Sample((slotsLog2, operations) =>
        {
            var clock = new ManualTimeProvider();
            using var factory = new MetricFactory(new MetricFactoryOptions { TimeProvider = clock, SeriesIdleTimeout = Idle, Exemplars = false, MeterName = "Instrumentation.Tests.RecentSeries" });
            var counter = factory.CreateCounter("calls", "Calls", ["route", "method", "status"]);
            var recent = new RecentSeries<CounterChild>(1 << slotsLog2, counter);
            var expected = new Dictionary<string, double>();
            foreach (var (kind, r, m, s) in operations)
            {
                if (kind == 0)
                {
                    // A sweep after the idle time: every series not updated since the last sweep goes.
                    RecordingVisitor.Collect(factory);
                    clock.Advance(Idle);
                    var exported = RecordingVisitor.Collect(factory);
                    expected.Clear();
                    if (exported.HasFamily("calls"))
                    {
                        foreach (var series in exported.Family("calls").Series)
                        {
                            expected[string.Join(' ', series.LabelValues)] = ((RecordedCounter)series).Value;
                        }
                    }

                    continue;
                }

                var generation = recent.Generation;
                var child = recent.Find(routes[r], methods[m], statuses[s], generation);
                if (child is null)
                {
                    child = counter.WithLabels(routes[r], methods[m], statuses[s].ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (recent.HasRoomFor(routes[r], methods[m], statuses[s]))
                    {
                        recent.Offer(routes[r], methods[m], statuses[s], generation, child);
                    }
                }

                child.Inc();
                var key = $"{routes[r]} {methods[m]} {statuses[s]}";
                expected[key] = expected.GetValueOrDefault(key) + 1;
                if (!ReferenceEquals(child, counter.WithLabels(child.LabelValuesArray)))
                {
                    throw new InvalidOperationException($"{key} was recorded into a series that is no longer exported");
                }
            }

            var totals = RecordingVisitor.Collect(factory);
            var actual = totals.HasFamily("calls")
                ? totals.Family("calls").Series.ToDictionary(static series => string.Join(' ', series.LabelValues), static series => ((RecordedCounter)series).Value)
                : [];
            actual.Should().BeEquivalentTo(expected);
        });
    }

    private MetricFactory CreateFactory(TimeSpan? idle) => new(new MetricFactoryOptions
    {
        TimeProvider = _clock,
        SeriesIdleTimeout = idle,
        Exemplars = false,
        MeterName = "Instrumentation.Tests.RecentSeries",
    });
}
