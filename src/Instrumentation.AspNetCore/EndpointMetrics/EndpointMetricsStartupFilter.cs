using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Instrumentation.AspNetCore.EndpointMetrics;

/// <summary>
/// Puts the endpoint metrics middleware at the very start of the app's pipeline, before routing, wherever the app
/// routes (see <see cref="EndpointMetricsMiddleware"/>), unless the app calls <c>UseEndpointMetrics()</c> itself.
/// Registered by <c>AddMetrics()</c> on a <c>WebApplicationBuilder</c>.
/// </summary>
internal sealed class EndpointMetricsStartupFilter : IStartupFilter
{
    /// <summary>
    /// Whether the app called <c>UseEndpointMetrics()</c> anywhere, a branch included (a branch's
    /// <see cref="IApplicationBuilder.Properties"/> are its own copy, so a mark there would not reach the app).
    /// Set and read while the app is being configured and its pipeline built, on one thread.
    /// </summary>
    public bool PlacedExplicitly { get; private set; }

    public void MarkPlacedExplicitly() => PlacedExplicitly = true;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        EndpointMetricsPlacement.UseAutomatic(app);
        next(app);
    };
}
