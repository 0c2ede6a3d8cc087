using System.Globalization;
using CsCheck;
using Instrumentation.AspNetCore.EndpointMetrics;
using Instrumentation.Exposition;
using Instrumentation.Instruments;
using Instrumentation.Testing;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

public class RequestSeriesTableTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void Find_AfterOffer_ReturnsTheSeriesForThatKeyOnly()
    {
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("calls", "Calls", ["route", "method", "status"]);
        var table = new RequestSeriesTable<CounterChild>(8, counter);
        var child = counter.WithLabels("/a", "GET", "200");
        var generation = table.Generation;

        table.Offer("/a", "GET", 200, generation, child);

        table.Find("/a", "GET", 200, generation).Should().BeSameAs(child);
        table.Find("/a", "GET", 404, generation).Should().BeNull();
        table.Find("/a", "POST", 200, generation).Should().BeNull();
        table.Find("/b", "GET", 200, generation).Should().BeNull();
    }

    [Fact]
    public void Find_ComparesScopeAndMethodByReference_SoAnEqualCopyIsAMiss()
    {
        // Keys are the strings a site already holds (interned methods, a route's own template): a copy is only slower.
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("calls", "Calls", ["method"]);
        var table = new RequestSeriesTable<CounterChild>(2, counter);
        var route = "/a";
        table.Offer(route, "GET", 200, table.Generation, counter.WithLabels("GET"));

        table.Find(new string(route.AsSpan()), "GET", 200, table.Generation).Should().BeNull();
        table.Find(route, new string("GET".AsSpan()), 200, table.Generation).Should().BeNull();
    }

    [Fact]
    public void Offer_TheCommonStatusCodesOfOneRoute_KeepsEachOfThem()
    {
        // Codes a multiple of the table size apart (200, 400, 304, 504) must not all want one slot.
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("calls", "Calls", ["status"]);
        var table = new RequestSeriesTable<CounterChild>(8, counter);
        int[] statuses = [200, 400];
        foreach (var status in statuses)
        {
            table.Offer("/a", "GET", status, table.Generation, counter.WithLabels(Text(status)));
        }

        foreach (var status in statuses)
        {
            table.Find("/a", "GET", status, table.Generation).Should().NotBeNull($"{status} was offered to a table with room");
        }
    }

    [Fact]
    public void Find_AfterASeriesOfItsFamilyExpired_ReturnsNull_SoTheRemovedSeriesIsNotRecordedInto()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var other = factory.CreateCounter("other", "Other", ["x"]);
        var table = new RequestSeriesTable<CounterChild>(8, other, counter);
        var generation = table.Generation;
        var kept = counter.WithLabels("/a");
        kept.Inc();
        table.Offer("/a", "GET", 200, generation, kept);
        Scrape(factory);

        _clock.Advance(Idle);
        Scrape(factory).Should().NotContain("calls_total{");

        table.Generation.Should().NotBe(generation);
        table.Find("/a", "GET", 200, table.Generation).Should().BeNull();
    }

    [Fact]
    public void Generation_TellsTheFamiliesApart_SoRemovalsInBothDoNotCancelOut()
    {
        using var factory = CreateFactory(Idle);
        var first = factory.CreateCounter("first", "First", ["x"]);
        var second = factory.CreateCounter("second", "Second", ["x"]);
        var table = new RequestSeriesTable<CounterChild>(8, first, second);
        var before = table.Generation;
        first.WithLabels("a").Inc();
        Scrape(factory);
        _clock.Advance(Idle);
        Scrape(factory);
        var afterFirst = table.Generation;
        second.WithLabels("b").Inc();
        Scrape(factory);
        _clock.Advance(Idle);
        Scrape(factory);

        new[] { before, afterFirst, table.Generation }.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Offer_NeverReplacesALiveEntry_ButTakesTheSlotOfAStaleOne()
    {
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var table = new RequestSeriesTable<CounterChild>(2, counter);
        var a = counter.WithLabels("/a");
        var b = counter.WithLabels("/b");
        var c = counter.WithLabels("/c");
        a.Inc();
        table.Offer("/a", "GET", 200, table.Generation, a);
        table.Offer("/b", "GET", 200, table.Generation, b);

        table.HasRoomFor("/c", "GET", 200).Should().BeFalse();
        table.Offer("/c", "GET", 200, table.Generation, c);
        table.Find("/c", "GET", 200, table.Generation).Should().BeNull();
        table.Find("/a", "GET", 200, table.Generation).Should().BeSameAs(a);
        table.Find("/b", "GET", 200, table.Generation).Should().BeSameAs(b);

        Scrape(factory);
        _clock.Advance(Idle);
        Scrape(factory);

        table.HasRoomFor("/c", "GET", 200).Should().BeTrue();
        var c2 = counter.WithLabels("/c");
        table.Offer("/c", "GET", 200, table.Generation, c2);
        table.Find("/c", "GET", 200, table.Generation).Should().BeSameAs(c2);
    }

    [Fact]
    public void Offer_WithAGenerationReadBeforeARemoval_KeepsAnEntryThatIsAlreadyStale()
    {
        // A removal between reading the generation and the label lookup could have removed the series just found.
        using var factory = CreateFactory(Idle);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var table = new RequestSeriesTable<CounterChild>(4, counter);
        counter.WithLabels("/old").Inc();
        Scrape(factory);
        var before = table.Generation;
        _clock.Advance(Idle);
        Scrape(factory);

        table.Offer("/a", "GET", 200, before, counter.WithLabels("/a"));

        table.Find("/a", "GET", 200, table.Generation).Should().BeNull();
    }

    [Fact]
    public void FindingAKeptSeries_AndMissingOneWithNoRoom_AllocateNothing()
    {
        using var factory = CreateFactory(idle: null);
        var counter = factory.CreateCounter("calls", "Calls", ["route"]);
        var table = new RequestSeriesTable<CounterChild>(2, counter);
        table.Offer("/a", "GET", 200, table.Generation, counter.WithLabels("/a"));
        table.Offer("/b", "GET", 200, table.Generation, counter.WithLabels("/b"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            table.Find("/a", "GET", 200, table.Generation)!.Inc();
            _ = table.Find("/c", "GET", 200, table.Generation);
            _ = table.HasRoomFor("/c", "GET", 200);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(-8)]
    public void Constructor_WithASlotCountThatIsNotAPowerOfTwoOfAtLeastTwo_Throws(int slots)
    {
        var create = () => new RequestSeriesTable<CounterChild>(slots, null);

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*power of two*");
    }

    [Fact]
    public void Recording_ThroughTheTableOrTheLookup_AlwaysLandsInTheSeriesThatIsExported()
    {
        // Random keys (many sharing slots), random sweeps that expire series: whatever the table holds, every update
        // goes to the series WithLabels returns now, and the exported totals are the updates made since each expiry.
        string[] routes = ["/a", "/b", "/c", "/d", "/e"];
        string[] methods = ["GET", "POST"];
        int[] statuses = [200, 201, 404, 500];
        var operation = Gen.Int[0, 9].Select(Gen.Int[0, routes.Length - 1], Gen.Int[0, methods.Length - 1], Gen.Int[0, statuses.Length - 1]);
        Gen.Int[1, 3].Select(operation.Array[1, 200]).Sample((slotsLog2, operations) =>
        {
            var clock = new ManualTimeProvider();
            using var factory = new MetricFactory(new MetricFactoryOptions { TimeProvider = clock, SeriesIdleTimeout = Idle, Exemplars = false, MeterName = "Instrumentation.AspNetCore.Tests.RequestSeriesTable" });
            var counter = factory.CreateCounter("calls", "Calls", ["route", "method", "status"]);
            var table = new RequestSeriesTable<CounterChild>(1 << slotsLog2, counter);
            var expected = new Dictionary<string, double>();
            foreach (var (kind, r, m, s) in operations)
            {
                if (kind == 0)
                {
                    // A sweep after the idle time: every series not updated since the last sweep goes.
                    Scrape(factory);
                    clock.Advance(Idle);
                    expected = Totals(Scrape(factory));
                    continue;
                }

                var generation = table.Generation;
                var child = table.Find(routes[r], methods[m], statuses[s], generation);
                if (child is null)
                {
                    child = counter.WithLabels(routes[r], methods[m], Text(statuses[s]));
                    if (table.HasRoomFor(routes[r], methods[m], statuses[s]))
                    {
                        table.Offer(routes[r], methods[m], statuses[s], generation, child);
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

            Totals(Scrape(factory)).Should().BeEquivalentTo(expected);
        });
    }

    private static string Scrape(MetricFactory factory) => factory.ExpositionOf(ExpositionFormat.PrometheusText);

    /// <summary>The calls_total samples of a scrape, by "route method status".</summary>
    private static Dictionary<string, double> Totals(string exposition)
    {
        var totals = new Dictionary<string, double>();
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith("calls_total{", StringComparison.Ordinal))
            {
                continue;
            }

            var labels = line[(line.IndexOf('{') + 1)..line.IndexOf('}')].Split(',').Select(static l => l[(l.IndexOf('"') + 1)..^1]);
            totals[string.Join(' ', labels)] = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return totals;
    }

    private static string Text(int status) => status.ToString(CultureInfo.InvariantCulture);

    private MetricFactory CreateFactory(TimeSpan? idle) => new(new MetricFactoryOptions
    {
        TimeProvider = _clock,
        SeriesIdleTimeout = idle,
        Exemplars = false,
        MeterName = "Instrumentation.AspNetCore.Tests.RequestSeriesTable",
    });
}
