using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Applies <see cref="TimedAttribute"/>, <see cref="CountedAttribute"/> and <see cref="TrackInProgressAttribute"/>
/// to the endpoint routing selects: for an attributed endpoint the rest of the pipeline gets a copy of the
/// endpoint whose delegate records around the handler, so only handler work is measured, and authentication,
/// authorization and other middleware still run first, on the same metadata.
/// </summary>
/// <remarks>
/// Wherever it sits: after routing it swaps the selected endpoint for the copy; before routing (where the
/// automatic placement puts it, at the very start of the pipeline) it stands in for the request's
/// <see cref="IEndpointFeature"/>, so the copy is what routing's choice becomes (<see cref="EndpointMetricsFeature"/>).
/// Either way routing runs where the app put it, after <c>UsePathBase</c> or a rewriter.
/// </remarks>
internal sealed class EndpointMetricsMiddleware(RequestDelegate next, EndpointMetricsSites sites, AttributedEndpointsPresence attributed, EndpointMetricsOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            if (!attributed.Any)
            {
                // No endpoint routing can select records anything: no stand-in, no allocation.
                return next(context);
            }

            var feature = new EndpointMetricsFeature(context.Features.Get<IEndpointFeature>(), sites, options.IncludeRejectedRequests);
            context.Features.Set<IEndpointFeature>(feature);
            return options.IncludeRejectedRequests ? InvokeBeforeRoutingRecordingRejectionsAsync(context, feature) : next(context);
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

    // Routing runs later, so which site (if any) the request went to, and when, is known only afterwards.
    private async Task InvokeBeforeRoutingRecordingRejectionsAsync(HttpContext context, EndpointMetricsFeature feature)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (feature.Site is { } site && RecordIfRejected(context, site, feature.SelectedTimestamp, exception))
        {
            throw;
        }

        if (feature.Site is { } selected)
        {
            RecordIfRejected(context, selected, feature.SelectedTimestamp, exception: null);
        }
    }

    private static bool RecordIfRejected(HttpContext context, EndpointMetricsSite site, long start, Exception? exception)
    {
        if (context.Features.Get<EndpointMetricsSite.HandlerStarted>() is null)
        {
            site.RecordRejected(context, start, exception);
        }

        return false;
    }
}
