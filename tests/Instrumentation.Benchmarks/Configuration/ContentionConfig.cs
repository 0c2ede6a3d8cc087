using BenchmarkDotNet.Configs;

namespace Instrumentation.Benchmarks.Configuration;

/// <summary>Adds the <see cref="ThroughputVsOneThreadColumn"/> and <see cref="ScalingVsFloorColumn"/> to the shared configuration, for the contention benchmarks.</summary>
internal sealed class ContentionConfig : ManualConfig
{
    public ContentionConfig() => AddColumn(new ThroughputVsOneThreadColumn(), new ScalingVsFloorColumn());
}
