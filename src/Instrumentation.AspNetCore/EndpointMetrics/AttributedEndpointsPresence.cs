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
/// The check per request is one read and the change token's flag. Without the service (a host with no routing) or
/// when the endpoints cannot be read, the answer is yes: every request gets the stand-in, as before. An endpoint a
/// middleware sets by hand without it being in any data source is not seen while no routed endpoint carries an
/// attribute. A request that starts while the endpoints are being changed may see the old answer.
/// </remarks>
internal sealed class AttributedEndpointsPresence(EndpointDataSource? endpoints)
{
    private Snapshot? _snapshot;

    /// <summary>Whether an attributed endpoint may be selected (true when it cannot be known).</summary>
    public bool Any
    {
        get
        {
            if (endpoints is null)
            {
                return true;
            }

            var snapshot = Volatile.Read(ref _snapshot);
            return snapshot is not null && !snapshot.Token.HasChanged ? snapshot.Any : Refresh(endpoints);
        }
    }

    /// <summary>Whether <paramref name="endpoint"/> carries <c>[Timed]</c>, <c>[Counted]</c> or <c>[TrackInProgress]</c>.</summary>
    public static bool IsAttributed(Endpoint endpoint) =>
        EndpointAttributes.Find<TimedAttribute>(endpoint) is not null
        || EndpointAttributes.Find<CountedAttribute>(endpoint) is not null
        || EndpointAttributes.Find<TrackInProgressAttribute>(endpoint) is not null;

    private bool Refresh(EndpointDataSource source)
    {
        try
        {
            // The token before the endpoints: a change while they are read makes the next request read them again.
            var token = source.GetChangeToken();
            var any = false;
            foreach (var endpoint in source.Endpoints)
            {
                if (IsAttributed(endpoint))
                {
                    any = true;
                    break;
                }
            }

            Volatile.Write(ref _snapshot, new Snapshot(token, any));
            return any;
        }
        catch (Exception)
        {
            // A data source that fails here fails routing too, which reports it; this request keeps the stand-in.
            return true;
        }
    }

    private sealed class Snapshot(IChangeToken token, bool any)
    {
        public IChangeToken Token { get; } = token;

        public bool Any { get; } = any;
    }
}
