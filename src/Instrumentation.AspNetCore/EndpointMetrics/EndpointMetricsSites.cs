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
    private readonly ConcurrentDictionary<Endpoint, bool> _attributed = new();

    public EndpointMetricsSite? Get(Endpoint endpoint) =>
        _sites.TryGetValue(endpoint, out var site) ? site : _sites.GetOrAdd(endpoint, static (e, self) => self.Resolve(e), this);

    /// <summary>
    /// Whether the endpoint carries any metrics attribute (in its metadata, on its handler, class or interface),
    /// read once per endpoint: the middleware asks it on requests that routing handled after it.
    /// </summary>
    public bool IsAttributed(Endpoint endpoint) =>
        _attributed.TryGetValue(endpoint, out var attributed) ? attributed : _attributed.GetOrAdd(endpoint, static e => HasAttributes(e));

    private static bool HasAttributes(Endpoint endpoint) =>
        EndpointAttributes.Find<TimedAttribute>(endpoint) is not null
        || EndpointAttributes.Find<CountedAttribute>(endpoint) is not null
        || EndpointAttributes.Find<TrackInProgressAttribute>(endpoint) is not null;

    private EndpointMetricsSite? Resolve(Endpoint endpoint)
    {
        // A copy we made (seen again by a second UseEndpointMetrics()) is already recorded by its site.
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
