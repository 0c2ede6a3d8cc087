using Instrumentation.Collection;
using Instrumentation.Hosting;
using Microsoft.Extensions.Options;

namespace Instrumentation.DefaultMetrics;

/// <summary>Writes <c>dotnet_info{version="10.0.x"} 1</c>, the runtime version, when <see cref="DefaultMetricsOptions.Runtime"/> is on.</summary>
internal sealed class RuntimeInfoMetricsSource : IMetricsSource
{
    private static readonly MetricFamilyDescriptor Family = new("dotnet_info", "Information about the .NET runtime; the value is always 1.", string.Empty, MetricType.Gauge);
    private static readonly string[] LabelNames = ["version"];
    private readonly string[] _labelValues = [Environment.Version.ToString()];
    private readonly bool _enabled;

    public RuntimeInfoMetricsSource(IOptions<MetricsOptions> options)
        : this(options.Value.DefaultMetrics.Runtime)
    {
    }

    internal RuntimeInfoMetricsSource(bool enabled) => _enabled = enabled;

    public void Collect(IMetricsVisitor visitor)
    {
        if (!_enabled)
        {
            return;
        }

        visitor.BeginFamily(Family);
        visitor.WriteGauge(new MetricLabels(LabelNames, _labelValues), 1);
        visitor.EndFamily();
    }
}
