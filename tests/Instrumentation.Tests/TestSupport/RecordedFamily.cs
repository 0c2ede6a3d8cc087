using Instrumentation.Collection;

namespace Instrumentation.Tests.TestSupport;

/// <summary>One metric family as a <see cref="RecordingVisitor"/> received it, with its series in the order written.</summary>
public sealed record RecordedFamily(string Name, string Help, string Unit, MetricType Type, IReadOnlyList<RecordedSeries> Series)
{
    /// <summary>The only series of an unlabelled family; throws when there is not exactly one.</summary>
    public RecordedSeries OnlySeries => Series.Count == 1
        ? Series[0]
        : throw new InvalidOperationException($"Family '{Name}' has {Series.Count} series, not one.");

    /// <summary>The series with exactly these label values (in label-name order); throws when there is none.</summary>
    public RecordedSeries WithLabels(params string[] labelValues) =>
        Series.SingleOrDefault(s => s.LabelValues.SequenceEqual(labelValues))
        ?? throw new InvalidOperationException($"Family '{Name}' has no series with label values [{string.Join(", ", labelValues)}].");
}
