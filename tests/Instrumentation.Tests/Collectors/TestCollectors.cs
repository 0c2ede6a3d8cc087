using Instrumentation.Collectors;

namespace Instrumentation.Tests.Collectors;

/// <summary>Counts its runs; <see cref="OnRun"/> runs inside each.</summary>
public sealed class CountingCollector : IMetricsCollector
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public Action? OnRun { get; set; }

    public CancellationToken LastToken { get; private set; }

    public Task CollectAsync(CancellationToken cancellationToken)
    {
        LastToken = cancellationToken;
        Interlocked.Increment(ref _runs);
        OnRun?.Invoke();
        return Task.CompletedTask;
    }
}

/// <summary>A second counting collector type, to run beside the first.</summary>
public sealed class OtherCountingCollector : IMetricsCollector
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public Task CollectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.CompletedTask;
    }
}

/// <summary>Fails every run with a <see cref="CollectorException"/>.</summary>
public sealed class UnreachableQueueCollector : IMetricsCollector
{
    public Task CollectAsync(CancellationToken cancellationToken) =>
        throw new CollectorException("queue service at 10.0.0.7 unreachable");
}

/// <summary>Fails every run with an unexpected exception, thrown asynchronously.</summary>
public sealed class CrashingCollector : IMetricsCollector
{
    public async Task CollectAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new InvalidOperationException("index out of whack");
    }
}

/// <summary>Runs until the test releases it (or the token is cancelled).</summary>
public sealed class BlockingCollector : IMetricsCollector
{
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public int Started => Volatile.Read(ref _started);

    public void Release()
    {
        var release = _release;
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release.SetResult();
    }

    public async Task CollectAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        await _release.Task.WaitAsync(cancellationToken);
    }
}

/// <summary>Sets a gauge and a counter of its own, as a real collector does.</summary>
public sealed class QueueDepthCollector(MetricFactory metrics) : IMetricsCollector
{
    private readonly global::Instrumentation.Instruments.Gauge _depth = metrics.CreateGauge("queue_depth", "Messages waiting.", ["queue"]);
    private readonly global::Instrumentation.Instruments.Counter _polls = metrics.CreateCounter("queue_polls", "Polls of the queue service.");

    public Task CollectAsync(CancellationToken cancellationToken)
    {
        _depth.WithLabels("fruits").Set(42);
        _depth.WithLabels("vegetables_and_more").Set(7.5);
        _polls.Inc();
        return Task.CompletedTask;
    }
}
