using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Applies <see cref="TimedAttribute"/>, <see cref="CountedAttribute"/> and <see cref="TrackInProgressAttribute"/>
/// to the endpoint routing selected: for an attributed endpoint it hands the rest of the pipeline a copy of
/// the endpoint whose delegate records around the handler, so only handler work is measured wherever the
/// middleware sits after routing, and authentication, authorization and other middleware still run first.
/// </summary>
internal sealed class EndpointMetricsMiddleware(RequestDelegate next, EndpointMetricsSites sites, EndpointMetricsOptions options, ILogger logger)
{
    private int _warnedBeforeRouting;

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return InvokeUnroutedAsync(context);
        }

        var site = sites.Get(endpoint);
        if (site is null)
        {
            return next(context);
        }

        context.SetEndpoint(site.Endpoint);
        return options.IncludeRejectedRequests ? InvokeRecordingRejectionsAsync(context, site) : next(context);
    }

    private async Task InvokeRecordingRejectionsAsync(HttpContext context, EndpointMetricsSite site)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (RecordIfRejected(context, site, start, exception))
        {
            throw;
        }

        RecordIfRejected(context, site, start, exception: null);
    }

    private static bool RecordIfRejected(HttpContext context, EndpointMetricsSite site, long start, Exception? exception)
    {
        if (context.Features.Get<EndpointMetricsSite.HandlerStarted>() is null)
        {
            site.RecordRejected(context, start, exception);
        }

        return false;
    }

    private async Task InvokeUnroutedAsync(HttpContext context)
    {
        await next(context).ConfigureAwait(false);

        // Routing ran after us: say so once, when it routed to an endpoint that wanted recording.
        var routed = context.GetEndpoint();
        if (routed is not null && Volatile.Read(ref _warnedBeforeRouting) == 0 && sites.IsAttributed(routed)
            && Interlocked.Exchange(ref _warnedBeforeRouting, 1) == 0)
        {
            EndpointMetricsLog.BeforeRouting(logger);
        }
    }
}
