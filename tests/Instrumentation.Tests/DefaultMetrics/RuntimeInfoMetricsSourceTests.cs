using Instrumentation.Collection;
using Instrumentation.DefaultMetrics;
using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.DefaultMetrics;

public sealed class RuntimeInfoMetricsSourceTests
{
    [Fact]
    public void Collect_WritesDotnetInfoWithTheRuntimeVersionAndValueOne()
    {
        var recorded = RecordingVisitor.Collect(new RuntimeInfoMetricsSource(enabled: true));

        var family = recorded.Family("dotnet_info");
        family.Type.Should().Be(MetricType.Gauge);
        var series = family.Series.Should().ContainSingle().Which.Should().BeOfType<RecordedGauge>().Subject;
        series.LabelNames.Should().Equal("version");
        series.LabelValues.Should().Equal(Environment.Version.ToString());
        series.LabelValues[0].Should().StartWith("10.0.");
        series.Value.Should().Be(1);
    }

    [Fact]
    public void Collect_WhenDisabled_WritesNothing()
    {
        RecordingVisitor.Collect(new RuntimeInfoMetricsSource(enabled: false)).Families.Should().BeEmpty();
    }
}
