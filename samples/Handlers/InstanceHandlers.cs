using Instrumentation;
using Microsoft.AspNetCore.Authorization;

namespace Handlers;

/// <summary><c>GET /instances</c> and <c>PUT /instances</c>: authenticated, then counted and timed.</summary>
public static class InstanceHandlers
{
    private const string CacheKey = "instances";

    [Authorize]
    [Timed(HandlerMetricNames.Duration, HandlerMetricNames.DurationHelp, Quantiles = [0.5, 0.9, 0.99])]
    [Counted(HandlerMetricNames.Calls, HandlerMetricNames.CallsHelp)]
    public static InstanceState Get(InstanceSettings settings, ResponseCache cache) =>
        cache.GetOrAdd(CacheKey, () => settings.Current);

    [Authorize]
    [Timed(HandlerMetricNames.Duration, HandlerMetricNames.DurationHelp, Quantiles = [0.5, 0.9, 0.99])]
    [Counted(HandlerMetricNames.Calls, HandlerMetricNames.CallsHelp)]
    public static IResult Put(InstanceState update, InstanceSettings settings, ResponseCache cache)
    {
        if (string.IsNullOrWhiteSpace(update.ActiveInstance) || string.IsNullOrWhiteSpace(update.AuthType))
        {
            return Results.BadRequest(new { error = "activeInstance and authType are required" });
        }

        settings.Set(update);
        cache.Remove(CacheKey);
        return Results.Ok(update);
    }
}
