using System.Diagnostics;
using Instrumentation.Instruments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// One attributed endpoint with the instruments its attributes record into, resolved once, and a copy of
/// the endpoint whose request delegate records around the original handler.
/// </summary>
internal sealed class EndpointMetricsSite
{
    /// <summary>Label names of <c>[Timed]</c> on endpoints, before any extra labels.</summary>
    public static readonly string[] TimedLabels = ["method", "route", "status_code"];

    /// <summary>Label names of <c>[Counted]</c> on endpoints, before any extra labels.</summary>
    public static readonly string[] CountedLabels = ["method", "route", "status_code", "result", "exception"];

    /// <summary>Label names of <c>[TrackInProgress]</c> on endpoints, before any extra labels.</summary>
    public static readonly string[] InProgressLabels = ["method", "route"];

    /// <summary>The status recorded for a request whose client went away (nginx's "client closed request").</summary>
    private const int ClientClosedRequest = 499;

    /// <summary>Method and status pairs kept per endpoint: an endpoint answers with a handful.</summary>
    private const int KeptSlots = 8;

    private readonly RequestDelegate _handler;
    private readonly string _route;
    private readonly ILogger _logger;
    private readonly TimedInstrument? _timed;
    private readonly string[] _timedExtras;
    private readonly Counter? _counted;
    private readonly bool _failuresOnly;
    private readonly string[] _countedExtras;
    private readonly Gauge? _inProgress;
    private readonly string[] _inProgressExtras;
    private readonly bool _markHandlerStarted;
    private readonly RequestSeriesTable<SiteSeries>? _kept;
    private int _recordingFailed;

    public EndpointMetricsSite(
        RouteEndpoint original,
        MetricFactory factory,
        ILogger logger,
        TimedAttribute? timed,
        CountedAttribute? counted,
        TrackInProgressAttribute? inProgress,
        bool markHandlerStarted)
    {
        _markHandlerStarted = markHandlerStarted;
        _handler = original.RequestDelegate!;
        // One form for every endpoint: MVC attribute routes' templates have no leading '/' ("orders/{id:int}"),
        // minimal APIs' do ("/orders/{id:int}"); the label always starts with '/'.
        _route = original.RoutePattern.RawText is { } template
            ? (template.StartsWith('/') ? template : "/" + template)
            : original.DisplayName ?? "unknown";
        _logger = logger;
        if (timed is not null)
        {
            _timed = AttributeInstruments.CreateTimed(factory, timed, TimedAttribute.DefaultEndpointName, TimedAttribute.DefaultEndpointHelp, TimedLabels);
            _timedExtras = AttributeInstruments.ExtraLabelValues(timed.ExtraLabels);
        }

        if (counted is not null)
        {
            _counted = AttributeInstruments.CreateCounted(factory, counted, CountedAttribute.DefaultEndpointName, CountedAttribute.DefaultEndpointHelp, CountedLabels);
            _failuresOnly = counted.FailuresOnly;
            _countedExtras = AttributeInstruments.ExtraLabelValues(counted.ExtraLabels);
        }

        if (inProgress is not null)
        {
            _inProgress = AttributeInstruments.CreateInProgress(factory, inProgress, TrackInProgressAttribute.DefaultEndpointName, TrackInProgressAttribute.DefaultEndpointHelp, InProgressLabels);
            _inProgressExtras = AttributeInstruments.ExtraLabelValues(inProgress.ExtraLabels);
        }

        _timedExtras ??= [];
        _countedExtras ??= [];
        _inProgressExtras ??= [];
        _kept = _timed is null && _counted is null ? null : new RequestSeriesTable<SiteSeries>(KeptSlots, _timed?.Family, _counted);
        Endpoint = new RouteEndpoint(InvokeAsync, original.RoutePattern, original.Order, original.Metadata, original.DisplayName);
    }

    /// <summary>The endpoint later middleware sees: same pattern, order, metadata and name, recording delegate.</summary>
    public RouteEndpoint Endpoint { get; }

    /// <summary>
    /// Records a request answered before the handler ran, when <see cref="EndpointMetricsOptions.IncludeRejectedRequests"/>
    /// asks for it; it counts as a failure, since the handler never served it.
    /// </summary>
    public void RecordRejected(HttpContext context, long startTimestamp, Exception? exception) =>
        Record(context, HttpLabelValues.Method(context.Request.Method), startTimestamp, exception, rejected: true);

    private Task InvokeAsync(HttpContext context)
    {
        if (_markHandlerStarted)
        {
            context.Features.Set(HandlerStarted.Instance);
        }

        var method = HttpLabelValues.Method(context.Request.Method);
        var inProgress = Enter(method);

        // The clock only for [Timed]: reading it twice was most of what [Counted] alone cost a request.
        var start = _timed is null ? 0 : Stopwatch.GetTimestamp();
        Task pending;
        try
        {
            pending = _handler(context);
        }
        catch (Exception exception) when (RecordAndContinueUnwinding(context, method, start, exception))
        {
            throw;
        }
        catch
        {
            inProgress.Dispose();
            throw;
        }

        // A handler that completes synchronously is recorded here: no state machine to allocate for it.
        if (pending.IsCompletedSuccessfully)
        {
            inProgress.Dispose();
            Record(context, method, start, exception: null);
            return Task.CompletedTask;
        }

        return AwaitAndRecordAsync(pending, context, method, start, inProgress);
    }

    private async Task AwaitAndRecordAsync(Task pending, HttpContext context, string method, long start, InProgressScope inProgress)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception) when (RecordAndContinueUnwinding(context, method, start, exception))
        {
            throw;
        }
        finally
        {
            inProgress.Dispose();
        }

        Record(context, method, start, exception: null);
    }

    private InProgressScope Enter(string method)
    {
        if (_inProgress is null)
        {
            return default;
        }

        try
        {
            var buffer = default(LabelBuffer);
            return _inProgress.WithLabels(LabelBuffer.Compose(ref buffer, [method, _route], _inProgressExtras)).TrackInProgress();
        }
        catch (Exception exception)
        {
            LogRecordingFailure(exception);
            return default;
        }
    }

    private bool RecordAndContinueUnwinding(HttpContext context, string method, long start, Exception exception)
    {
        Record(context, method, start, exception);
        return false;
    }

    private void Record(HttpContext context, string method, long start, Exception? exception, bool rejected = false)
    {
        if (_kept is null)
        {
            // Neither [Timed] nor [Counted]: only [TrackInProgress], which is done.
            return;
        }

        try
        {
            var seconds = _timed is null ? 0 : Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (exception is null && !rejected)
            {
                // The common case: the series of this method and status, found again without a label lookup.
                var statusCode = context.Response.StatusCode;
                var generation = _kept.Generation;
                var series = _kept.Find(this, method, statusCode, generation);
                if (series is not null)
                {
                    series.Timed?.Observe(seconds);
                    series.Counted?.Inc();
                }
                else
                {
                    RecordAndKeep(method, statusCode, generation, seconds);
                }

                return;
            }

            var failedStatus = exception is null ? context.Response.StatusCode
                : exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested ? ClientClosedRequest
                : StatusCodes.Status500InternalServerError;
            var status = HttpLabelValues.StatusCode(failedStatus);
            var buffer = default(LabelBuffer);
            _timed?.WithLabels(LabelBuffer.Compose(ref buffer, [method, _route, status], _timedExtras)).Observe(seconds);
            if (_counted is not null)
            {
                var exceptionName = exception?.GetType().Name ?? CountedAttribute.NoException;
                _counted.WithLabels(LabelBuffer.Compose(ref buffer, [method, _route, status, CountedAttribute.Failure, exceptionName], _countedExtras)).Inc();
            }
        }
        catch (Exception recordingFailure)
        {
            LogRecordingFailure(recordingFailure);
        }
    }

    /// <summary>Records a call answered with <paramref name="statusCode"/> through the label lookup, and keeps its series unless one is an overflow series.</summary>
    private void RecordAndKeep(string method, int statusCode, long generation, double seconds)
    {
        var status = HttpLabelValues.StatusCode(statusCode);
        var buffer = default(LabelBuffer);
        var timed = _timed?.WithLabels(LabelBuffer.Compose(ref buffer, [method, _route, status], _timedExtras));
        timed?.Observe(seconds);
        CounterChild? counted = null;
        var failed = statusCode >= StatusCodes.Status500InternalServerError;
        if (_counted is not null && (failed || !_failuresOnly))
        {
            var result = failed ? CountedAttribute.Failure : CountedAttribute.Success;
            counted = _counted.WithLabels(LabelBuffer.Compose(ref buffer, [method, _route, status, result, CountedAttribute.NoException], _countedExtras));
            counted.Inc();
        }

        if (!IsOverflow(timed, counted) && _kept!.HasRoomFor(this, method, statusCode))
        {
            _kept.Offer(this, method, statusCode, generation, new SiteSeries(timed, counted));
        }
    }

    private bool IsOverflow(IValueRecorder? timed, CounterChild? counted) =>
        (timed is Series series && _timed!.Family.IsOverflow(series)) || (counted is not null && _counted!.IsOverflow(counted));

    private void LogRecordingFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _recordingFailed, 1) == 0)
        {
            EndpointMetricsLog.RecordingFailed(_logger, Endpoint.DisplayName, exception);
        }
    }

    /// <summary>The series one call records into when it ends without an exception.</summary>
    private sealed class SiteSeries(IValueRecorder? timed, CounterChild? counted)
    {
        public IValueRecorder? Timed { get; } = timed;

        public CounterChild? Counted { get; } = counted;
    }

    /// <summary>Set on a request once the handler starts, so the middleware can tell rejected requests apart.</summary>
    internal sealed class HandlerStarted
    {
        public static readonly HandlerStarted Instance = new();
    }
}
