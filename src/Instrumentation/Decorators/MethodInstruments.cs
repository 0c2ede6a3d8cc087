using System.ComponentModel;
using System.Diagnostics;
using Instrumentation.Instruments;

namespace Instrumentation.Decorators;

/// <summary>
/// The instruments of one decorated service method, resolved once when the generated decorator is
/// constructed; the decorator calls <see cref="Start"/> before forwarding and <see cref="Succeed"/>,
/// <see cref="Fail"/> or one of the <c>Track</c> overloads after. For generated code: write
/// <c>[Timed]</c>, <c>[Counted]</c> or <c>[TrackInProgress]</c> on the service instead.
/// </summary>
/// <remarks>
/// Recording never breaks the call: a failure to create or record is logged once and swallowed.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MethodInstruments
{
    private static readonly string[] TimedLabels = ["class", "method", "exception"];
    private static readonly string[] CountedLabels = ["class", "method", "result", "exception"];
    private static readonly string[] InProgressLabels = ["class", "method"];

    private readonly MetricFactory _factory;
    private readonly string _className;
    private readonly string _methodName;
    private readonly TimedInstrument? _timed;
    private readonly string[] _timedExtraValues;
    private readonly IValueRecorder? _timedSuccess;
    private readonly Counter? _counted;
    private readonly string[] _countedExtraValues;
    private readonly CounterChild? _countedSuccess;
    private readonly GaugeChild? _inProgress;
    private int _failureLogged;

    private MethodInstruments(MetricFactory factory, string className, string methodName, TimedAttribute? timed, CountedAttribute? counted, TrackInProgressAttribute? inProgress)
    {
        _factory = factory;
        _className = className;
        _methodName = methodName;
        _timedExtraValues = [];
        _countedExtraValues = [];
        try
        {
            if (timed is not null)
            {
                _timed = AttributeInstruments.CreateTimed(factory, timed, TimedAttribute.DefaultServiceName, TimedAttribute.DefaultServiceHelp, TimedLabels);
                _timedExtraValues = AttributeInstruments.ExtraLabelValues(timed.ExtraLabels);
                _timedSuccess = _timed.WithLabels(Values([className, methodName, CountedAttribute.NoException], _timedExtraValues));
            }

            if (counted is not null)
            {
                _counted = AttributeInstruments.CreateCounted(factory, counted, CountedAttribute.DefaultServiceName, CountedAttribute.DefaultServiceHelp, CountedLabels);
                _countedExtraValues = AttributeInstruments.ExtraLabelValues(counted.ExtraLabels);
                _countedSuccess = counted.FailuresOnly
                    ? null
                    : _counted.WithLabels(Values([className, methodName, CountedAttribute.Success, CountedAttribute.NoException], _countedExtraValues));
            }

            if (inProgress is not null)
            {
                var gauge = AttributeInstruments.CreateInProgress(factory, inProgress, TrackInProgressAttribute.DefaultServiceName, TrackInProgressAttribute.DefaultServiceHelp, InProgressLabels);
                _inProgress = gauge.WithLabels(Values([className, methodName], AttributeInstruments.ExtraLabelValues(inProgress.ExtraLabels)));
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            _timed = null;
            _timedSuccess = null;
            _counted = null;
            _countedSuccess = null;
            _inProgress = null;
            ReportFailure(e);
        }
    }

    /// <summary>Creates the instruments of one method; a definition that cannot be created is logged and leaves the method unrecorded.</summary>
    /// <param name="factory">The factory to create the instruments in.</param>
    /// <param name="className">The <c>class</c> label value.</param>
    /// <param name="methodName">The <c>method</c> label value.</param>
    /// <param name="timed">The <c>[Timed]</c> that applies to the method, if any.</param>
    /// <param name="counted">The <c>[Counted]</c> that applies to the method, if any.</param>
    /// <param name="inProgress">The <c>[TrackInProgress]</c> that applies to the method, if any.</param>
    /// <returns>The instruments, never null.</returns>
    public static MethodInstruments Create(MetricFactory factory, string className, string methodName, TimedAttribute? timed, CountedAttribute? counted, TrackInProgressAttribute? inProgress)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(methodName);
        return new MethodInstruments(factory, className, methodName, timed, counted, inProgress);
    }

    /// <summary>Marks the start of a call: raises the in-progress gauge and returns the start timestamp.</summary>
    /// <returns>
    /// The <see cref="Stopwatch"/> timestamp to hand to <see cref="Succeed"/> or <see cref="Fail"/>; 0 when the method
    /// is not timed, since reading the clock was most of what counting a call cost.
    /// </returns>
    public long Start()
    {
        try
        {
            _inProgress?.Inc();
        }
        catch (Exception e)
        {
            ReportFailure(e);
        }

        return _timed is null ? 0 : Stopwatch.GetTimestamp();
    }

    /// <summary>Records a call that completed.</summary>
    /// <param name="started">The timestamp <see cref="Start"/> returned.</param>
    public void Succeed(long started)
    {
        try
        {
            _timedSuccess?.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            _countedSuccess?.Inc();
            _inProgress?.Dec();
        }
        catch (Exception e)
        {
            ReportFailure(e);
        }
    }

    /// <summary>
    /// Records a call that failed; returns false so that it can sit in an exception filter and the
    /// exception propagates untouched.
    /// </summary>
    /// <param name="started">The timestamp <see cref="Start"/> returned.</param>
    /// <param name="exception">The exception that escaped the call.</param>
    /// <returns>Always false.</returns>
    public bool Fail(long started, Exception exception)
    {
        try
        {
            var exceptionName = ExceptionLabel(exception);
            _timed?.WithLabels(Values([_className, _methodName, exceptionName], _timedExtraValues)).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            _counted?.WithLabels(Values([_className, _methodName, CountedAttribute.Failure, exceptionName], _countedExtraValues)).Inc();
            _inProgress?.Dec();
        }
        catch (Exception e)
        {
            ReportFailure(e);
        }

        return false;
    }

    /// <summary>Records the call when <paramref name="task"/> completes; returns it, or a task that completes the same way.</summary>
    /// <param name="task">The task the inner service returned.</param>
    /// <param name="started">The timestamp <see cref="Start"/> returned.</param>
    /// <returns>A task with the same outcome.</returns>
    public Task Track(Task task, long started)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            Succeed(started);
            return task;
        }

        return Await(task, started);
    }

    /// <inheritdoc cref="Track(Task, long)"/>
    /// <typeparam name="T">The result type.</typeparam>
    public Task<T> Track<T>(Task<T> task, long started)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            Succeed(started);
            return task;
        }

        return Await(task, started);
    }

    /// <inheritdoc cref="Track(Task, long)"/>
    public ValueTask Track(ValueTask task, long started)
    {
        if (task.IsCompletedSuccessfully)
        {
            Succeed(started);
            return task;
        }

        return new ValueTask(Await(task.AsTask(), started));
    }

    /// <inheritdoc cref="Track(Task, long)"/>
    /// <typeparam name="T">The result type.</typeparam>
    public ValueTask<T> Track<T>(ValueTask<T> task, long started)
    {
        if (task.IsCompletedSuccessfully)
        {
            Succeed(started);
            return task;
        }

        return new ValueTask<T>(Await(task.AsTask(), started));
    }

    /// <summary>
    /// Wraps an async stream so that each enumeration is one recorded call: from <c>GetAsyncEnumerator</c>
    /// until the last element, an exception, or <c>DisposeAsync</c> of an enumeration abandoned half-way.
    /// </summary>
    /// <param name="source">The stream the inner service returned.</param>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>The wrapped stream.</returns>
    public IAsyncEnumerable<T> Track<T>(IAsyncEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new TrackedAsyncEnumerable<T>(source, this);
    }

    private static string ExceptionLabel(Exception exception) =>
        exception is OperationCanceledException ? nameof(OperationCanceledException) : exception.GetType().Name;

    private static string[] Values(string[] defaults, string[] extra)
    {
        if (extra.Length == 0)
        {
            return defaults;
        }

        var values = new string[defaults.Length + extra.Length];
        defaults.CopyTo(values, 0);
        extra.CopyTo(values, defaults.Length);
        return values;
    }

    private async Task Await(Task task, long started)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (Fail(started, e))
        {
            throw;
        }

        Succeed(started);
    }

    private async Task<T> Await<T>(Task<T> task, long started)
    {
        T result;
        try
        {
            result = await task.ConfigureAwait(false);
        }
        catch (Exception e) when (Fail(started, e))
        {
            throw;
        }

        Succeed(started);
        return result;
    }

    private void ReportFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
        {
            _factory.SelfMetrics.ReportDecoratedMethodFailure($"{_className}.{_methodName}", exception);
        }
    }
}
