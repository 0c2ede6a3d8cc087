using System.Diagnostics.Metrics;
using Instrumentation.Collection;
using Instrumentation.OpenTelemetry;
using OpenTelemetry.Resources;
using static Instrumentation.Tests.OpenTelemetry.BridgeTestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

/// <summary>ForeignMeterSourceOptions.ScopeLabels and TargetInfo: the OpenTelemetry Prometheus exporter's labels and target_info.</summary>
public sealed class ScopeLabelsAndTargetInfoTests
{
    [Fact]
    public void Collect_ScopeLabelsOn_EverySeriesCarriesTheMetersNameVersionAndTags()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName, "3.1.4", [new("deployment.region", "eu"), new("tier", 2)]);
        using var source = Listen(meterName, scopeLabels: true);
        meter.CreateCounter<long>("orders").Add(1, new KeyValuePair<string, object?>("fruit", "apple"));

        var series = Collect(source).Family("orders").Series.Single();

        series.Labels.Should().Equal(new Dictionary<string, string>
        {
            ["fruit"] = "apple",
            ["otel_scope_deployment_region"] = "eu",
            ["otel_scope_name"] = meterName,
            ["otel_scope_tier"] = "2",
            ["otel_scope_version"] = "3.1.4",
        });
        series.LabelNames.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public void Collect_ScopeLabelsOn_MeterWithoutVersion_HasNameOnly()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName, scopeLabels: true);
        meter.CreateHistogram<double>("latency", "s").Record(0.5);

        var series = Collect(source).Family("latency_seconds").Series.Single();

        series.LabelNames.Should().Equal("otel_scope_name");
    }

    [Fact]
    public void Collect_ScopeLabelsOn_TagNamedLikeAScopeLabel_IsKeptAsExported()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName, "1.0");
        using var source = Listen(meterName, scopeLabels: true);
        meter.CreateCounter<long>("jobs").Add(1, new KeyValuePair<string, object?>("otel.scope.version", "mine"));

        var series = Collect(source).Family("jobs").Series.Single();

        series.Labels.Should().Contain("otel_scope_version", "1.0").And.Contain("exported_otel_scope_version", "mine");
    }

    [Fact]
    public void Collect_ScopeLabelsOn_MeterTagsNamedLikeTheMetersNameOrVersion_YieldToThem()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName, "1.0", [new("name", "impostor"), new("version", "9"), new("a.b", "x"), new("a_b", "y")]);
        using var source = Listen(meterName, scopeLabels: true);
        meter.CreateCounter<long>("jobs").Add(1);

        var series = Collect(source).Family("jobs").Series.Single();

        series.Labels.Should().Equal(new Dictionary<string, string>
        {
            ["otel_scope_a_b"] = "x",                  // keys that convert alike: the first in key order
            ["otel_scope_name"] = meterName,
            ["otel_scope_version"] = "1.0",
        });
    }

    [Fact]
    public void Collect_ScopeLabelsOff_SeriesOfASingleMeterCarryNoScopeLabel()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName, "1.0", [new("tier", 2)]);
        using var source = Listen(meterName, scopeLabels: false);
        meter.CreateCounter<long>("jobs").Add(1);

        Collect(source).Family("jobs").Series.Single().LabelNames.Should().BeEmpty();
    }

    [Fact]
    public void Collect_ScopeLabelsOff_SharedFamilyStillTellsMetersApartByNameOnly()
    {
        var prefix = UniqueMeterName();
        using var first = new Meter(prefix + ".A", "1.0");
        using var second = new Meter(prefix + ".B", "2.0");
        using var source = Listen(prefix + ".*", scopeLabels: false);
        first.CreateCounter<long>("shared").Add(1);
        second.CreateCounter<long>("shared").Add(2);

        var family = Collect(source).Family("shared");

        family.Series.Select(s => s.Labels["otel_scope_name"]).Should().BeEquivalentTo([prefix + ".A", prefix + ".B"]);
        family.Series.Should().OnlyContain(s => s.LabelNames.Count == 1);
    }

    [Fact]
    public void Collect_TargetInfoOn_WritesTheProvidersResourceOnce_InNameOrder()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName, targetInfo: true);
        meter.CreateCounter<long>("alpha").Add(1);
        meter.CreateCounter<long>("zulu").Add(1);

        var visitor = Collect(source);

        visitor.Families.Select(f => f.Descriptor.Name).Should().Equal("alpha", "target_info", "zulu");
        var family = visitor.Family("target_info");
        family.Descriptor.Should().Be(new MetricFamilyDescriptor("target_info", "Target metadata", "", MetricType.Gauge));
        var series = family.Series.Single();
        series.Value.Should().Be(1);
        series.Labels.Should().ContainKey("service_name").And.Contain("telemetry_sdk_name", "opentelemetry").And.Contain("telemetry_sdk_language", "dotnet");
    }

    [Fact]
    public void Collect_TargetInfoOn_WithNoInstruments_StillWritesIt()
    {
        using var source = Listen(UniqueMeterName(), targetInfo: true);

        Collect(source).Families.Select(f => f.Descriptor.Name).Should().Equal("target_info");
    }

    [Fact]
    public void Collect_TargetInfoOff_WritesNoTargetInfo()
    {
        using var source = Listen(UniqueMeterName(), targetInfo: false);

        Collect(source).Families.Should().BeEmpty();
    }

    [Fact]
    public void Collect_TargetInfoOn_InstrumentConvertingToTargetInfo_IsLeftOutAndReported()
    {
        var meterName = UniqueMeterName();
        using var meter = new Meter(meterName);
        using var source = Listen(meterName, targetInfo: true);
        meter.CreateObservableGauge("target.info", () => 7.0);
        var visitor = new DropRecordingVisitor();

        source.Collect(visitor);

        visitor.Families.Should().ContainSingle(f => f.Descriptor.Name == "target_info").Which.Series.Single().Value.Should().Be(1);
        visitor.Drops.Should().Equal(("target_info", DropReason.NameCollision, 1));
    }

    [Fact]
    public void TargetInfoFrom_KeysThatConvertAlike_BecomeOneLabelJoinedInKeyOrder()
    {
        var resource = ResourceBuilder.CreateEmpty()
            .AddAttributes([new("host.name", "a"), new("host_name", "b"), new("service.name", "shop"), new("flags", new[] { 1L, 2L })])
            .Build();
        var visitor = new RecordingVisitor();

        TargetInfo.From(resource)!.Write(visitor);

        visitor.Family("target_info").Series.Single().Labels.Should().Equal(new Dictionary<string, string>
        {
            ["flags"] = "[1,2]",
            ["host_name"] = "a;b",
            ["service_name"] = "shop",
        });
    }

    [Fact]
    public void TargetInfoFrom_EmptyResource_IsNull()
    {
        TargetInfo.From(ResourceBuilder.CreateEmpty().Build()).Should().BeNull("a target_info without labels says nothing");
    }

    private static ForeignMeterSource Listen(string meterName, bool scopeLabels = false, bool targetInfo = false) =>
        new(new ForeignMeterSourceOptions { Meters = { meterName }, ScopeLabels = scopeLabels, TargetInfo = targetInfo });
}
