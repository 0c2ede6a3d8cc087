using Instrumentation.AspNetCore.EndpointMetrics;
using Instrumentation.Instruments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Instrumentation.AspNetCore.HttpMetrics;

/// <summary>
/// Applies <see cref="HttpMetricsOptions"/> to ASP.NET Core's built-in HTTP server metrics through
/// <see cref="IHttpMetricsTagsFeature"/> (exclusion by <c>MetricsDisabled</c>, the unmatched route as a custom tag),
/// and records request and response sizes by method, route and status (grouped by class when asked; the
/// grouping of the built-in duration's status code is done where it is collected, see <c>UseHttpMetrics</c>).
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next, HttpMetricsOptions options, PathPattern[] excluded, Histogram? requestSize, Histogram? responseSize)
{
    /// <summary>Route, method and status triples whose size series are kept: a few per route.</summary>
    private const int KeptSlots = 256;

    private readonly RequestSeriesTable<SizeSeries>? _keptSizes = requestSize is null ? null : new(KeptSlots, requestSize, responseSize);

    public Task InvokeAsync(HttpContext context)
    {
        var tags = context.Features.Get<IHttpMetricsTagsFeature>();
        if (IsExcluded(context.Request.Path))
        {
            if (tags is not null)
            {
                tags.MetricsDisabled = true;
            }

            return next(context);
        }

        var bodies = requestSize is null ? default : BodySizeCounters.Install(context);
        Task pending;
        try
        {
            pending = next(context);
        }
        catch
        {
            Complete(context, tags, bodies, failed: true);
            throw;
        }

        // Most requests complete synchronously here: no state machine to allocate for them.
        if (pending.IsCompletedSuccessfully)
        {
            Complete(context, tags, bodies, failed: false);
            return Task.CompletedTask;
        }

        return AwaitAndCompleteAsync(pending, context, tags, bodies);
    }

    private async Task AwaitAndCompleteAsync(Task pending, HttpContext context, IHttpMetricsTagsFeature? tags, BodySizeCounters bodies)
    {
        var failed = false;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            Complete(context, tags, bodies, failed);
        }
    }

    private void Complete(HttpContext context, IHttpMetricsTagsFeature? tags, BodySizeCounters bodies, bool failed)
    {
        if (bodies.IsInstalled)
        {
            bodies.Restore(context);
        }

        // An exception that escapes becomes a 500 unless the response had started.
        var statusCode = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;

        // ASP.NET Core leaves http.route out when no endpoint matched, so this tag adds it rather than
        // duplicating it. The status code is not re-tagged here: ASP.NET Core always records its own
        // http.response.status_code, and a custom tag of the same name would be a second value, not a
        // replacement; grouping it is a rewrite in the foreign-meter bridge (see UseHttpMetrics).
        if (tags is not null && route is null && options.GroupUnmatchedRoutes)
        {
            tags.Tags.Add(new("http.route", HttpMetricsOptions.UnmatchedRoute));
        }

        if (bodies.IsInstalled)
        {
            var method = HttpLabelValues.Method(context.Request.Method);
            var routeLabel = route ?? HttpMetricsOptions.UnmatchedRoute;
            var generation = _keptSizes!.Generation;
            var sizes = _keptSizes.Find(routeLabel, method, statusCode, generation);

            // The bytes the application read, never the declared Content-Length: a client can claim any length
            // (a petabyte in a 3-byte request), and a body refused unread was never received.
            if (sizes is not null)
            {
                sizes.Request.Observe(bodies.RequestBytes);
                sizes.Response.Observe(bodies.ResponseBytes);
            }
            else
            {
                RecordSizesAndKeep(routeLabel, method, statusCode, generation, bodies);
            }
        }
    }

    private void RecordSizesAndKeep(string routeLabel, string method, int statusCode, long generation, BodySizeCounters bodies)
    {
        var status = options.GroupStatusCodes ? StatusCodeClass.Of(statusCode) : HttpLabelValues.StatusCode(statusCode);
        var request = requestSize!.WithLabels(method, routeLabel, status);
        var response = responseSize!.WithLabels(method, routeLabel, status);
        request.Observe(bodies.RequestBytes);
        response.Observe(bodies.ResponseBytes);
        if (!requestSize.IsOverflow(request) && !responseSize.IsOverflow(response) && _keptSizes!.HasRoomFor(routeLabel, method, statusCode))
        {
            _keptSizes.Offer(routeLabel, method, statusCode, generation, new SizeSeries(request, response));
        }
    }

    private bool IsExcluded(PathString path)
    {
        var value = path.Value.AsSpan();
        foreach (var pattern in excluded)
        {
            if (pattern.Matches(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The two size series of one route, method and status.</summary>
    private sealed class SizeSeries(HistogramChild request, HistogramChild response)
    {
        public HistogramChild Request { get; } = request;

        public HistogramChild Response { get; } = response;
    }
}
