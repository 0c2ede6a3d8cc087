using System.Diagnostics.Metrics;
using Instrumentation.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using static Instrumentation.Tests.OpenTelemetry.BridgeTestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

public sealed class ForeignMeterSourceHostScopeTests
{
    [Fact]
    public void Collect_WithTheHostsMeterFactory_LeavesOutTheSameMeterOfAnotherHostAndKeepsProcessWideOnes()
    {
        var meterName = UniqueMeterName();
        using var thisHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var ours = thisHost.GetRequiredService<IMeterFactory>().Create(meterName).CreateCounter<long>("scoped.requests");
        var theirs = otherHost.GetRequiredService<IMeterFactory>().Create(meterName).CreateCounter<long>("scoped.requests");
        using var processWide = new Meter(meterName);
        var runtime = processWide.CreateCounter<long>("scoped.process");
        var options = new ForeignMeterSourceOptions { MeterFactory = thisHost.GetRequiredService<IMeterFactory>() };
        options.Meters.Add(meterName);
        using var source = new ForeignMeterSource(options);

        ours.Add(2);
        theirs.Add(40);
        runtime.Add(1);
        var visitor = Collect(source);

        visitor.Family("scoped_requests").Series.Should().ContainSingle().Which.Value.Should().Be(2, "the other host's meter has the same name but another factory");
        visitor.Family("scoped_process").Series.Should().ContainSingle().Which.Value.Should().Be(1);
        theirs.Enabled.Should().BeFalse("nothing listens to the other host's instrument for this source");
    }

    [Fact]
    public void Collect_WithoutAMeterFactory_ExportsTheMeterOfEveryHost()
    {
        var meterName = UniqueMeterName();
        using var firstHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var secondHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var first = firstHost.GetRequiredService<IMeterFactory>().Create(meterName).CreateCounter<long>("unscoped.requests");
        var second = secondHost.GetRequiredService<IMeterFactory>().Create(meterName).CreateCounter<long>("unscoped.requests");
        using var source = Listen(meterName);

        first.Add(2);
        second.Add(40);

        Collect(source).Family("unscoped_requests").Series.Should().ContainSingle().Which.Value.Should().Be(42);
    }
}
