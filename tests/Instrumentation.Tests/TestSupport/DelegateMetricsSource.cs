using Instrumentation.Collection;

namespace Instrumentation.Tests.TestSupport;

/// <summary>A hand-written source: emits whatever the test's delegate writes, such as a summary family or foreign-shaped series.</summary>
public sealed class DelegateMetricsSource(Action<IMetricsVisitor> collect) : IMetricsSource
{
    public int Collections { get; private set; }

    public void Collect(IMetricsVisitor visitor)
    {
        Collections++;
        collect(visitor);
    }

    /// <summary>A source with one summary family <c>rpc_duration_seconds</c> and one series labelled <c>service</c>.</summary>
    public static DelegateMetricsSource Summary(string serviceLabelValue = "checkout", double created = 1700000000.5) => new(visitor =>
    {
        visitor.BeginFamily(new MetricFamilyDescriptor("rpc_duration_seconds", "RPC latency.", "seconds", MetricType.Summary));
        visitor.WriteSummary(
            new MetricLabels(["service"], [serviceLabelValue]),
            new SummaryPoint([0.5, 0.9, 0.99, 1], [0.125, 2, 3.5, double.NaN], 17.5, 20, created));
        visitor.EndFamily();
    });
}
