using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Whether any endpoint the app can route to carries a metrics attribute, read from the app's endpoints (the
/// <see cref="EndpointDataSource"/> service, which holds the endpoints of every <c>UseEndpoints</c> and of the
/// <c>WebApplication</c> itself) and read again after they change. While none does, the endpoint metrics middleware
/// leaves requests alone, so an app that calls <c>AddMetrics()</c> without the attributes pays nothing per request
/// for them.
/// </summary>
/// <remarks>
/// The check per request is one read and the change token's flag. One request at a time reads the endpoints (on the
/// first request and after each change); the others meanwhile get the stand-in. Whenever the answer cannot be known
/// the answer is yes, and every request gets the stand-in as before: no routing services, an
/// <see cref="EndpointDataSource"/> service that is not routing's own composite of every route builder's endpoints
/// (an app or library replaced it), endpoints that cannot be read. An endpoint a middleware sets by hand without it
/// being in any data source is not seen while no routed endpoint carries an attribute. A request that starts while
/// the endpoints are being changed may see the old answer.
/// </remarks>
internal sealed class AttributedEndpointsPresence(EndpointDataSource? endpoints)
{
    private readonly EndpointDataSource? _endpoints = endpoints is CompositeEndpointDataSource ? endpoints : null;
    private Snapshot? _snapshot;
    private int _refreshing;

    /// <summary>Whether an attributed endpoint may be selected (true when it cannot be known).</summary>
    public bool Any
    {
        get
        {
            if (_endpoints is null)
            {
                return true;
            }

            var snapshot = Volatile.Read(ref _snapshot);
            return snapshot is not null && !snapshot.Token.HasChanged ? snapshot.Any : Refresh(_endpoints);
        }
    }

    /// <summary>Whether <paramref name="endpoint"/> carries <c>[Timed]</c>, <c>[Counted]</c> or <c>[TrackInProgress]</c>.</summary>
    private static bool IsAttributed(Endpoint endpoint) =>
        EndpointAttributes.Find<TimedAttribute>(endpoint) is not null
        || EndpointAttributes.Find<CountedAttribute>(endpoint) is not null
        || EndpointAttributes.Find<TrackInProgressAttribute>(endpoint) is not null;

    private bool Refresh(EndpointDataSource source)
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return true;
        }

        IChangeToken? token = null;
        var any = true;
        try
        {
            // The token before the endpoints: a change while they are read makes the next request read them again.
            token = source.GetChangeToken();
            any = false;
            foreach (var endpoint in source.Endpoints)
            {
                if (IsAttributed(endpoint))
                {
                    any = true;
                    break;
                }
            }
        }
        catch (Exception)
        {
            // A data source that fails here fails routing too, which reports it. Until the endpoints change, every
            // request keeps the stand-in rather than reading them again.
            any = true;
        }
        finally
        {
            if (token is not null)
            {
                Volatile.Write(ref _snapshot, new Snapshot(token, any));
            }

            Volatile.Write(ref _refreshing, 0);
        }

        return any;
    }

    private sealed class Snapshot(IChangeToken token, bool any)
    {
        public IChangeToken Token { get; } = token;

        public bool Any { get; } = any;
    }
}
