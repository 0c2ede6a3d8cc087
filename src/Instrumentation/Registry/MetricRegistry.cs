using Instrumentation.Collection;
using Instrumentation.Instruments;

namespace Instrumentation.Registry;

/// <summary>
/// The families of one factory, in name order for collection. Registration is rare and takes a lock;
/// collection reads a copy-on-write array and takes none.
/// </summary>
internal sealed class MetricRegistry : IMetricsSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MetricFamily> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ownerOfExposedName = new(StringComparer.Ordinal);
    private MetricFamily[] _sorted = [];

    public IReadOnlyList<MetricFamily> Families => Volatile.Read(ref _sorted);

    /// <summary>
    /// Returns the family registered under <paramref name="definition"/>'s name when its shape matches,
    /// or creates and registers a new one.
    /// </summary>
    public TFamily GetOrRegister<TFamily>(MetricDefinition definition, Func<MetricDefinition, TFamily> create)
        where TFamily : MetricFamily
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(definition.Name, out var existing))
            {
                if (existing is TFamily typed && existing.Definition.HasSameShape(definition))
                {
                    return typed;
                }

                throw new InvalidOperationException(
                    $"Metric '{definition.Name}' is already registered as a {existing.Definition.Describe()}; it cannot be registered again as a {definition.Describe()}. Register it with the same definition to share it, or choose another name.");
            }

            foreach (var exposed in definition.ExposedNames())
            {
                if (_ownerOfExposedName.TryGetValue(exposed, out var owner))
                {
                    throw new InvalidOperationException(
                        $"Metric '{definition.Name}' would write the series name '{exposed}', which metric '{owner}' already writes; choose another name.");
                }
            }

            var family = create(definition);
            _byName.Add(definition.Name, family);
            foreach (var exposed in definition.ExposedNames())
            {
                _ownerOfExposedName[exposed] = definition.Name;
            }

            var sorted = new MetricFamily[_sorted.Length + 1];
            _sorted.CopyTo(sorted, 0);
            sorted[^1] = family;
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            Volatile.Write(ref _sorted, sorted);
            return family;
        }
    }

    /// <summary>Returns the family with this name (counters without <c>_total</c>), or null.</summary>
    public MetricFamily? Find(string name)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(name, out var family))
            {
                return family;
            }

            return name.EndsWith("_total", StringComparison.Ordinal) && _byName.TryGetValue(name[..^"_total".Length], out family)
                && family.Type == MetricType.Counter
                ? family
                : null;
        }
    }

    public void Collect(IMetricsVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        foreach (var family in Volatile.Read(ref _sorted))
        {
            family.Collect(visitor);
        }
    }
}
