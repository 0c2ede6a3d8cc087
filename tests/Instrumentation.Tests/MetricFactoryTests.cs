using Instrumentation.Collection;
using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests;

public class MetricFactoryTests
{
    [Fact]
    public void Default_IsOneInstance()
    {
        var first = MetricFactory.Default;

        MetricFactory.Default.Should().BeSameAs(first);
        first.Meter.Name.Should().Be(MetricFactoryOptions.DefaultMeterName);
    }

    [Fact]
    public void Factories_AreIsolatedFromEachOther()
    {
        using var one = TestFactory.Create();
        using var two = TestFactory.Create();

        var a = one.CreateCounter("jobs", "Jobs");
        var b = two.CreateCounter("jobs", "Jobs");
        two.CreateGauge("only_in_two", "Two");
        a.Inc(5);
        b.Inc();

        b.Should().NotBeSameAs(a);
        a.Value.Should().Be(5);
        b.Value.Should().Be(1);
        one.Find("only_in_two").Should().BeNull();
        RecordingVisitor.Collect(one).Families.Select(f => f.Name).Should().Equal("jobs");
        RecordingVisitor.Collect(two).Families.Select(f => f.Name).Should().Equal("jobs", "only_in_two");
    }

    [Fact]
    public void Factories_AllowSameNameWithOtherTypeInAnotherFactory()
    {
        using var one = TestFactory.Create();
        using var two = TestFactory.Create();
        one.CreateCounter("jobs", "Jobs");

        two.Invoking(f => f.CreateGauge("jobs", "Jobs")).Should().NotThrow();
    }

    [Fact]
    public void Find_ByName_ReturnsTheFamily()
    {
        using var factory = TestFactory.Create();
        var gauge = factory.CreateGauge("pool_size", "Pool");
        var histogram = factory.CreateHistogram("latency_seconds", "Latency");

        factory.Find("pool_size").Should().BeSameAs(gauge);
        factory.Find("latency_seconds").Should().BeSameAs(histogram);
    }

    [Fact]
    public void Find_CounterByNameOrTotalName_ReturnsTheCounter()
    {
        using var factory = TestFactory.Create();
        var counter = factory.CreateCounter("requests_total", "Requests");

        factory.Find("requests").Should().BeSameAs(counter);
        factory.Find("requests_total").Should().BeSameAs(counter);
    }

    [Fact]
    public void Find_GaugeByTotalSuffixedName_ReturnsNull()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("queue", "Queue");

        factory.Find("queue_total").Should().BeNull();
    }

    [Fact]
    public void Find_UnknownName_ReturnsNull()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("queue", "Queue");

        factory.Find("nothing").Should().BeNull();
        factory.Find("nothing_total").Should().BeNull();
    }

    [Fact]
    public void Create_WithUnitMatchingNameSuffix_KeepsUnit()
    {
        using var factory = TestFactory.Create();

        factory.CreateCounter("sent_bytes_total", "Sent", unit: "bytes").Unit.Should().Be("bytes");
        factory.CreateGauge("uptime_seconds", "Uptime", unit: "seconds").Unit.Should().Be("seconds");
        factory.CreateHistogram("latency_seconds", "Latency", unit: "seconds").Unit.Should().Be("seconds");
        factory.CreateGauge("plain", "No unit").Unit.Should().BeEmpty();
    }

    [Fact]
    public void Create_WithUnitMissingFromName_ThrowsSuggestingName()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateGauge("uptime", "Uptime", unit: "seconds")).Should().Throw<ArgumentException>()
            .WithMessage("*'uptime'*'seconds'*'_seconds'*'uptime_seconds'*").Which.ParamName.Should().Be("unit");
        factory.Invoking(f => f.CreateCounter("sent_total", "Sent", unit: "bytes")).Should().Throw<ArgumentException>().WithMessage("*'sent'*");
        factory.Invoking(f => f.CreateHistogram("latency", "Latency", unit: "seconds")).Should().Throw<ArgumentException>();
        factory.Invoking(f => f.CreateGauge("uptimeseconds", "Uptime", unit: "seconds")).Should().Throw<ArgumentException>();
        factory.Families.Should().BeEmpty();
    }

    [Theory]
    [InlineData("per-second")]
    [InlineData("1x")]
    public void Create_WithInvalidUnit_Throws(string unit)
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateGauge("rate_" + unit, "Rate", unit: unit)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Create_WithNullHelp_ThrowsArgumentNull()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.CreateGauge("queue", null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Create_CopiesLabelNames()
    {
        using var factory = TestFactory.Create();
        string[] labels = ["method"];

        var counter = factory.CreateCounter("requests", "Requests", labels);
        labels[0] = "changed";

        counter.LabelNames.Should().Equal("method");
        factory.CreateCounter("requests", "Requests", ["method"]).Should().BeSameAs(counter);
    }

    [Fact]
    public void Create_ExposesDefinition()
    {
        using var factory = TestFactory.Create();

        var histogram = factory.CreateHistogram("size_bytes", "Size", ["route"], [10, 100], "bytes");

        histogram.Should().BeEquivalentTo(new
        {
            Name = "size_bytes",
            Help = "Size",
            Unit = "bytes",
            Type = MetricType.Histogram,
            LabelNames = new[] { "route" },
            Buckets = new[] { 10.0, 100.0 },
        });
    }

    [Fact]
    public void Constructor_WithMeterName_PublishesThroughThatMeter()
    {
        var name = TestFactory.NewMeterName();

        using var factory = new MetricFactory(new MetricFactoryOptions { MeterName = name });

        factory.Meter.Name.Should().Be(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_WithEmptyMeterName_Throws(string name)
    {
        var act = () => new MetricFactory(new MetricFactoryOptions { MeterName = name });

        act.Should().Throw<ArgumentException>().WithMessage("*MeterName*");
    }

    [Fact]
    public void Collect_WithNoMetrics_WritesNothing()
    {
        using var factory = TestFactory.Create();

        RecordingVisitor.Collect(factory).Families.Should().BeEmpty();
    }

    [Fact]
    public void Collect_WithNullVisitor_ThrowsArgumentNull()
    {
        using var factory = TestFactory.Create();

        factory.Invoking(f => f.Collect(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Collect_WritesEveryKindOnce()
    {
        using var factory = TestFactory.Create();
        factory.CreateCounter("c", "C").Inc();
        factory.CreateGauge("g", "G").Set(2);
        factory.CreateHistogram("h", "H").Observe(3);

        var families = RecordingVisitor.Collect(factory).Families;

        families.Select(f => (f.Name, f.Type)).Should().Equal(("c", MetricType.Counter), ("g", MetricType.Gauge), ("h", MetricType.Histogram));
        families.Should().AllSatisfy(f => f.Series.Should().ContainSingle());
    }
}
