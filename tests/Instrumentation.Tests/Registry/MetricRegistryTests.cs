using Instrumentation.Instruments;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Registry;

/// <summary>Registration rules, exercised through the factory that owns the registry.</summary>
public class MetricRegistryTests
{
    [Fact]
    public void Create_WithIdenticalDefinition_ReturnsSameInstance()
    {
        using var factory = TestFactory.Create();

        factory.CreateCounter("requests", "Requests", ["method"]).Should().BeSameAs(factory.CreateCounter("requests", "Requests", ["method"]));
        factory.CreateGauge("pool_size", "Pool", ["pool"]).Should().BeSameAs(factory.CreateGauge("pool_size", "Pool", ["pool"]));
        factory.CreateHistogram("size_bytes", "Size", ["route"], [1, 2], "bytes")
            .Should().BeSameAs(factory.CreateHistogram("size_bytes", "Size", ["route"], [1, 2, double.PositiveInfinity], "bytes"));
        factory.Families.Should().HaveCount(3);
    }

    [Fact]
    public void CreateHistogram_WithDefaultBucketsGivenExplicitly_ReturnsSameInstanceAsWithout()
    {
        using var factory = TestFactory.Create();

        var implicitDefaults = factory.CreateHistogram("latency_seconds", "Latency");

        factory.CreateHistogram("latency_seconds", "Latency", buckets: Buckets.Default).Should().BeSameAs(implicitDefaults);
    }

    [Fact]
    public void Create_WithOtherHelp_ReturnsExistingInstanceKeepingFirstHelp()
    {
        using var factory = TestFactory.Create();
        var first = factory.CreateGauge("pool_size", "Pool size");

        var second = factory.CreateGauge("pool_size", "Other words");

        second.Should().BeSameAs(first);
        second.Help.Should().Be("Pool size");
    }

    [Fact]
    public void Create_SameNameAsOtherType_ThrowsDescribingBoth()
    {
        using var factory = TestFactory.Create();
        factory.CreateCounter("jobs", "Jobs", ["queue"]);

        var act = () => factory.CreateGauge("jobs", "Jobs", ["queue"]);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Metric 'jobs' is already registered as a counter with labels [queue]; it cannot be registered again as a gauge with labels [queue]*");
    }

    [Fact]
    public void CreateCounter_SameNameAsHistogram_Throws()
    {
        using var factory = TestFactory.Create();
        factory.CreateHistogram("jobs", "Jobs");

        factory.Invoking(f => f.CreateCounter("jobs_total", "Jobs")).Should().Throw<InvalidOperationException>().WithMessage("*'jobs'*histogram*counter*");
    }

    [Fact]
    public void Create_SameNameWithOtherLabels_ThrowsDescribingBoth()
    {
        using var factory = TestFactory.Create();
        factory.CreateCounter("requests", "Requests", ["method"]);

        factory.Invoking(f => f.CreateCounter("requests", "Requests", ["method", "code"])).Should().Throw<InvalidOperationException>()
            .WithMessage("*'requests'*labels [method]*labels [method, code]*");
        factory.Invoking(f => f.CreateCounter("requests", "Requests")).Should().Throw<InvalidOperationException>();
        factory.Invoking(f => f.CreateCounter("requests", "Requests", ["code"])).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Create_SameNameWithLabelsInOtherOrder_Throws()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("pool_size", "Pool", ["pool", "region"]);

        factory.Invoking(f => f.CreateGauge("pool_size", "Pool", ["region", "pool"])).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void CreateHistogram_SameNameWithOtherBuckets_ThrowsDescribingBoth()
    {
        using var factory = TestFactory.Create();
        factory.CreateHistogram("size", "Size", buckets: [1, 2]);

        factory.Invoking(f => f.CreateHistogram("size", "Size", buckets: [1, 2, 3])).Should().Throw<InvalidOperationException>()
            .WithMessage("*'size'*buckets [1, 2]*buckets [1, 2, 3]*");
        factory.Invoking(f => f.CreateHistogram("size", "Size")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Create_SameNameWithOtherUnit_ThrowsDescribingBoth()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("uptime_seconds", "Uptime", unit: "seconds");

        factory.Invoking(f => f.CreateGauge("uptime_seconds", "Uptime")).Should().Throw<InvalidOperationException>()
            .WithMessage("*'uptime_seconds'*unit 'seconds'*");
    }

    [Fact]
    public void CreateGauge_NamedLikeCounterTotal_ThrowsNamingClash()
    {
        using var factory = TestFactory.Create();
        factory.CreateCounter("x", "X");

        factory.Invoking(f => f.CreateGauge("x_total", "X")).Should().Throw<InvalidOperationException>()
            .WithMessage("Metric 'x_total' would write the series name 'x_total', which metric 'x' already writes*");
    }

    [Fact]
    public void CreateCounter_WhoseTotalIsAGaugeName_ThrowsNamingClash()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("x_total", "X");

        factory.Invoking(f => f.CreateCounter("x", "X")).Should().Throw<InvalidOperationException>()
            .WithMessage("*'x'*'x_total'*'x_total'*");
        factory.Invoking(f => f.CreateCounter("x_total", "X")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void CreateGauge_NamedLikeHistogramCount_ThrowsNamingClash()
    {
        using var factory = TestFactory.Create();
        factory.CreateHistogram("y", "Y");

        factory.Invoking(f => f.CreateGauge("y_count", "Y")).Should().Throw<InvalidOperationException>()
            .WithMessage("Metric 'y_count' would write the series name 'y_count', which metric 'y' already writes*");
        factory.Invoking(f => f.CreateGauge("y_sum", "Y")).Should().Throw<InvalidOperationException>();
        factory.Invoking(f => f.CreateGauge("y_bucket", "Y")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void CreateHistogram_WhoseCountIsAGaugeName_ThrowsNamingClash()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("y_count", "Y");

        factory.Invoking(f => f.CreateHistogram("y", "Y")).Should().Throw<InvalidOperationException>()
            .WithMessage("*'y'*'y_count'*'y_count'*");
    }

    [Theory]
    [InlineData("y_count")]
    [InlineData("y_sum")]
    [InlineData("y_bucket")]
    public void CreateCounter_NamedLikeHistogramSeries_ThrowsNamingClash(string counterName)
    {
        // The counter's family name is written on the wire (OpenMetrics "# TYPE y_count counter"), and
        // Prometheus' text parser files "y_count" under histogram "y": the scrape would fail.
        using var factory = TestFactory.Create();
        factory.CreateHistogram("y", "Y");

        factory.Invoking(f => f.CreateCounter(counterName, "Y")).Should().Throw<InvalidOperationException>()
            .WithMessage($"Metric '{counterName}' would write the series name '{counterName}', which metric 'y' already writes*");
    }

    [Fact]
    public void CreateHistogram_WhoseCountIsACounterName_ThrowsNamingClash()
    {
        using var factory = TestFactory.Create();
        factory.CreateCounter("y_count_total", "Y");

        factory.Invoking(f => f.CreateHistogram("y", "Y")).Should().Throw<InvalidOperationException>()
            .WithMessage("*'y'*'y_count'*'y_count'*");
    }

    [Fact]
    public void CreateCounter_NamedLikeAnotherCountersTotal_ThrowsNamingClash()
    {
        using var factory = TestFactory.Create();
        factory.CreateCounter("a", "A");

        factory.Invoking(f => f.CreateCounter("a_total_total", "A")).Should().Throw<InvalidOperationException>()
            .WithMessage("Metric 'a_total' would write the series name 'a_total', which metric 'a' already writes*");
    }

    [Fact]
    public void Create_AfterRejectedRegistration_LeavesNoTrace()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("y_count", "Y");
        factory.Invoking(f => f.CreateHistogram("y", "Y")).Should().Throw<InvalidOperationException>();

        factory.Find("y").Should().BeNull();
        factory.Families.Select(f => f.Name).Should().Equal("y_count");
        factory.CreateGauge("y", "Y").Name.Should().Be("y");
    }

    [Fact]
    public void Create_FromEightThreadsConcurrently_RegistersOneInstance()
    {
        using var factory = TestFactory.Create();
        var seen = new Histogram[8];

        Concurrently.Run(8, t => seen[t] = factory.CreateHistogram("latency_seconds", "Latency", ["route"], [0.1, 1]));

        seen.Should().AllSatisfy(h => h.Should().BeSameAs(seen[0]));
        factory.Families.Should().ContainSingle();
    }

    [Fact]
    public void Families_AreOrderedByName()
    {
        using var factory = TestFactory.Create();
        factory.CreateGauge("b", "B");
        factory.CreateCounter("c_total", "C");
        factory.CreateHistogram("a", "A");

        factory.Families.Select(f => f.Name).Should().Equal("a", "b", "c");
        RecordingVisitor.Collect(factory).Families.Select(f => f.Name).Should().Equal("a", "b", "c");
    }
}
