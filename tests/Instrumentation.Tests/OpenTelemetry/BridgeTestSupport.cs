using System.Diagnostics;
using Instrumentation.OpenTelemetry;

namespace Instrumentation.Tests.OpenTelemetry;

/// <summary>Helpers shared by the OpenTelemetry bridge tests.</summary>
internal static class BridgeTestSupport
{
    /// <summary>A meter name no other test uses, so tests running in parallel do not see each other's instruments.</summary>
    public static string UniqueMeterName() => "Instrumentation.Tests.Bridge." + Guid.NewGuid().ToString("N");

    public static ForeignMeterSource Listen(params string[] meterNames)
    {
        var options = new ForeignMeterSourceOptions();
        foreach (var name in meterNames)
        {
            options.Meters.Add(name);
        }

        return new ForeignMeterSource(options);
    }

    public static RecordingVisitor Collect(ForeignMeterSource source)
    {
        var visitor = new RecordingVisitor();
        source.Collect(visitor);
        visitor.IsInsideFamily.Should().BeFalse("every family must be closed");
        return visitor;
    }

    /// <summary>Makes every activity of <paramref name="sourceName"/> sampled, so measurements inside one may become exemplars.</summary>
    public static ActivityListener SampleEverything(string sourceName)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
