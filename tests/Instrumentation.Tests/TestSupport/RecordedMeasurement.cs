namespace Instrumentation.Tests.TestSupport;

/// <summary>One measurement a <see cref="MeterRecorder"/> received: the instrument's name, the value and its tags.</summary>
public sealed record RecordedMeasurement(string InstrumentName, double Value, IReadOnlyDictionary<string, string?> Tags);
