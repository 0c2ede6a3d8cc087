using System.Diagnostics.Metrics;
using Instrumentation.Collection;
using Instrumentation.OpenTelemetry;
using static Instrumentation.Tests.OpenTelemetry.BridgeTestSupport;

namespace Instrumentation.Tests.OpenTelemetry;

public sealed class LevelValuedCountersTests
{
    // System.Runtime's counters that only ever grow: totals, rightly counters.
    private static readonly string[] MonotonicRuntimeCounters =
    [
        "dotnet.gc.collections", "dotnet.gc.heap.total_allocated", "dotnet.gc.pause.time",
        "dotnet.jit.compiled_il.size", "dotnet.jit.compiled_methods", "dotnet.jit.compilation.time",
        "dotnet.monitor.lock_contentions", "dotnet.thread_pool.work_item.count", "dotnet.exceptions",
        "dotnet.process.cpu.time",
    ];

    [Theory]
    [InlineData("dotnet_thread_pool_thread_count")]
    [InlineData("dotnet_thread_pool_queue_length")]
    public void Collect_SystemRuntimeThreadPoolLevels_AreGaugesWithoutTotal(string name)
    {
        // Was: '# TYPE dotnet_thread_pool_queue_length_total counter', though the queue drains and threads retire.
        using var source = Listen("System.Runtime");
        ThreadPool.QueueUserWorkItem(static _ => { });

        var visitor = Collect(source);

        visitor.Family(name).Descriptor.Type.Should().Be(MetricType.Gauge);
        visitor.Families.Should().NotContain(f => f.Descriptor.Name == name + "_total");
    }

    [Fact]
    public void Collect_SystemRuntimeTotals_StayCounters()
    {
        using var source = Listen("System.Runtime");

        var visitor = Collect(source);

        visitor.Family("dotnet_thread_pool_work_item_count").Descriptor.Type.Should().Be(MetricType.Counter);
    }

    [Fact]
    public void EveryCounterOfSystemRuntime_IsEitherATotalOrAKnownLevel()
    {
        // A new runtime counter fails here until someone decides whether it is a total or a level.
        var counters = new List<string>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                var kind = instrument.GetType().Name;
                if (instrument.Meter.Name == "System.Runtime" && (kind.StartsWith("Counter`", StringComparison.Ordinal) || kind.StartsWith("ObservableCounter`", StringComparison.Ordinal)))
                {
                    lock (counters)
                    {
                        counters.Add(instrument.Name);
                    }
                }
            };
            listener.Start();
        }

        // System.Diagnostics.DiagnosticSource 11 (which OpenTelemetry 1.21 brings) declares the thread-pool levels as
        // up-down counters; the runtime's own 10.0 copy declared them as counters. Either way they must end as gauges.
        counters.Should().Contain("dotnet.gc.collections", "the System.Runtime meter should have published its instruments");
        counters.Where(name => !MonotonicRuntimeCounters.Contains(name) && !LevelValuedCounters.Contains("System.Runtime", name))
            .Should().BeEmpty("every System.Runtime counter should be classified (counters seen: {0})", string.Join(", ", counters));
    }

    [Fact]
    public void Contains_OnlyTheListedMeterAndInstrument()
    {
        LevelValuedCounters.Contains("System.Runtime", "dotnet.thread_pool.queue.length").Should().BeTrue();
        LevelValuedCounters.Contains("My.Meter", "dotnet.thread_pool.queue.length").Should().BeFalse();
        LevelValuedCounters.Contains("System.Runtime", "dotnet.gc.collections").Should().BeFalse();
    }
}
