namespace Instrumentation.Collection;

/// <summary>Something that can be collected: our registry, the OpenTelemetry bridge for foreign meters, and so on.</summary>
public interface IMetricsSource
{
    /// <summary>Reads every family of this source into <paramref name="visitor"/>.</summary>
    void Collect(IMetricsVisitor visitor);
}
