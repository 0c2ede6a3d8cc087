using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

/// <summary>Label children, shared by every instrument kind through <c>MetricFamily&lt;TChild&gt;.WithLabels</c>.</summary>
public class MetricFamilyOfTTests
{
    [Fact]
    public void WithLabels_WithEqualValues_ReturnsSameCachedChild()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method", "code"]);

        var first = counter.WithLabels("GET", "200");
        var second = counter.WithLabels(new string("GET".AsSpan()), new string("200".AsSpan()));

        second.Should().BeSameAs(first);
        counter.SeriesCount.Should().Be(1);
    }

    [Fact]
    public void WithLabels_WithOtherValues_ReturnsAnotherChild()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method", "code"]);

        var get = counter.WithLabels("GET", "200");
        var post = counter.WithLabels("POST", "200");
        var swapped = counter.WithLabels("200", "GET");
        get.Inc();

        post.Should().NotBeSameAs(get);
        swapped.Should().NotBeSameAs(get);
        post.Value.Should().Be(0);
        counter.SeriesCount.Should().Be(3);
    }

    [Fact]
    public void WithLabels_ReturnsChildKnowingItsLabelValuesAndFamily()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("pool_size", "Pool size", ["pool", "region"]);

        var child = gauge.WithLabels("db", "eu");

        child.LabelValues.Should().Equal("db", "eu");
        child.Family.Should().BeSameAs(gauge);
        gauge.LabelNames.Should().Equal("pool", "region");
    }

    [Fact]
    public void WithLabels_WithEmptyStringValue_IsAValidSeries()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method"]);

        counter.WithLabels(string.Empty).Inc();

        RecordingVisitor.Collect(factory).Family("requests").WithLabels(string.Empty).Should().BeOfType<RecordedCounter>().Which.Value.Should().Be(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void WithLabels_WithWrongNumberOfValues_ThrowsNamingMetricAndLabels(int count)
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method", "code"]);
        var values = Enumerable.Repeat("x", count).ToArray();

        var act = () => counter.WithLabels(values);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"*'requests'*2 label(s) [method, code]*{count} value(s)*")
            .Which.Should().NotBeOfType<ArgumentNullException>();
        counter.SeriesCount.Should().Be(0);
    }

    [Fact]
    public void WithLabels_WithValuesOnUnlabelledFamily_Throws()
    {
        using var factory = TestFactory.Create();
        var histogram = factory.CreateHistogram("latency_seconds", "Latency");

        var act = () => histogram.WithLabels("GET");

        act.Should().Throw<ArgumentException>().WithMessage("*'latency_seconds'*0 label(s)*");
    }

    [Fact]
    public void WithLabels_WithNoValuesOnUnlabelledFamily_ReturnsTheUnlabelledSeries()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("jobs", "Jobs");

        counter.WithLabels().Inc(2);
        counter.Inc();

        counter.Value.Should().Be(3);
        counter.SeriesCount.Should().Be(1);
    }

    [Fact]
    public void WithLabels_WithNullValue_ThrowsNamingLabel()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("pool_size", "Pool size", ["pool", "region"]);

        var act = () => gauge.WithLabels("db", null!);

        act.Should().Throw<ArgumentNullException>().WithMessage("*'pool_size'*'region'*null*");
        gauge.SeriesCount.Should().Be(0);
    }

    [Fact]
    public void WithLabels_FromFourThreadsForSameValues_CreatesOneChild()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["method"]);
        var seen = new object[4];

        Concurrently.Run(4, t =>
        {
            var child = counter.WithLabels(new string("GET".AsSpan()));
            child.Inc();
            seen[t] = child;
        });

        seen.Should().AllSatisfy(c => c.Should().BeSameAs(seen[0]));
        counter.SeriesCount.Should().Be(1);
        counter.WithLabels("GET").Value.Should().Be(4);
        RecordingVisitor.Collect(factory).Family("requests").Series.Should().ContainSingle();
    }

    [Fact]
    public void WithLabels_FromFourThreadsForManyValues_CreatesEachChildOnceAndCollectsAll()
    {
        const int Distinct = 500;
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests", "Requests", ["id"]);
        var ids = Enumerable.Range(0, Distinct).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        Concurrently.Run(4, _ =>
        {
            foreach (var id in ids)
            {
                counter.WithLabels(id).Inc();
            }
        });

        counter.SeriesCount.Should().Be(Distinct);
        var series = RecordingVisitor.Collect(factory).Family("requests").Series;
        series.Select(s => s.LabelValues[0]).Should().BeEquivalentTo(ids);
        series.Should().AllSatisfy(s => s.Should().BeOfType<RecordedCounter>().Which.Value.Should().Be(4));
    }
}
