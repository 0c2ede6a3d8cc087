using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// The attributed endpoints seen so far, each resolved once on its first request: its attributes read and
/// its instruments created. Endpoints without metrics attributes, or whose attributes cannot be applied
/// (logged once), map to null and pass through untouched.
/// </summary>
internal sealed class EndpointMetricsSites(MetricFactory factory, ILogger logger, EndpointMetricsOptions options)
{
    private readonly ConcurrentDictionary<Endpoint, EndpointMetricsSite?> _sites = new();

    /// <summary>The site of an attributed endpoint, or null for any other endpoint (and for a recording copy).</summary>
    public EndpointMetricsSite? Get(Endpoint endpoint) =>
        _sites.TryGetValue(endpoint, out var site) ? site : _sites.GetOrAdd(endpoint, static (e, self) => self.Resolve(e), this);

    private EndpointMetricsSite? Resolve(Endpoint endpoint)
    {
        // A copy made by a site (of this middleware, or of another placed in the same pipeline) is already recorded.
        if (endpoint is not RouteEndpoint route || route.RequestDelegate is null || route.RequestDelegate.Target is EndpointMetricsSite)
        {
            return null;
        }

        var timed = EndpointAttributes.Find<TimedAttribute>(endpoint);
        var counted = EndpointAttributes.Find<CountedAttribute>(endpoint);
        var inProgress = EndpointAttributes.Find<TrackInProgressAttribute>(endpoint);
        if (timed is null && counted is null && inProgress is null)
        {
            return null;
        }

        try
        {
            return new EndpointMetricsSite(route, factory, logger, timed, counted, inProgress, options.IncludeRejectedRequests);
        }
        catch (Exception exception)
        {
            EndpointMetricsLog.ResolutionFailed(logger, endpoint.DisplayName, exception);
            return null;
        }
    }
}
