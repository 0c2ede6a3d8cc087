using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// The request's <see cref="IEndpointFeature"/> while the endpoint metrics middleware runs before routing: when
/// routing selects an attributed endpoint (through <c>HttpContext.SetEndpoint</c>, which writes this feature), it
/// keeps the recording copy instead, so authorization and the endpoint middleware see the same metadata and run
/// the copy. Writes also go to the feature it stands in for (Kestrel's own, for instance), so nothing that holds
/// that one sees another endpoint. One per request; not thread-safe, as no feature is.
/// </summary>
internal sealed class EndpointMetricsFeature : IEndpointFeature
{
    private readonly IEndpointFeature? _inner;
    private readonly EndpointMetricsSites _sites;
    private readonly bool _stampSelection;
    private Endpoint? _endpoint;

    public EndpointMetricsFeature(IEndpointFeature? inner, EndpointMetricsSites sites, bool stampSelection)
    {
        _inner = inner;
        _sites = sites;
        _stampSelection = stampSelection;
        _endpoint = inner?.Endpoint;
    }

    /// <summary>The site of the endpoint last set, or null when that endpoint carries no metrics attribute.</summary>
    public EndpointMetricsSite? Site { get; private set; }

    /// <summary>When <see cref="Site"/> was selected (a <see cref="Stopwatch"/> timestamp), if asked to stamp it.</summary>
    public long SelectedTimestamp { get; private set; }

    public Endpoint? Endpoint
    {
        get => _endpoint;
        set
        {
            var site = value is null ? null : _sites.Get(value);
            Site = site;
            if (site is not null)
            {
                value = site.Endpoint;
                if (_stampSelection)
                {
                    SelectedTimestamp = Stopwatch.GetTimestamp();
                }
            }

            _endpoint = value;
            if (_inner is not null)
            {
                _inner.Endpoint = value;
            }
        }
    }
}
