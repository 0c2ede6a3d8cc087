using Instrumentation;
using Microsoft.AspNetCore.Authorization;

namespace Handlers;

/// <summary><c>POST /cache/purge</c>: authenticated, then counted and timed.</summary>
public static class CacheHandlers
{
    [Authorize]
    [Timed(HandlerMetricNames.Duration, HandlerMetricNames.DurationHelp, Quantiles = [0.5, 0.9, 0.99])]
    [Counted(HandlerMetricNames.Calls, HandlerMetricNames.CallsHelp)]
    public static IResult Purge(ResponseCache cache) => Results.Ok(new { purged = cache.Purge() });
}
