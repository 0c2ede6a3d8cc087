using Instrumentation.Instruments;
using Microsoft.Extensions.Logging;

namespace Instrumentation.Collectors;

/// <summary>
/// Runs one collector: never two runs at once, every failure logged and counted, duration and last
/// success recorded. Never throws; thread-safe.
/// </summary>
internal sealed class CollectorRunner
{
    private readonly IMetricsCollector _collector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CounterChild _errors;
    private readonly CounterChild _skipped;
    private readonly GaugeChild _lastSuccess;
    private readonly GaugeChild _duration;
    private Task<bool> _current = Task.FromResult(true);
    private int _running;

    public CollectorRunner(CollectorRegistration registration, IMetricsCollector collector, CollectorSelfMetrics metrics, TimeProvider time, ILogger logger)
    {
        Registration = registration;
        _collector = collector;
        _time = time;
        _logger = logger;
        _errors = metrics.Errors.WithLabels(registration.Name);
        _skipped = metrics.Skipped.WithLabels(registration.Name);
        _lastSuccess = metrics.LastSuccess.WithLabels(registration.Name);
        _duration = metrics.Duration.WithLabels(registration.Name);
    }

    public CollectorRegistration Registration { get; }

    public string Name => Registration.Name;

    /// <summary>The latest run (completed when none is going); true when it succeeded.</summary>
    public Task<bool> Current => Volatile.Read(ref _current);

    /// <summary>
    /// Starts a run unless one is going, in which case the tick is counted as skipped and the going run
    /// is returned. The returned task completes when the run ends: true when it succeeded.
    /// </summary>
    public Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            _skipped.Inc();
            CollectorLog.Skipped(_logger, Name);
            return Current;
        }

        var run = RunCoreAsync(cancellationToken);
        Volatile.Write(ref _current, run);
        return run;
    }

    private async Task<bool> RunCoreAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            await _collector.CollectAsync(cancellationToken).ConfigureAwait(false);
            var seconds = _time.GetElapsedTime(started).TotalSeconds;
            _lastSuccess.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            CollectorLog.Succeeded(_logger, Name, seconds);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            CollectorLog.Cancelled(_logger, Name);
            return false;
        }
        catch (CollectorException exception)
        {
            _errors.Inc();
            CollectorLog.FailedWithMessage(_logger, Name, exception.Message);
            return false;
        }
#pragma warning disable CA1031 // A collector's failure must never reach the timer thread nor stop the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _errors.Inc();
            CollectorLog.Failed(_logger, Name, exception.Message, exception);
            return false;
        }
        finally
        {
            _duration.Set(_time.GetElapsedTime(started).TotalSeconds);
            Volatile.Write(ref _running, 0);
        }
    }
}
