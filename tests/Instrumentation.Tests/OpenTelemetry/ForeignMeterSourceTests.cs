using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Instrumentation.Collection;
using Instrumentation.OpenTelemetry;
using static Instrumentation.Tests.OpenTelemetry.BridgeTestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

public sealed class ForeignMeterSourceTests
{
    [Fact]
    public void Collect_InstrumentsOfOurMetricFactory_AreNotExportedEvenWhenTheirMeterIsListed()
    {
        var meterName = UniqueMeterName();
        using var factory = new MetricFactory(new MetricFactoryOptions { MeterName = meterName });
        var ours = factory.CreateCounter("bridge_owned_total", "Counted by our factory");
        var ourGauge = factory.CreateGauge("bridge_owned_level", "Set by our factory");
        using var sameNameForeignMeter = new Meter(meterName);
        var theirs = sameNameForeignMeter.CreateCounter<long>("bridge.foreign");
        using var source = Listen(meterName);

        ours.Inc();
        ourGauge.Set(3);
        theirs.Add(1);
        var visitor = Collect(source);

        visitor.Families.Select(f => f.Descriptor.Name).Should().Equal(["bridge_foreign"], "the meter name is listed, so only ownership can tell them apart");
    }

    [Fact]
    public void Collect_WildcardMeterName_SelectsEveryMatchingMeterOnly()
    {
        var prefix = UniqueMeterName();
        using var orders = new Meter(prefix + ".Orders");
        using var billing = new Meter(prefix + ".Billing");
        using var other = new Meter(prefix + "Other");
        using var source = Listen(prefix + ".*");
        orders.CreateCounter<long>("orders.count").Add(1);
        billing.CreateCounter<long>("invoices.count").Add(1);
        other.CreateCounter<long>("unrelated.count").Add(1);

        var visitor = Collect(source);

        visitor.Families.Select(f => f.Descriptor.Name).Should().Equal("invoices_count", "orders_count");
    }

    [Fact]
    public void Dispose_StopsListeningAndRefusesFurtherCollections()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("disposed.count");
        var source = Listen(meterName);
        counter.Enabled.Should().BeTrue("the source listens to this meter");

        source.Dispose();

        counter.Enabled.Should().BeFalse("no listener is left on the instrument");
        var collect = () => source.Collect(new RecordingVisitor());
        collect.Should().Throw<ObjectDisposedException>();
        source.Invoking(s => s.Dispose()).Should().NotThrow("Dispose is idempotent");
    }

    [Fact]
    public void Collect_ConcurrentCalls_DoNotInterleaveAndEachGetsEveryFamily()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        var counter = meter.CreateCounter<long>("concurrent.count");
        var histogram = meter.CreateHistogram<double>("concurrent.duration", "s");
        meter.CreateObservableGauge("concurrent.level", () => 1.0);
        counter.Add(1);
        histogram.Record(0.1);

        const int Threads = 4;
        const int CollectionsPerThread = 5;
        var calls = new ConcurrentQueue<(int Visitor, string Call)>();
        var failures = new ConcurrentQueue<Exception>();
        var visitors = new RecordingVisitor[Threads * CollectionsPerThread];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var c = 0; c < CollectionsPerThread; c++)
            {
                var id = (t * CollectionsPerThread) + c;
                visitors[id] = new RecordingVisitor
                {
                    Observer = call =>
                    {
                        calls.Enqueue((id, call));
                        Thread.Sleep(1);
                    },
                };
                counter.Add(1);
                histogram.Record(0.2);
                try
                {
                    source.Collect(visitors[id]);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        failures.Should().BeEmpty();

        var runs = new List<int>();
        foreach (var (visitor, _) in calls)
        {
            if (runs.Count == 0 || runs[^1] != visitor)
            {
                runs.Add(visitor);
            }
        }

        runs.Should().OnlyHaveUniqueItems("each collection's calls must form one uninterrupted run");
        foreach (var visitor in visitors)
        {
            visitor.IsInsideFamily.Should().BeFalse();
            visitor.Families.Select(f => f.Descriptor.Name).Should().Equal(
                "concurrent_count", "concurrent_duration_seconds", "concurrent_level");
            var histogramSeries = visitor.Family("concurrent_duration_seconds").Series.Single();
            histogramSeries.CumulativeCounts[^1].Should().Be(histogramSeries.Count);
        }
    }

    [Fact]
    public void Collect_VisitorThrows_ExceptionReachesTheCallerAndLaterCollectionsWork()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName);
        meter.CreateCounter<long>("fragile.count").Add(1);

        var failing = () => source.Collect(new RecordingVisitor { Observer = _ => throw new InvalidDataException("writer broke") });

        failing.Should().Throw<InvalidDataException>().WithMessage("writer broke");
        Collect(source).Family("fragile_count").Series.Should().ContainSingle().Which.Value.Should().Be(1);
    }

    [Fact]
    public void Collect_ExemplarsTurnedOff_CarriesNone()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = new ForeignMeterSource(new ForeignMeterSourceOptions { Meters = { meterName }, Exemplars = false });
        using var activities = new ActivitySource(meterName);
        using var listener = SampleEverything(meterName);
        var counter = meter.CreateCounter<long>("untraced.requests");
        var duration = meter.CreateHistogram<double>("untraced.duration", "s");

        using (activities.StartActivity("request"))
        {
            counter.Add(1);
            duration.Record(0.3);
        }

        var visitor = Collect(source);

        visitor.Family("untraced_requests").Series.Single().Exemplar.Should().BeNull();
        visitor.Family("untraced_duration_seconds").Series.Single().BucketExemplars.Should().BeEmpty();
    }

    [Fact]
    public void Collect_MoreTagSetsThanTheCardinalityLimit_FoldsTheRestIntoTheOverflowSeries()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = new ForeignMeterSource(new ForeignMeterSourceOptions { Meters = { meterName }, CardinalityLimit = 3 });
        var counter = meter.CreateCounter<long>("users.seen");

        for (var user = 0; user < 10; user++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("user", user.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var family = Collect(source).Family("users_seen");

        family.Series.Should().HaveCount(4, "the limit's three tag sets plus the overflow series");
        family.Series.Where(s => s.Labels.ContainsKey("user")).Should().HaveCount(3);
        family.SeriesWith(("otel_metric_overflow", "true")).Value.Should().Be(7, "the other seven measurements are counted there, not lost");
    }

    [Fact]
    public void Collect_SystemRuntimeMeter_ExposesGcCollectionsAsCounter()
    {
        using var source = Listen("System.Runtime");
        GC.Collect(0);

        var visitor = Collect(source);

        var collections = visitor.Family("dotnet_gc_collections");
        collections.Descriptor.Type.Should().Be(MetricType.Counter);
        collections.Descriptor.Unit.Should().BeEmpty("'{collection}' is an annotation, not a unit");
        collections.Series.Should().NotBeEmpty();
        collections.Series.Sum(s => s.Value).Should().BeGreaterThanOrEqualTo(1, "a collection was just forced");
        collections.Series.Should().AllSatisfy(s => s.Labels.Should().ContainKey("gc_heap_generation"));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        var blank = () => new ForeignMeterSource(new ForeignMeterSourceOptions { Meters = { " " } });
        var zeroLimit = () => new ForeignMeterSource(new ForeignMeterSourceOptions { Meters = { "x" }, CardinalityLimit = 0 });

        blank.Should().Throw<ArgumentException>().WithMessage("*blank meter name*");
        zeroLimit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*CardinalityLimit*");
    }
    [Fact]
    public void ConfigureAppProvider_OnASourceWithAProviderOfItsOwn_LeavesTheAppProviderAloneAndDoesNotThrow()
    {
        // A DI container without IServiceProviderIsService hides the app's MeterProvider from AddMetrics, which then builds
        // a provider of its own; the app's provider still runs our configure callback when it is built. That used to throw
        // inside the app's start-up.
        var meterName = UniqueMeterName();
        var options = new ForeignMeterSourceOptions();
        options.Meters.Add(meterName);
        using var source = new ForeignMeterSource(options);
        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("own.provider.requests").Add(3);
        var appBuilder = global::OpenTelemetry.Sdk.CreateMeterProviderBuilder();

        var configure = () => source.ConfigureAppProvider(appBuilder);

        configure.Should().NotThrow();
        using var appProvider = global::OpenTelemetry.Metrics.MeterProviderBuilderExtensions.Build(appBuilder);
        Collect(source).Family("own_provider_requests").Series.Should().ContainSingle().Which.Value.Should().Be(3, "the source still reads through its own provider");
    }
}
