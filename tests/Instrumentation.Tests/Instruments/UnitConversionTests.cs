using Instrumentation.Tests.TestSupport;

namespace Instrumentation.Tests.Instruments;

/// <summary>Units as <c>System.Diagnostics.Metrics</c> listeners see them: UCUM, like OpenTelemetry.</summary>
public class UnitConversionTests
{
    [Theory]
    [InlineData("seconds", "s")]
    [InlineData("milliseconds", "ms")]
    [InlineData("bytes", "By")]
    [InlineData("ratio", "1")]
    [InlineData("celsius", "celsius")]
    public void Instrument_PublishesUnitInUcumForm(string unit, string expected)
    {
        using var factory = TestFactory.Create();
        using var recorder = new MeterRecorder(factory.Meter.Name);

        factory.CreateGauge("g_" + unit, "G", unit: unit);
        factory.CreateCounter("c_" + unit, "C", unit: unit);
        factory.CreateHistogram("h_" + unit, "H", unit: unit);

        recorder.Instrument("g_" + unit).Unit.Should().Be(expected);
        recorder.Instrument("c_" + unit).Unit.Should().Be(expected);
        recorder.Instrument("h_" + unit).Unit.Should().Be(expected);
    }

    [Fact]
    public void Instrument_WithoutUnit_PublishesNoUnit()
    {
        using var factory = TestFactory.Create();
        using var recorder = new MeterRecorder(factory.Meter.Name);

        factory.CreateGauge("g", "G");

        recorder.Instrument("g").Unit.Should().BeNull();
    }
}
