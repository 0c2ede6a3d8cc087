using Instrumentation.Instruments;
using Instrumentation.Testing;

namespace Instrumentation.Tests.Attributes;

public sealed class AttributeInstrumentsTests
{
    private static readonly string[] ServiceLabels = ["class", "method", "exception"];

    [Fact]
    public void CreateTimed_WithoutName_UsesTheDefaultNameHelpAndSecondsUnit()
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute(), TimedAttribute.DefaultServiceName, TimedAttribute.DefaultServiceHelp, ServiceLabels);

        var histogram = timed.Family.Should().BeOfType<Histogram>().Subject;
        histogram.Name.Should().Be("method_duration_seconds");
        histogram.Help.Should().Be(TimedAttribute.DefaultServiceHelp);
        histogram.Unit.Should().Be("seconds");
        histogram.LabelNames.Should().Equal(ServiceLabels);
        histogram.Buckets.Should().Equal(Buckets.Default);
    }

    [Fact]
    public void CreateTimed_WithNameWithoutUnitSuffix_HasNoUnit()
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute("http_latency", "HTTP latency"), "unused_seconds", "unused", ServiceLabels);

        timed.Family.Name.Should().Be("http_latency");
        timed.Family.Help.Should().Be("HTTP latency");
        timed.Family.Unit.Should().BeEmpty();
    }

    [Theory]
    [InlineData(DurationBucketPreset.Fast, 0.0001, 16)]
    [InlineData(DurationBucketPreset.Slow, 0.1, 12)]
    public void CreateTimed_WithPreset_UsesItsBuckets(DurationBucketPreset preset, double first, int count)
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute { BucketPreset = preset }, "preset_seconds", "p", ServiceLabels);

        var buckets = ((Histogram)timed.Family).Buckets;
        buckets.Should().HaveCount(count);
        buckets[0].Should().Be(first);
    }

    [Fact]
    public void CreateTimed_CustomBuckets_WinOverThePreset()
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute { BucketPreset = DurationBucketPreset.Slow, Buckets = [1, 2] }, "custom_seconds", "c", ServiceLabels);

        ((Histogram)timed.Family).Buckets.Should().Equal(1, 2);
    }

    [Fact]
    public void CreateTimed_SummaryKind_UsesTheSummaryDefaults()
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute { Kind = TimedKind.Summary }, "summary_seconds", "s", ServiceLabels);

        timed.Family.Should().BeOfType<Summary>().Which.QuantileObjectives.Should().Equal(Summary.DefaultObjectives);
    }

    [Fact]
    public void CreateTimed_NativeHistogramKind_KeepsTheBucketsAsClassicBucketsAlongside()
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute { Kind = TimedKind.NativeHistogram, Buckets = [0.1, 1] }, "native_seconds", "n", ServiceLabels);
        timed.WithLabels(["Quotes", "Get", "none"]).Observe(0.5);

        var family = timed.Family.Should().BeOfType<NativeHistogram>().Subject;
        family.Schema.Should().Be(NativeHistogramOptions.DefaultSchema);
        family.ClassicBuckets.Should().Equal(0.1, 1);
        family.WithLabels("Quotes", "Get", "none").Schema.Should().Be(3);
    }

    [Fact]
    public void CreateTimed_NativeHistogramKindWithoutBuckets_KeepsNoClassicBuckets()
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute { Kind = TimedKind.NativeHistogram }, "native_seconds", "n", ServiceLabels);

        ((NativeHistogram)timed.Family).ClassicBuckets.Should().BeEmpty();
    }

    [Fact]
    public void CreateTimed_Quantiles_MakeASummaryWithTenthOfTheDistanceAsError()
    {
        using var metrics = new MetricFactory();

        var timed = AttributeInstruments.CreateTimed(metrics, new TimedAttribute { Quantiles = [0.5, 0.9, 0.99] }, "quantile_seconds", "q", ServiceLabels);

        var objectives = ((Summary)timed.Family).QuantileObjectives;
        objectives.Select(o => o.Quantile).Should().Equal(0.5, 0.9, 0.99);
        objectives.Select(o => o.Error).Should().Equal([0.05, 0.01, 0.001], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void CreateTimed_ExtraLabels_AreAppendedAndTheirValuesRecorded()
    {
        using var metrics = new MetricFactory();
        var attribute = new TimedAttribute("team_seconds", "t") { ExtraLabels = ["team", "fruit", "tier", "gold"] };

        var timed = AttributeInstruments.CreateTimed(metrics, attribute, "unused", "unused", ServiceLabels);

        timed.Family.LabelNames.Should().Equal("class", "method", "exception", "team", "tier");
        AttributeInstruments.ExtraLabelValues(attribute.ExtraLabels).Should().Equal("fruit", "gold");
        timed.WithLabels(["Shop", "Buy", "none", "fruit", "gold"]).Observe(0.2);
        metrics.GetHistogram("team_seconds", "Shop", "Buy", "none", "fruit", "gold").Count.Should().Be(1);
    }

    [Fact]
    public void CreateTimed_OddExtraLabels_ThrowNamingTheMetric()
    {
        using var metrics = new MetricFactory();

        var act = () => AttributeInstruments.CreateTimed(metrics, new TimedAttribute("odd_seconds", "o") { ExtraLabels = ["team"] }, "unused", "unused", ServiceLabels);

        act.Should().Throw<ArgumentException>().WithMessage("*odd_seconds*name/value pairs*");
    }

    [Fact]
    public void CreateCounted_AndCreateInProgress_UseTheirDefaults()
    {
        using var metrics = new MetricFactory();

        var counter = AttributeInstruments.CreateCounted(metrics, new CountedAttribute(), CountedAttribute.DefaultServiceName, CountedAttribute.DefaultServiceHelp, ["class", "method", "result", "exception"]);
        var gauge = AttributeInstruments.CreateInProgress(metrics, new TrackInProgressAttribute(), TrackInProgressAttribute.DefaultServiceName, TrackInProgressAttribute.DefaultServiceHelp, ["class", "method"]);

        counter.Name.Should().Be("method_calls");
        counter.LabelNames.Should().Equal("class", "method", "result", "exception");
        gauge.Name.Should().Be("method_calls_in_progress");
        gauge.Help.Should().Be(TrackInProgressAttribute.DefaultServiceHelp);
    }

    [Fact]
    public void Attributes_ApplyToMethodsClassesAndInterfaces()
    {
        foreach (var type in new[] { typeof(TimedAttribute), typeof(CountedAttribute), typeof(TrackInProgressAttribute) })
        {
            var usage = (AttributeUsageAttribute)Attribute.GetCustomAttribute(type, typeof(AttributeUsageAttribute))!;
            usage.ValidOn.Should().Be(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Interface);
        }
    }
}
