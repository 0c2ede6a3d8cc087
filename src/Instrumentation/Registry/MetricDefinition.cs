using Instrumentation.Collection;
using Instrumentation.Instruments;
using Instrumentation.Quantiles;

namespace Instrumentation.Registry;

/// <summary>
/// Everything that identifies a metric family: two registrations with equal definitions share one
/// family; the same name with another definition is a conflict.
/// </summary>
internal sealed record MetricDefinition(
    MetricType Type,
    string Name,
    string Help,
    string Unit,
    string[] LabelNames,
    double[]? Buckets = null,
    QuantileObjective[]? Objectives = null,
    TimeSpan MaxAge = default,
    int AgeBuckets = 0,
    NativeHistogramShape? Native = null)
{
    /// <summary>The most series kept apart from the overflow series; not part of the identity.</summary>
    public int CardinalityLimit { get; init; } = int.MaxValue;

    /// <summary>How long a labelled series may stay idle before removal; zero for never. Not part of the identity.</summary>
    public TimeSpan IdleTimeout { get; init; }

    /// <summary>True when <paramref name="other"/> describes the same series shape (help text may differ).</summary>
    public bool HasSameShape(MetricDefinition other) =>
        Type == other.Type
        && Name == other.Name
        && Unit == other.Unit
        && LabelNames.AsSpan().SequenceEqual(other.LabelNames)
        && (Buckets ?? []).AsSpan().SequenceEqual(other.Buckets ?? [])
        && (Objectives ?? []).AsSpan().SequenceEqual(other.Objectives ?? [])
        && MaxAge == other.MaxAge
        && AgeBuckets == other.AgeBuckets
        && Equals(Native, other.Native);

    /// <summary>The names this family writes on the wire, used to find clashes between families.</summary>
    public IEnumerable<string> ExposedNames()
    {
        switch (Type)
        {
            case MetricType.Counter:
                // The family name itself is on the wire too (OpenMetrics "# TYPE x counter").
                yield return Name;
                yield return Name + "_total";
                yield return Name + "_created";
                break;
            case MetricType.Gauge:
                yield return Name;
                break;
            case MetricType.Histogram:
                yield return Name;
                yield return Name + "_bucket";
                yield return Name + "_sum";
                yield return Name + "_count";
                yield return Name + "_created";
                break;
            case MetricType.Summary:
                yield return Name;
                yield return Name + "_sum";
                yield return Name + "_count";
                yield return Name + "_created";
                break;
        }
    }

    /// <summary>A short human description used in conflict messages.</summary>
    public string Describe()
    {
        var text = $"{Type.ToString().ToLowerInvariant()} with labels [{string.Join(", ", LabelNames)}]";
        if (Unit.Length > 0)
        {
            text += $", unit '{Unit}'";
        }

        if (Native is not null)
        {
            text += $", {Native}";
        }

        if (Buckets is not null)
        {
            text += $", {(Native is null ? "buckets" : "classic buckets")} [{string.Join(", ", Buckets)}]";
        }

        if (Objectives is not null)
        {
            text += $", objectives [{string.Join(", ", Objectives.Select(static o => $"{o.Quantile}±{o.Error}"))}], window {MaxAge} in {AgeBuckets} buckets";
        }

        return text;
    }
}
